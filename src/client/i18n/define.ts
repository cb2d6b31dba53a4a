/**
 * A message catalogue for one domain: English is the reference; French must have every key
 * (TypeScript refuses a missing or extra one). `{name}` placeholders are filled by `t()`.
 */
export function defineMessages<const T extends Record<string, string>>(catalogue: {
  en: T;
  fr: { [K in keyof T]: string };
}) {
  return catalogue;
}

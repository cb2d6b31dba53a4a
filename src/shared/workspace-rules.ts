/** Workspace settings rules shared by the API and the settings UI. */
export const RETENTION_MIN_DAYS = 30;
export const RETENTION_MAX_DAYS = 3650;
export const RETENTION_DEFAULT_DAYS = 730;
export const POSTAL_ADDRESS_MAX_LENGTH = 500;
export const COMPANY_NAME_MAX_LENGTH = 120;
export const ONBOARDING_STEPS = 5;

/** IANA time zones this runtime knows, plus UTC (which `supportedValuesOf` leaves out). */
export function supportedTimeZones(): string[] {
  const zones = Intl.supportedValuesOf('timeZone');
  return zones.includes('UTC') ? zones : ['UTC', ...zones];
}

export function isSupportedTimeZone(value: string): boolean {
  return supportedTimeZones().includes(value);
}

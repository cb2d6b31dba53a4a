/**
 * What to send as the launch's `bonusArgument` so the user's Search Export agent runs our search.
 *
 * PhantomBuster's phantoms name their inputs differently by phantom and by version (`searches`,
 * `search`, `salesNavigatorSearchUrl`, `linkedInSearchUrl`…; `numberOfProfiles`,
 * `numberOfResultsPerSearch`…) and we could not verify a stable list. Rather than guess, we read
 * the agent's saved argument (the user set the agent up in PhantomBuster, so it has the right key
 * names for its version) and override only the keys it already uses. The saved argument also
 * holds the LinkedIn session cookie: it is read for key names only and never copied, logged or
 * stored — the bonus argument merges into it on PhantomBuster's side.
 */

const SEARCH_KEYS = ['salesNavigatorSearchUrl', 'linkedInSearchUrl', 'searches', 'search', 'searchUrl', 'spreadsheetUrl'] as const;
const COUNT_KEYS = ['numberOfProfiles', 'numberOfResultsPerSearch', 'numberOfResultsPerLaunch'] as const;

/** PhantomBuster's Sales Navigator exports stop at 2,500 profiles per search. */
export const MAX_PROFILES_PER_SEARCH = 2500;

export type LaunchArgument =
  | { ok: true; argument: Record<string, string | number>; searchKey: string; countKeys: string[] }
  | { ok: false; reason: string };

export function searchExportArgument(saved: Record<string, unknown> | null, searchUrl: string, maxProfiles: number): LaunchArgument {
  if (!saved) return { ok: false, reason: 'The PhantomBuster agent has no saved settings: set it up in PhantomBuster first (LinkedIn session cookie, search)' };
  const inputType = typeof saved.inputType === 'string' ? saved.inputType : null;
  // Newer phantoms say which input they read (`inputType`); otherwise the first known key present.
  const searchKey = SEARCH_KEYS.find((key) => key === inputType && key in saved) ?? SEARCH_KEYS.find((key) => key in saved);
  if (!searchKey) {
    return { ok: false, reason: 'The PhantomBuster agent does not look like a LinkedIn or Sales Navigator Search Export (no search field in its settings)' };
  }
  const count = Math.max(1, Math.min(MAX_PROFILES_PER_SEARCH, Math.floor(maxProfiles)));
  const countKeys = COUNT_KEYS.filter((key) => key in saved);
  const argument: Record<string, string | number> = { [searchKey]: searchUrl };
  for (const key of countKeys) argument[key] = count;
  return { ok: true, argument, searchKey, countKeys };
}

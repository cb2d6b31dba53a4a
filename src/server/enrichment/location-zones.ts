/**
 * A LinkedIn location line ("Paris, Île-de-France, France", "San Francisco Bay Area", "Greater
 * New York City Area") → its likely IANA timezone, country and language, for the offline
 * provider. Curated, not exhaustive: the places B2B prospects most often list. Countries spanning
 * several zones (United States, Canada, Australia, Brazil, Russia, Mexico, Indonesia) give no
 * timezone by themselves — guessing New York for all of the US would be wrong half the time —
 * only a city or state does.
 */

type Place = { tz: string | null; country: string; language?: string };

/** ISO 3166 country → [timezone when the country has one, ISO 639-1 language]. */
const COUNTRIES: Record<string, [tz: string | null, language: string | null]> = {
  FR: ['Europe/Paris', 'fr'], GB: ['Europe/London', 'en'], IE: ['Europe/Dublin', 'en'], DE: ['Europe/Berlin', 'de'],
  AT: ['Europe/Vienna', 'de'], CH: ['Europe/Zurich', null], BE: ['Europe/Brussels', null], NL: ['Europe/Amsterdam', 'nl'],
  LU: ['Europe/Luxembourg', 'fr'], ES: ['Europe/Madrid', 'es'], PT: ['Europe/Lisbon', 'pt'], IT: ['Europe/Rome', 'it'],
  SE: ['Europe/Stockholm', 'sv'], NO: ['Europe/Oslo', 'no'], DK: ['Europe/Copenhagen', 'da'], FI: ['Europe/Helsinki', 'fi'],
  PL: ['Europe/Warsaw', 'pl'], CZ: ['Europe/Prague', 'cs'], GR: ['Europe/Athens', 'el'], RO: ['Europe/Bucharest', 'ro'],
  HU: ['Europe/Budapest', 'hu'], UA: ['Europe/Kyiv', 'uk'], TR: ['Europe/Istanbul', 'tr'], IL: ['Asia/Jerusalem', 'he'],
  AE: ['Asia/Dubai', 'ar'], SA: ['Asia/Riyadh', 'ar'], EG: ['Africa/Cairo', 'ar'], MA: ['Africa/Casablanca', 'fr'],
  TN: ['Africa/Tunis', 'fr'], SN: ['Africa/Dakar', 'fr'], CI: ['Africa/Abidjan', 'fr'], NG: ['Africa/Lagos', 'en'],
  KE: ['Africa/Nairobi', 'en'], ZA: ['Africa/Johannesburg', 'en'], IN: ['Asia/Kolkata', 'en'], SG: ['Asia/Singapore', 'en'],
  HK: ['Asia/Hong_Kong', 'zh'], CN: ['Asia/Shanghai', 'zh'], JP: ['Asia/Tokyo', 'ja'], KR: ['Asia/Seoul', 'ko'],
  TW: ['Asia/Taipei', 'zh'], TH: ['Asia/Bangkok', 'th'], VN: ['Asia/Ho_Chi_Minh', 'vi'], PH: ['Asia/Manila', 'en'],
  MY: ['Asia/Kuala_Lumpur', 'ms'], NZ: ['Pacific/Auckland', 'en'], AR: ['America/Argentina/Buenos_Aires', 'es'],
  CL: ['America/Santiago', 'es'], CO: ['America/Bogota', 'es'], PE: ['America/Lima', 'es'],
  US: [null, 'en'], CA: [null, 'en'], AU: [null, 'en'], BR: [null, 'pt'], MX: [null, 'es'], RU: [null, 'ru'], ID: [null, 'id'],
};

const COUNTRY_NAMES: Record<string, string> = {
  france: 'FR', 'united kingdom': 'GB', uk: 'GB', england: 'GB', scotland: 'GB', wales: 'GB', 'northern ireland': 'GB', 'great britain': 'GB',
  ireland: 'IE', germany: 'DE', deutschland: 'DE', allemagne: 'DE', austria: 'AT', switzerland: 'CH', suisse: 'CH', schweiz: 'CH',
  belgium: 'BE', belgique: 'BE', netherlands: 'NL', 'the netherlands': 'NL', 'pays-bas': 'NL', luxembourg: 'LU', spain: 'ES',
  espana: 'ES', espagne: 'ES', portugal: 'PT', italy: 'IT', italia: 'IT', italie: 'IT', sweden: 'SE', norway: 'NO', denmark: 'DK',
  finland: 'FI', poland: 'PL', 'czech republic': 'CZ', czechia: 'CZ', greece: 'GR', romania: 'RO', hungary: 'HU', ukraine: 'UA',
  turkey: 'TR', turkiye: 'TR', israel: 'IL', 'united arab emirates': 'AE', uae: 'AE', 'saudi arabia': 'SA', egypt: 'EG',
  morocco: 'MA', maroc: 'MA', tunisia: 'TN', tunisie: 'TN', senegal: 'SN', "cote d'ivoire": 'CI', 'ivory coast': 'CI',
  nigeria: 'NG', kenya: 'KE', 'south africa': 'ZA', india: 'IN', singapore: 'SG', 'hong kong': 'HK', 'hong kong sar': 'HK',
  china: 'CN', japan: 'JP', 'south korea': 'KR', korea: 'KR', taiwan: 'TW', thailand: 'TH', vietnam: 'VN', philippines: 'PH',
  malaysia: 'MY', 'new zealand': 'NZ', argentina: 'AR', chile: 'CL', colombia: 'CO', peru: 'PE', 'united states': 'US',
  'united states of america': 'US', usa: 'US', us: 'US', 'etats-unis': 'US', canada: 'CA', australia: 'AU', brazil: 'BR',
  brasil: 'BR', mexico: 'MX', russia: 'RU', indonesia: 'ID',
};

const FR = (tz = 'Europe/Paris'): Place => ({ tz, country: 'FR' });
const US = (tz: string): Place => ({ tz, country: 'US' });

/** Cities, metro areas and regions as LinkedIn writes them (accents and "Greater … Area" removed before lookup). */
const PLACES: Record<string, Place> = {
  paris: FR(), 'ile-de-france': FR(), 'ile de france': FR(), lyon: FR(), marseille: FR(), toulouse: FR(), lille: FR(), bordeaux: FR(),
  nantes: FR(), nice: FR(), strasbourg: FR(), montpellier: FR(), rennes: FR(), grenoble: FR(), 'auvergne-rhone-alpes': FR(),
  "provence-alpes-cote d'azur": FR(), occitanie: FR(), 'hauts-de-france': FR(), 'nouvelle-aquitaine': FR(),
  london: { tz: 'Europe/London', country: 'GB' }, manchester: { tz: 'Europe/London', country: 'GB' }, edinburgh: { tz: 'Europe/London', country: 'GB' },
  birmingham: { tz: 'Europe/London', country: 'GB' }, bristol: { tz: 'Europe/London', country: 'GB' }, dublin: { tz: 'Europe/Dublin', country: 'IE' },
  berlin: { tz: 'Europe/Berlin', country: 'DE' }, munich: { tz: 'Europe/Berlin', country: 'DE' }, hamburg: { tz: 'Europe/Berlin', country: 'DE' },
  frankfurt: { tz: 'Europe/Berlin', country: 'DE' }, cologne: { tz: 'Europe/Berlin', country: 'DE' }, vienna: { tz: 'Europe/Vienna', country: 'AT' },
  zurich: { tz: 'Europe/Zurich', country: 'CH', language: 'de' }, geneva: { tz: 'Europe/Zurich', country: 'CH', language: 'fr' },
  geneve: { tz: 'Europe/Zurich', country: 'CH', language: 'fr' }, lausanne: { tz: 'Europe/Zurich', country: 'CH', language: 'fr' },
  brussels: { tz: 'Europe/Brussels', country: 'BE', language: 'fr' }, bruxelles: { tz: 'Europe/Brussels', country: 'BE', language: 'fr' },
  antwerp: { tz: 'Europe/Brussels', country: 'BE', language: 'nl' }, ghent: { tz: 'Europe/Brussels', country: 'BE', language: 'nl' },
  amsterdam: { tz: 'Europe/Amsterdam', country: 'NL' }, rotterdam: { tz: 'Europe/Amsterdam', country: 'NL' }, 'north holland': { tz: 'Europe/Amsterdam', country: 'NL' },
  madrid: { tz: 'Europe/Madrid', country: 'ES' }, 'community of madrid': { tz: 'Europe/Madrid', country: 'ES' }, barcelona: { tz: 'Europe/Madrid', country: 'ES' },
  lisbon: { tz: 'Europe/Lisbon', country: 'PT' }, milan: { tz: 'Europe/Rome', country: 'IT' }, rome: { tz: 'Europe/Rome', country: 'IT' },
  stockholm: { tz: 'Europe/Stockholm', country: 'SE' }, oslo: { tz: 'Europe/Oslo', country: 'NO' }, copenhagen: { tz: 'Europe/Copenhagen', country: 'DK' },
  helsinki: { tz: 'Europe/Helsinki', country: 'FI' }, warsaw: { tz: 'Europe/Warsaw', country: 'PL' }, prague: { tz: 'Europe/Prague', country: 'CZ' },
  istanbul: { tz: 'Europe/Istanbul', country: 'TR' }, 'tel aviv': { tz: 'Asia/Jerusalem', country: 'IL' }, dubai: { tz: 'Asia/Dubai', country: 'AE', language: 'en' },
  casablanca: { tz: 'Africa/Casablanca', country: 'MA' }, lagos: { tz: 'Africa/Lagos', country: 'NG' }, nairobi: { tz: 'Africa/Nairobi', country: 'KE' },
  'cape town': { tz: 'Africa/Johannesburg', country: 'ZA' }, johannesburg: { tz: 'Africa/Johannesburg', country: 'ZA' },
  bangalore: { tz: 'Asia/Kolkata', country: 'IN' }, bengaluru: { tz: 'Asia/Kolkata', country: 'IN' }, mumbai: { tz: 'Asia/Kolkata', country: 'IN' },
  delhi: { tz: 'Asia/Kolkata', country: 'IN' }, 'new delhi': { tz: 'Asia/Kolkata', country: 'IN' }, tokyo: { tz: 'Asia/Tokyo', country: 'JP' },
  osaka: { tz: 'Asia/Tokyo', country: 'JP' }, seoul: { tz: 'Asia/Seoul', country: 'KR' }, shanghai: { tz: 'Asia/Shanghai', country: 'CN' },
  beijing: { tz: 'Asia/Shanghai', country: 'CN' }, sydney: { tz: 'Australia/Sydney', country: 'AU' }, melbourne: { tz: 'Australia/Melbourne', country: 'AU' },
  'new south wales': { tz: 'Australia/Sydney', country: 'AU' },
  brisbane: { tz: 'Australia/Brisbane', country: 'AU' }, perth: { tz: 'Australia/Perth', country: 'AU' }, auckland: { tz: 'Pacific/Auckland', country: 'NZ' },
  toronto: { tz: 'America/Toronto', country: 'CA' }, ontario: { tz: 'America/Toronto', country: 'CA' }, ottawa: { tz: 'America/Toronto', country: 'CA' },
  montreal: { tz: 'America/Toronto', country: 'CA', language: 'fr' }, quebec: { tz: 'America/Toronto', country: 'CA', language: 'fr' },
  vancouver: { tz: 'America/Vancouver', country: 'CA' }, 'british columbia': { tz: 'America/Vancouver', country: 'CA' },
  calgary: { tz: 'America/Edmonton', country: 'CA' }, 'mexico city': { tz: 'America/Mexico_City', country: 'MX' },
  'sao paulo': { tz: 'America/Sao_Paulo', country: 'BR' }, 'rio de janeiro': { tz: 'America/Sao_Paulo', country: 'BR' },
  'buenos aires': { tz: 'America/Argentina/Buenos_Aires', country: 'AR' },
  'new york': US('America/New_York'), 'new york city': US('America/New_York'), nyc: US('America/New_York'), boston: US('America/New_York'),
  miami: US('America/New_York'), atlanta: US('America/New_York'), washington: US('America/New_York'), 'washington dc': US('America/New_York'),
  'washington d.c.': US('America/New_York'), philadelphia: US('America/New_York'), massachusetts: US('America/New_York'), florida: US('America/New_York'),
  georgia: US('America/New_York'), 'new jersey': US('America/New_York'), chicago: US('America/Chicago'), illinois: US('America/Chicago'),
  austin: US('America/Chicago'), dallas: US('America/Chicago'), houston: US('America/Chicago'), texas: US('America/Chicago'),
  'dallas-fort worth metroplex': US('America/Chicago'), denver: US('America/Denver'), colorado: US('America/Denver'), phoenix: US('America/Phoenix'),
  'san francisco': US('America/Los_Angeles'), 'san francisco bay': US('America/Los_Angeles'), 'silicon valley': US('America/Los_Angeles'),
  'san jose': US('America/Los_Angeles'), 'los angeles': US('America/Los_Angeles'), 'san diego': US('America/Los_Angeles'),
  seattle: US('America/Los_Angeles'), portland: US('America/Los_Angeles'), california: US('America/Los_Angeles'),
  'new york metropolitan': US('America/New_York'), 'greater seattle': US('America/Los_Angeles'),
};

export type LocatedPlace = { timezone: string | null; country: string | null; language: string | null };

function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[’`]/g, "'")
    .replace(/\s+/g, ' ')
    .trim();
}

/** "Greater Lyon Area" → "lyon", "New York City Metropolitan Area" → "new york city". */
function core(part: string): string {
  return part
    .replace(/^greater /, '')
    .replace(/ (metropolitan|metro) (area|region)$/, '')
    .replace(/ (bay )?area$/, (match) => (match.includes('bay') ? ' bay' : ''))
    .replace(/ (region|metropolitan|metroplex)$/, '')
    .trim();
}

function lookup(part: string): LocatedPlace | null {
  for (const candidate of [part, core(part)]) {
    const place = PLACES[candidate];
    if (place) return { timezone: place.tz, country: place.country, language: place.language ?? COUNTRIES[place.country]?.[1] ?? null };
    const code = COUNTRY_NAMES[candidate];
    if (code) return { timezone: COUNTRIES[code]?.[0] ?? null, country: code, language: COUNTRIES[code]?.[1] ?? null };
  }
  return null;
}

/**
 * The most specific place in a location line: its parts are tried from the first (the city) to
 * the last (the country), and a later part only fills what an earlier one left unknown.
 */
export function locatePlace(location: string | null): LocatedPlace {
  const none: LocatedPlace = { timezone: null, country: null, language: null };
  if (!location) return none;
  const text = fold(location);
  // Hyphens stay inside names (Île-de-France, Auvergne-Rhône-Alpes); only a spaced dash separates.
  const parts = [text, ...text.split(/\s*[,;/|·–—]\s*|\s+-\s+/).map((part) => part.trim()).filter(Boolean)];
  const found = { ...none };
  for (const part of parts) {
    const place = lookup(part);
    if (!place) continue;
    found.timezone ??= place.timezone;
    found.country ??= place.country;
    found.language ??= place.language;
    if (found.timezone && found.country && found.language) break;
  }
  return found;
}

/** The ISO country code when `name` is a country's name ("France", "USA"), else null (a city, a region). */
export function countryCode(name: string): string | null {
  return COUNTRY_NAMES[fold(name)] ?? null;
}

/**
 * SuperOffice's country ids follow ISO 3166-1 numeric codes in the standard country list
 * (e.g. 826 United Kingdom in SuperOffice's own examples). Only the countries Kundrytm's customers
 * trade in are listed; anything else is refused rather than guessed.
 */
const COUNTRY_IDS: Readonly<Record<string, number>> = {
  SE: 752,
  NO: 578,
  DK: 208,
  FI: 246,
  IS: 352,
  EE: 233,
  LV: 428,
  LT: 440,
  DE: 276,
  NL: 528,
  PL: 616,
  GB: 826,
  US: 840,
};

export function countryIdOf(iso2: string): number | null {
  return COUNTRY_IDS[iso2.trim().toUpperCase()] ?? null;
}

/** The ISO 3166 alpha-2 code of a SuperOffice country id from the list above; null for others. */
export function isoOfCountryId(countryId: number): string | null {
  for (const [iso, id] of Object.entries(COUNTRY_IDS)) if (id === countryId) return iso;
  return null;
}

// BC's five regional health authorities and their 16 Health Service Delivery Areas (2018 boundaries).

/** A regional health authority: boundary name (as PLR facility searches use it) and organization name. */
export interface HealthAuthority {
  /** 1 Interior, 2 Fraser, 3 Vancouver Coastal, 4 Vancouver Island, 5 Northern (boundary file codes). */
  code: number;
  /** Boundary name, e.g. "Interior" (PLR facility serviceArea HA). */
  name: string;
  /** Organization name, e.g. "Interior Health" (ClientRecord.healthAuthority). */
  orgName: string;
  /** City of the head office. */
  hqCity: string;
}

export const HEALTH_AUTHORITIES: readonly HealthAuthority[] = [
  { code: 1, name: 'Interior', orgName: 'Interior Health', hqCity: 'Kelowna' },
  { code: 2, name: 'Fraser', orgName: 'Fraser Health', hqCity: 'Surrey' },
  { code: 3, name: 'Vancouver Coastal', orgName: 'Vancouver Coastal Health', hqCity: 'Vancouver' },
  { code: 4, name: 'Vancouver Island', orgName: 'Island Health', hqCity: 'Victoria' },
  { code: 5, name: 'Northern', orgName: 'Northern Health', hqCity: 'Prince George' },
];

/** HSDA names by their two-digit code (first digit = health authority). */
export const HSDA_NAMES: Readonly<Record<number, string>> = {
  11: 'East Kootenay',
  12: 'Kootenay Boundary',
  13: 'Okanagan',
  14: 'Thompson Cariboo Shuswap',
  21: 'Fraser East',
  22: 'Fraser North',
  23: 'Fraser South',
  31: 'Richmond',
  32: 'Vancouver',
  33: 'North Shore/Coast Garibaldi',
  41: 'South Vancouver Island',
  42: 'Central Vancouver Island',
  43: 'North Vancouver Island',
  51: 'Northwest',
  52: 'Northern Interior',
  53: 'Northeast',
};

/** Province-wide authorities that are organizations but not regions. */
export const PROVINCIAL_AUTHORITIES: readonly { name: string; hqCity: string }[] = [
  { name: 'Provincial Health Services Authority', hqCity: 'Vancouver' },
  { name: 'First Nations Health Authority', hqCity: 'West Vancouver' },
];

export function healthAuthorityByCode(code: number): HealthAuthority {
  const ha = HEALTH_AUTHORITIES.find((h) => h.code === code);
  if (!ha) throw new RangeError(`Unknown health authority code ${code}`);
  return ha;
}

// Derived geography: localities with health authority, HSDA/LHA/CHSA codes and area codes.
import { HEALTH_AUTHORITIES, HSDA_NAMES, healthAuthorityByCode, type HealthAuthority } from './health-areas.js';
import { LOCALITY_ROWS, type NameProfile } from './localities.js';
import { weightedTable, type WeightedTable } from '../random/rng.js';

/** One place in BC with everything addresses and facilities need. */
export interface Locality {
  index: number;
  city: string;
  healthAuthority: HealthAuthority;
  hsda: { code: number; name: string };
  /** LHA code = HSDA code + ordinal (structured like the boundary codes; not official). */
  lha: { code: number; name: string };
  /** CHSA code = LHA code + ordinal (same caveat). */
  chsa: { code: number; name: string };
  fsas: readonly string[];
  latitude: number;
  longitude: number;
  weight: number;
  profile: NameProfile;
  /** True in the 604 region (Lower Mainland, Sea-to-Sky, Sunshine Coast). */
  lowerMainland: boolean;
}

function buildLocalities(): Locality[] {
  const lhaCodes = new Map<string, number>();
  const chsaCodes = new Map<string, number>();
  const lhaCount = new Map<number, number>();
  const chsaCount = new Map<number, number>();
  return LOCALITY_ROWS.map(([city, hsdaCode, lhaName, chsaName, fsas, latitude, longitude, weight, profile], index) => {
    let lhaCode = lhaCodes.get(lhaName);
    if (lhaCode === undefined) {
      const n = (lhaCount.get(hsdaCode) ?? 0) + 1;
      lhaCount.set(hsdaCode, n);
      lhaCode = hsdaCode * 10 + n;
      lhaCodes.set(lhaName, lhaCode);
    }
    const chsaKey = `${lhaName}|${chsaName}`;
    let chsaCode = chsaCodes.get(chsaKey);
    if (chsaCode === undefined) {
      const n = (chsaCount.get(lhaCode) ?? 0) + 1;
      chsaCount.set(lhaCode, n);
      chsaCode = lhaCode * 10 + n;
      chsaCodes.set(chsaKey, chsaCode);
    }
    const haCode = Math.floor(hsdaCode / 10);
    return {
      index,
      city,
      healthAuthority: healthAuthorityByCode(haCode),
      hsda: { code: hsdaCode, name: HSDA_NAMES[hsdaCode] ?? String(hsdaCode) },
      lha: { code: lhaCode, name: lhaName },
      chsa: { code: chsaCode, name: chsaName },
      fsas: fsas.split(' '),
      latitude,
      longitude,
      weight,
      profile,
      lowerMainland: haCode === 2 || haCode === 3,
    };
  });
}

/** All localities, in table order. */
export const LOCALITIES: readonly Locality[] = buildLocalities();

/** Localities weighted by population, for picking where a person lives or a clinic stands. */
export const LOCALITY_TABLE: WeightedTable<Locality> = weightedTable(LOCALITIES, (l) => l.weight);

/** Area codes and their weights: 604 region vs the rest of BC; 778/236/672 overlay both. */
type AreaCode = readonly [code: string, weight: number];
export const AREA_CODES_LOWER_MAINLAND: WeightedTable<AreaCode> = weightedTable<AreaCode>(
  [['604', 50], ['778', 35], ['236', 12], ['672', 3]],
  (row) => row[1],
);
export const AREA_CODES_REST_OF_BC: WeightedTable<AreaCode> = weightedTable<AreaCode>(
  [['250', 55], ['778', 30], ['236', 12], ['672', 3]],
  (row) => row[1],
);

/** The first locality of a city (for fixed addresses such as health authority head offices). */
export function localityOfCity(city: string): Locality {
  const found = LOCALITIES.find((l) => l.city === city);
  if (!found) throw new RangeError(`No locality for city ${city}`);
  return found;
}

export { HEALTH_AUTHORITIES };

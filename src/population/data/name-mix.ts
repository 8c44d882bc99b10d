// How BC's communities mix in each kind of place (approximate shares from the 2021 census).
import { weightedTable, type WeightedTable } from '../random/rng.js';
import type { NameProfile } from './localities.js';
import type { NameGroup } from './name-group.js';
import { ARAB, INDIGENOUS, LATIN_AMERICAN, PERSIAN } from './names-other.js';
import { CHINESE, FILIPINO, JAPANESE, KOREAN, PUNJABI, SOUTH_ASIAN, VIETNAMESE } from './names-asia.js';
import { ENGLISH, EUROPEAN, FRENCH } from './names-europe.js';

/** Every name group, in a fixed order. */
export const NAME_GROUPS: readonly NameGroup[] = [
  ENGLISH, EUROPEAN, FRENCH, CHINESE, PUNJABI, SOUTH_ASIAN, FILIPINO, INDIGENOUS,
  KOREAN, VIETNAMESE, JAPANESE, PERSIAN, LATIN_AMERICAN, ARAB,
];

// Columns follow NAME_GROUPS: english european french chinese punjabi south-asian filipino indigenous korean vietnamese japanese persian latin arab
const MIX: Record<NameProfile, readonly number[]> = {
  metro: [30, 14, 3, 20, 3, 5, 6, 2, 4, 3, 2, 4, 3, 1],
  richmond: [18, 7, 2, 50, 3, 6, 7, 1, 2, 1, 2, 1, 1, 0.5],
  'south-fraser': [26, 10, 2, 6, 28, 8, 6, 3, 3, 2, 0.5, 1, 2, 1],
  suburban: [44, 20, 4, 6, 4, 3, 4, 5, 3, 1, 1, 2, 2, 1],
  island: [52, 20, 5, 4, 1, 2, 2, 9, 1, 0.5, 1, 1, 1, 0.5],
  interior: [50, 22, 5, 3, 3, 2, 2, 8, 1, 0.5, 1, 1, 1.5, 0.5],
  north: [42, 16, 4, 2, 2, 2, 2, 28, 0.5, 0.5, 0.5, 0.5, 1, 0.5],
};

function tableFor(profile: NameProfile): WeightedTable<NameGroup> {
  const weights = MIX[profile];
  return weightedTable(NAME_GROUPS, (group) => weights[NAME_GROUPS.indexOf(group)] ?? 0);
}

/** Weighted community tables per place profile. */
export const NAME_MIX: Readonly<Record<NameProfile, WeightedTable<NameGroup>>> = {
  metro: tableFor('metro'),
  richmond: tableFor('richmond'),
  'south-fraser': tableFor('south-fraser'),
  suburban: tableFor('suburban'),
  island: tableFor('island'),
  interior: tableFor('interior'),
  north: tableFor('north'),
};

/** Province-wide mix, for practitioners (who do not live where their records are kept). */
export const PROVINCE_MIX: WeightedTable<NameGroup> = tableFor('metro');

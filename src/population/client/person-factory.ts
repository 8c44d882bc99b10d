// Generates a Person: BC age pyramid, gender mix, community, home, phones and email.
import { LOCALITY_TABLE, type Locality } from '../data/geography.js';
import type { NameGroup } from '../data/name-group.js';
import { NAME_MIX } from '../data/name-mix.js';
import { weightedTable, type Rng } from '../random/rng.js';
import { addYears } from '../time/calendar.js';
import { emailAddress, phoneNumber, postalAddress, postalCode } from './contact.js';
import { generateNames } from './names.js';
import type { AdministrativeGender, Person, Phone, Sex } from './person.js';

/** BC population by 5-year age band (percent, 2021 census, rounded). */
const AGE_BANDS = weightedTable(
  [
    [0, 4.4], [5, 4.9], [10, 5.1], [15, 5.2], [20, 6.0], [25, 6.9], [30, 7.3], [35, 7.1], [40, 6.6], [45, 6.3],
    [50, 6.5], [55, 7.0], [60, 7.0], [65, 6.2], [70, 5.2], [75, 3.7], [80, 2.4], [85, 1.4], [90, 0.8],
  ] as const,
  (band) => band[1],
);

const GENDERS = weightedTable(
  [['female', 50.5], ['male', 49.2], ['other', 0.2], ['unknown', 0.1]] as const,
  (g) => g[1],
);

/** Optional constraints, e.g. a mother of childbearing age or a newborn in her household. */
export interface PersonConstraints {
  sex?: Sex;
  /** Inclusive bounds in whole years at the reference day. */
  minAge?: number;
  maxAge?: number;
  /** Exact birth day (newborns). */
  birthDay?: number;
  locality?: Locality;
  group?: NameGroup;
  family?: string;
}

function birthDayFor(rng: Rng, referenceDay: number, c: PersonConstraints): number {
  if (c.birthDay !== undefined) return c.birthDay;
  let minAge: number;
  let maxAge: number;
  if (c.minAge !== undefined || c.maxAge !== undefined) {
    minAge = c.minAge ?? 0;
    maxAge = c.maxAge ?? 99;
  } else {
    const [start] = rng.pickWeighted(AGE_BANDS);
    minAge = start;
    maxAge = start === 90 ? 99 : start + 4;
  }
  const latest = addYears(referenceDay, -minAge) - 1;
  const earliest = addYears(referenceDay, -(maxAge + 1)) + 1;
  return rng.int(earliest, latest);
}

function phonesFor(rng: Rng, locality: Locality, age: number): Phone[] {
  const phones: Phone[] = [];
  const hasHome = age < 16 ? rng.chance(0.9) : rng.chance(0.5);
  const hasMobile = age >= 13 && (rng.chance(0.85) || !hasHome);
  if (hasHome) phones.push({ use: 'home', value: phoneNumber(rng, locality) });
  if (hasMobile) phones.push({ use: 'mobile', value: phoneNumber(rng, locality) });
  if (age >= 20 && age < 67 && rng.chance(0.2)) phones.push({ use: 'work', value: phoneNumber(rng, locality) });
  return phones;
}

/** A new person living in BC, as of `referenceDay`. */
export function generatePerson(rng: Rng, referenceDay: number, constraints: PersonConstraints = {}): Person {
  const locality = constraints.locality ?? rng.pickWeighted(LOCALITY_TABLE);
  const group = constraints.group ?? rng.pickWeighted(NAME_MIX[locality.profile]);
  let gender: AdministrativeGender;
  let sex: Sex;
  if (constraints.sex) {
    sex = constraints.sex;
    gender = sex;
  } else {
    gender = rng.pickWeighted(GENDERS)[0];
    sex = gender === 'male' || gender === 'female' ? gender : rng.chance(0.5) ? 'female' : 'male';
  }
  const birthDay = birthDayFor(rng, referenceDay, constraints);
  const age = Math.floor((referenceDay - birthDay) / 365.25);
  const names = generateNames(rng, group, sex, constraints.family);
  const address = postalAddress(rng, locality);
  const mailingAddress = rng.chance(0.05)
    ? { line: [`PO Box ${rng.int(100, 9999)}`], city: locality.city, postalCode: postalCode(rng, locality) }
    : undefined;
  const emailChance = age >= 18 ? 0.75 : age >= 13 ? 0.3 : 0;
  const email = rng.chance(emailChance) ? emailAddress(rng, names.usual.given[0] ?? '', names.usual.family) : undefined;
  const language =
    group.languages.length > 0 && !names.englishGiven && rng.chance(age >= 60 ? 0.6 : 0.3)
      ? rng.chance(0.7) ? group.languages[0] : rng.pick(group.languages)
      : undefined;
  return {
    sex,
    gender,
    birthDay,
    group,
    official: names.official,
    usual: names.usual,
    nickname: names.nickname,
    locality,
    address,
    mailingAddress,
    phones: phonesFor(rng, locality, age),
    email,
    language,
  };
}

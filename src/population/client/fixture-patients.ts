// The named fixture clients: fixed people at fixed indexes with fixed PHNs, identical for every seed.
import { LOCALITIES, type Locality } from '../data/geography.js';
import { ENGLISH } from '../data/names-europe.js';
import { PUNJABI, VIETNAMESE } from '../data/names-asia.js';
import type { NameGroup } from '../data/name-group.js';
import { parseIsoDate } from '../time/calendar.js';
import type { Person, Phone } from './person.js';
import type { Variant } from './variants.js';

/** Fixture roles in index order; the index of each is its position here. */
export const FIXTURE_ROLES = [
  'ordinary', 'merged', 'survivor', 'deceased', 'confidential', 'newborn', 'mother', 'duplicate-original', 'duplicate-variant',
] as const;
export type FixtureRole = (typeof FIXTURE_ROLES)[number];

/** Fixture PHNs by index; they lie outside the generated PHN domain, so no seed ever reuses them. */
export const FIXTURE_PHNS: readonly string[] = [
  '9876543218', '9876543225', '9876543232', '9876543257', '9876543264', '9876543271', '9876543289', '9876543296', '9876543107',
];

export const FIXTURE_COUNT = FIXTURE_PHNS.length;

/** Index of a fixture role. */
export function fixtureIndex(role: FixtureRole): number {
  return FIXTURE_ROLES.indexOf(role);
}

/** Days before the reference date the fixture newborn was born / the fixture deceased died. */
export const FIXTURE_NEWBORN_AGE_DAYS = 45;
export const FIXTURE_DEATH_DAYS_AGO = 111;
/** The fixture duplicate pair differs by this variant. */
export const FIXTURE_DUPLICATE_VARIANT: Variant = 'nickname';

function locality(chsa: string): Locality {
  const found = LOCALITIES.find((l) => l.chsa.name === chsa);
  if (!found) throw new RangeError(`Fixture locality ${chsa} is not in the table`);
  return found;
}

interface Spec {
  sex: 'male' | 'female';
  birth: string | number;
  group: NameGroup;
  given: string[];
  usualGiven?: string[];
  family: string;
  chsa: string;
  line: string;
  postalCode: string;
  phones: Phone[];
  email?: string;
  language?: string;
}

function person(spec: Spec, referenceDay: number): Person {
  const birthDay = typeof spec.birth === 'number' ? referenceDay - spec.birth : parseIsoDate(spec.birth);
  const loc = locality(spec.chsa);
  return {
    sex: spec.sex,
    gender: spec.sex,
    birthDay,
    group: spec.group,
    official: { given: [...spec.given], family: spec.family },
    usual: { given: [...(spec.usualGiven ?? spec.given)], family: spec.family },
    locality: loc,
    address: { line: [spec.line], city: loc.city, postalCode: spec.postalCode },
    phones: spec.phones.map((p) => ({ ...p })),
    email: spec.email,
    language: spec.language,
  };
}

const MACDONALD = { sex: 'male', birth: '1952-11-03', group: ENGLISH, given: ['Robert', 'James'], usualGiven: ['Bob'], family: 'MacDonald', chsa: 'Downtown Kelowna', postalCode: 'V1Y 4R2', phones: [{ use: 'home', value: '250-555-0118' }] } as const;
const CAMPBELL = { sex: 'female', birth: '1985-04-09', group: ENGLISH, family: 'Campbell', chsa: 'Prince George Central', line: '1633 7th Ave', postalCode: 'V2L 3H7', phones: [{ use: 'mobile', value: '250-555-0154' }] } as const;
const NGUYEN_HOME = { chsa: 'Burnaby Metrotown', line: '6080 Imperial St', postalCode: 'V5H 2T5', phones: [{ use: 'mobile', value: '778-555-0131' }] } as const;

/** The fixture person at `index` (0 <= index < FIXTURE_COUNT). */
export function fixturePerson(index: number, referenceDay: number): Person {
  const specs: Spec[] = [
    { sex: 'female', birth: '1978-06-14', group: ENGLISH, given: ['Sarah', 'Louise'], usualGiven: ['Sarah'], family: 'Thompson', chsa: 'Kitsilano', line: '2150 West 4th Ave', postalCode: 'V6K 1N6', phones: [{ use: 'home', value: '604-555-0142' }, { use: 'mobile', value: '778-555-0199' }], email: 'sarah.thompson@example.com' },
    { ...MACDONALD, given: [...MACDONALD.given], usualGiven: ['Robert'], line: '745 Bernard Ave', phones: [...MACDONALD.phones] },
    { ...MACDONALD, given: [...MACDONALD.given], usualGiven: [...MACDONALD.usualGiven], line: '1420 Ellis St', phones: [...MACDONALD.phones, { use: 'mobile', value: '250-555-0187' }], email: 'bob.macdonald@example.net' },
    { sex: 'male', birth: '1938-02-20', group: ENGLISH, given: ['Harold', 'Edward'], family: 'Wilson', chsa: 'Fairfield', line: '1120 Fairfield Rd', postalCode: 'V8V 3K5', phones: [{ use: 'home', value: '250-555-0176' }] },
    { sex: 'female', birth: '1990-03-08', group: PUNJABI, given: ['Amrit', 'Kaur'], family: 'Dhillon', chsa: 'Newton', line: '12891 72 Ave', postalCode: 'V3W 2M8', phones: [{ use: 'mobile', value: '604-555-0163' }], email: 'amrit.dhillon@example.net', language: 'pa' },
    { sex: 'female', birth: FIXTURE_NEWBORN_AGE_DAYS, group: VIETNAMESE, given: ['Olivia', 'Mai'], family: 'Nguyen', ...NGUYEN_HOME, phones: [...NGUYEN_HOME.phones] },
    { sex: 'female', birth: '1994-07-21', group: VIETNAMESE, given: ['Linh'], family: 'Nguyen', ...NGUYEN_HOME, phones: [...NGUYEN_HOME.phones], email: 'linh.nguyen@example.org', language: 'vi' },
    { ...CAMPBELL, given: ['Jennifer', 'Marie'], phones: [...CAMPBELL.phones], email: 'jen.campbell@example.com' },
    { ...CAMPBELL, given: ['Jenny'], phones: [...CAMPBELL.phones] },
  ];
  const spec = specs[index];
  if (!spec) throw new RangeError(`No fixture client at index ${index}`);
  return person(spec, referenceDay);
}

// Builds client i (person, status, links, family doctor) from (seed, index) alone.
import type { Locality } from '../data/geography.js';
import type { PhnCodec } from '../phn-codec.js';
import { createRng, STREAM, type Rng } from '../random/rng.js';
import { addYears } from '../time/calendar.js';
import { isoDateTime } from '../time/calendar.js';
import type { ClientDemographics, ClientRecord, ClientStatus } from '../types.js';
import { FIXTURE_COUNT, FIXTURE_DEATH_DAYS_AGO, FIXTURE_DUPLICATE_VARIANT, FIXTURE_PHNS, fixtureIndex, fixturePerson } from './fixture-patients.js';
import { buildPatient, demographicElements, type PatientContext } from './patient-resource.js';
import type { Person } from './person.js';
import { generatePerson, type PersonConstraints } from './person-factory.js';
import { createRoleLookup, type ClientRole } from './roles.js';
import { applicableVariants, applyVariant, type Variant } from './variants.js';

/** A family physician and the facility they practise at. */
export interface FamilyDoctor {
  ipc: string;
  ifc: string;
  name: string;
}

/** Family physicians to attach clients to (built from the PLR population). */
export interface PrimaryCare {
  fixture: FamilyDoctor;
  pick(rng: Rng, locality: Locality): FamilyDoctor | undefined;
}

/** Everything the chart generator needs about a client. */
export interface ClientDetail {
  index: number;
  phn: string;
  role: ClientRole;
  status: ClientStatus;
  person: Person;
  deathDay?: number;
  doctor?: FamilyDoctor;
  /** True for records that exist only in the registry (merged non-survivors, injected duplicates): no chart. */
  registryOnly: boolean;
  /** True for the named fixtures (their charts use a fixed seed). */
  fixture: boolean;
  survivorPhn?: string;
  motherPhn?: string;
  replacesPhn?: string;
  variant?: Variant;
}

export interface ClientFactory {
  detail(index: number): ClientDetail;
  record(detail: ClientDetail): ClientRecord;
  /** What a match index reads of client `index` (its person, not its status, doctor or PHN). */
  demographics(index: number): ClientDemographics;
  phnOf(index: number): string;
  /** The variant of a duplicate-variant index (answer key). */
  variantOf(index: number): Variant | undefined;
}

export interface ClientFactoryOptions {
  seed: number;
  referenceDay: number;
  patients: number;
  codec: PhnCodec;
  /** Left out by a factory that only gives `demographics` (its `detail` and `record` then throw). */
  primaryCare?: PrimaryCare;
}

const FIXTURE_ROLE_MAP: Record<number, ClientRole> = {
  [fixtureIndex('merged')]: { kind: 'merged', partner: fixtureIndex('survivor') },
  [fixtureIndex('survivor')]: { kind: 'survivor', partner: fixtureIndex('merged') },
  [fixtureIndex('deceased')]: { kind: 'deceased' },
  [fixtureIndex('confidential')]: { kind: 'confidential' },
  [fixtureIndex('newborn')]: { kind: 'newborn', partner: fixtureIndex('mother') },
  [fixtureIndex('mother')]: { kind: 'mother', partner: fixtureIndex('newborn') },
  [fixtureIndex('duplicate-original')]: { kind: 'duplicate-original', partner: fixtureIndex('duplicate-variant') },
  [fixtureIndex('duplicate-variant')]: { kind: 'duplicate-variant', partner: fixtureIndex('duplicate-original') },
};

/** The factory behind Population.client(): roles, people, statuses and links, all from the index. */
export function createClientFactory(options: ClientFactoryOptions): ClientFactory {
  const { seed, referenceDay, patients, codec, primaryCare } = options;
  const roles = createRoleLookup(seed, patients, FIXTURE_COUNT);
  const roleOf = (index: number): ClientRole => (index < FIXTURE_COUNT ? FIXTURE_ROLE_MAP[index] ?? { kind: 'plain' } : roles.roleOf(index));
  const phnOf = (index: number): string => (index < FIXTURE_COUNT ? (FIXTURE_PHNS[index] as string) : codec.phnOf(index));

  const basePerson = (index: number, role: ClientRole): Person => {
    if (index < FIXTURE_COUNT) return fixturePerson(index, referenceDay);
    const rng = createRng(seed, STREAM.client, index);
    let constraints: PersonConstraints = {};
    if (role.kind === 'mother') constraints = { sex: 'female', minAge: 20, maxAge: 42 };
    // Most deaths are of older people; the rest follow the pyramid (from age 1, so death follows birth).
    if (role.kind === 'deceased') constraints = rng.chance(0.8) ? { minAge: 60, maxAge: 99 } : { minAge: 1 };
    return generatePerson(rng, referenceDay, constraints);
  };

  const variantOf = (index: number): Variant | undefined => {
    const role = roleOf(index);
    if (role.kind !== 'duplicate-variant' || role.partner === undefined) return undefined;
    if (index < FIXTURE_COUNT) return FIXTURE_DUPLICATE_VARIANT;
    const original = basePerson(role.partner, roleOf(role.partner));
    return createRng(seed, STREAM.variant, index).pick(applicableVariants(original, referenceDay));
  };

  const personOf = (index: number, role: ClientRole): Person => {
    if (index < FIXTURE_COUNT || role.partner === undefined) return basePerson(index, role);
    const rng = createRng(seed, STREAM.client, index);
    if (role.kind === 'merged') {
      // The non-survivor is the same person, registered earlier; some still show an older street number.
      const survivor = basePerson(role.partner, roleOf(role.partner));
      if (!rng.chance(0.4)) return survivor;
      const street = survivor.address.line[0]?.split(' ').slice(1).join(' ') || 'Main St';
      return { ...survivor, address: { ...survivor.address, line: [`${rng.int(1, 9999)} ${street}`] } };
    }
    if (role.kind === 'duplicate-variant') {
      const original = basePerson(role.partner, roleOf(role.partner));
      return applyVariant(createRng(seed, STREAM.variant, index, 1), original, variantOf(index) ?? 'typo');
    }
    if (role.kind === 'newborn') {
      const mother = basePerson(role.partner, roleOf(role.partner));
      const baby = generatePerson(rng, referenceDay, {
        birthDay: referenceDay - rng.int(1, 330),
        locality: mother.locality,
        group: mother.group,
        family: mother.usual.family,
      });
      // A newborn lives at the mother's address and is reached on her phones.
      return {
        ...baby,
        address: { ...mother.address, line: [...mother.address.line] },
        phones: mother.phones.map((p) => ({ ...p })),
        email: undefined,
        language: undefined,
        mailingAddress: undefined,
      };
    }
    return basePerson(index, role);
  };

  const doctorOf = (index: number, person: Person): FamilyDoctor | undefined => {
    if (!primaryCare) throw new Error('This client factory has no family doctors: it gives demographics only');
    if (index < FIXTURE_COUNT) return primaryCare.fixture;
    const rng = createRng(seed, STREAM.client, index, 2);
    return rng.chance(0.8) ? primaryCare.pick(rng, person.locality) : undefined;
  };

  const statusOf = (role: ClientRole): ClientStatus =>
    role.kind === 'merged' ? 'merged' : role.kind === 'deceased' ? 'deceased' : role.kind === 'confidential' ? 'confidential' : 'active';

  return {
    phnOf,
    variantOf,
    detail(index) {
      if (!Number.isInteger(index) || index < 0 || index >= patients) throw new RangeError(`Client index ${index} is outside 0..${patients - 1}`);
      const role = roleOf(index);
      const person = personOf(index, role);
      const status = statusOf(role);
      const detail: ClientDetail = {
        index, phn: phnOf(index), role, status, person,
        registryOnly: role.kind === 'merged' || role.kind === 'duplicate-variant',
        fixture: index < FIXTURE_COUNT,
      };
      if (status === 'deceased') {
        const rng = createRng(seed, STREAM.client, index, 1);
        const earliest = Math.max(person.birthDay + 1, addYears(referenceDay, -5));
        detail.deathDay = index < FIXTURE_COUNT ? referenceDay - FIXTURE_DEATH_DAYS_AGO : rng.int(earliest, referenceDay - 1);
      }
      const doctorIndex = role.kind === 'newborn' || role.kind === 'merged' ? (role.partner as number) : index;
      if (role.kind !== 'duplicate-variant') detail.doctor = doctorOf(doctorIndex, doctorIndex === index ? person : personOf(doctorIndex, roleOf(doctorIndex)));
      if (role.kind === 'merged') detail.survivorPhn = phnOf(role.partner as number);
      if (role.kind === 'survivor') detail.replacesPhn = phnOf(role.partner as number);
      if (role.kind === 'newborn') detail.motherPhn = phnOf(role.partner as number);
      if (role.kind === 'duplicate-variant') detail.variant = variantOf(index);
      return detail;
    },
    demographics(index) {
      const role = roleOf(index);
      const made: ClientDemographics = { index, patient: demographicElements(personOf(index, role)) };
      if (role.kind === 'newborn') made.motherPhn = phnOf(role.partner as number);
      return made;
    },
    record(detail) {
      const ctx: PatientContext = { phn: detail.phn, status: detail.status };
      if (detail.deathDay !== undefined) ctx.deceasedDateTime = isoDateTime(detail.deathDay, 180 + (detail.index % 900));
      if (detail.survivorPhn) ctx.replacedBy = detail.survivorPhn;
      if (detail.replacesPhn) ctx.replaces = detail.replacesPhn;
      if (detail.motherPhn && detail.role.partner !== undefined) {
        const mother = personOf(detail.role.partner, roleOf(detail.role.partner));
        ctx.mother = { phn: detail.motherPhn, name: mother.official, phone: mother.phones[0]?.value };
      }
      const record: ClientRecord = {
        index: detail.index,
        phn: detail.phn,
        status: detail.status,
        patient: buildPatient(detail.person, ctx),
        healthAuthority: detail.person.locality.healthAuthority.orgName,
      };
      if (detail.survivorPhn) record.survivorPhn = detail.survivorPhn;
      if (detail.motherPhn) record.motherPhn = detail.motherPhn;
      if (detail.doctor) record.familyPhysicianIpc = detail.doctor.ipc;
      return record;
    },
  };
}

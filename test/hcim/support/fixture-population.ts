// A small hand-written Population (the contract of src/population/types.ts) for HCIM tests.
import type * as fhir from '../../../src/fhir/types.js';
import type { AnswerKeyEntry, ClientRecord, ClientStatus, Population } from '../../../src/population/types.js';
import { PHN_SYSTEM } from '../../../src/hcim/identifiers.js';

export const PHN = {
  ordinary: '9876543218',
  duplicate: '9000000018',
  merged: '9111111117',
  survivor: '9135724689',
  deceased: '9698658215',
  confidential: '9000000025',
  mother: '9000000032',
  newborn: '9000000057',
  twin: '9000000064',
} as const;

function patient(phn: string, family: string, given: string, birthDate: string, gender: fhir.Patient['gender'], extra: Partial<fhir.Patient> = {}): fhir.Patient {
  return {
    resourceType: 'Patient',
    id: phn,
    identifier: [{ system: PHN_SYSTEM, value: phn }],
    name: [{ use: 'official', family, given: [given] }],
    gender,
    birthDate,
    address: [{ use: 'home', type: 'physical', line: ['1234 Oak St'], city: 'Victoria', state: 'BC', postalCode: 'V8V 1A1', country: 'CA' }],
    telecom: [{ system: 'phone', use: 'home', value: '250-555-0101' }],
    ...extra,
  };
}

const ROWS: Array<[string, ClientStatus, fhir.Patient, Partial<ClientRecord>?]> = [
  [PHN.ordinary, 'active', patient(PHN.ordinary, 'Smith', 'Robert', '1970-04-12', 'male')],
  [PHN.duplicate, 'active', patient(PHN.duplicate, 'Smyth', 'Bob', '1970-12-04', 'male')],
  [PHN.merged, 'merged', patient(PHN.merged, 'Nguyen', 'Anna', '1985-01-30', 'female'), { survivorPhn: PHN.survivor }],
  [PHN.survivor, 'active', patient(PHN.survivor, 'Nguyen', 'Anna', '1985-01-30', 'female', { telecom: [{ system: 'phone', value: '604-555-0199' }] })],
  [PHN.deceased, 'deceased', patient(PHN.deceased, 'Brown', 'Walter', '1931-06-01', 'male', { deceasedDateTime: '2025-11-02' })],
  [PHN.confidential, 'confidential', patient(PHN.confidential, 'Hidden', 'Clara', '1990-09-09', 'female')],
  [PHN.mother, 'active', patient(PHN.mother, 'Patel', 'Priya', '1992-03-15', 'female', { address: [{ line: ['77 Elm Ave'], city: 'Surrey', postalCode: 'V3T 0A1' }], telecom: [{ system: 'phone', value: '604-555-0142' }] })],
  [PHN.newborn, 'active', patient(PHN.newborn, 'Patel', 'Baby', '2026-02-20', 'female'), { motherPhn: PHN.mother }],
  [PHN.twin, 'active', patient(PHN.twin, 'Okafor', 'Chidi', '2001-07-07', 'male', { address: [{ line: ['9 Birch Rd'], city: 'Kelowna', postalCode: 'V1Y 2B2' }], telecom: [{ system: 'phone', value: '250-555-0177' }] })],
];

/** Builds the fixture population: nine clients with a merge, a death, a mask, a newborn and a duplicate pair. */
export function createFixturePopulation(): Population {
  const clients: ClientRecord[] = ROWS.map(([phn, status, p, extra], index) => ({ index, phn, status, patient: p, healthAuthority: 'Island Health', ...extra }));
  const answerKey: AnswerKeyEntry[] = [{ originalPhn: PHN.ordinary, duplicatePhn: PHN.duplicate, variant: 'nickname' }];
  return {
    options: { seed: 1, referenceDate: '2026-01-01', sizes: { patients: clients.length, practitioners: 0, organizations: 0, facilities: 0 } },
    fixtures: {
      ordinaryPatientPhn: PHN.ordinary,
      mergedPhn: PHN.merged,
      survivorPhn: PHN.survivor,
      deceasedPhn: PHN.deceased,
      confidentialPhn: PHN.confidential,
      newbornPhn: PHN.newborn,
      motherPhn: PHN.mother,
      duplicatePair: [PHN.ordinary, PHN.duplicate],
      familyPhysicianIpc: '',
      imagingListingRef: '',
      multiRolePractitionerCpn: '',
    },
    client: (i) => structuredClone(clients[i]!),
    clientByPhn: (phn) => structuredClone(clients.find((c) => c.phn === phn)),
    clients: () => clients.map((c) => structuredClone(c)),
    chart: () => [],
    providers: () => [],
    organizations: () => [],
    facilities: () => [],
    oceanSites: () => [],
    oceanListings: () => [],
    answerKey: () => answerKey,
  };
}

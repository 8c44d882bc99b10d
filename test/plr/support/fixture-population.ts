// A small, explicit PLR population for the PLR tests (known names, cities and relationships), in the IG's shapes.
import type * as fhir from '../../../src/fhir/types.js';
import { licenceStatus } from '../../../src/plr/distribution/registry-changes.js';
import { identifierRef } from '../../../src/plr/registry/references.js';
import { CS, EXT, IDENTIFIER_TYPES, NS, formatIfc, formatIpc, formatReln, profile } from '../../../src/plr/vocabulary.js';
import type { PlrFacility, PlrOrganization, PlrProvider, Population } from '../../../src/population/types.js';

interface Person {
  n: number;
  family: string;
  given: string;
  gender: fhir.Practitioner['gender'];
  role: string;
  city: string;
  language?: string;
  expertise?: string;
  status?: [string, string];
  licence: [string, string];
  oldFamily?: string;
}

export const PEOPLE: Person[] = [
  { n: 1, family: 'Smith', given: 'Ann', gender: 'female', role: 'MD', city: 'Kelowna', language: 'F16', expertise: '105', status: ['ACTIVE', 'GS'], licence: ['CPSID', '10001'], oldFamily: 'Jones' },
  { n: 2, family: 'Smithers', given: 'Bob', gender: 'male', role: 'RN', city: 'Vancouver', language: 'S31', expertise: 'ERN01', status: ['ACTIVE', 'PRAC'], licence: ['RNID', 'R2002'] },
  { n: 3, family: 'Smith', given: 'Anne', gender: 'female', role: 'MD', city: 'Victoria', language: 'M06', status: ['SUSPENDED', 'SUS'], licence: ['CPSID', '10003'] },
  ...Array.from({ length: 25 }, (_, i): Person => ({ n: 10 + i, family: 'Many', given: `Bulk${i}`, gender: 'other', role: 'RN', city: 'Prince George', status: ['ACTIVE', 'GS'], licence: ['RNID', `R9${String(i).padStart(3, '0')}`] })),
];

export const ORG = formatIpc(101);
export const ORG2 = formatIpc(102);
export const LOC = formatIfc(201);
export const LOC2 = formatIfc(202);

const coded = (system: string, code: string): fhir.CodeableConcept => ({ coding: [{ system, code }] });

function provider(p: Person): PlrProvider {
  const ipc = formatIpc(p.n);
  const names: fhir.HumanName[] = [{ use: 'official', family: p.family, given: [p.given], period: { start: '2010-01-01' } }];
  if (p.oldFamily) names.unshift({ use: 'official', family: p.oldFamily, given: [p.given], period: { start: '2000-01-01', end: '2009-12-31' }, extension: [{ url: EXT.endReason, valueCodeableConcept: coded(CS.endReason, 'CHG') }] });
  const practitioner: fhir.Practitioner = {
    resourceType: 'Practitioner',
    id: ipc,
    meta: { profile: [profile('bc-practitioner')] },
    extension: p.status ? [licenceStatus(p.status[0], p.status[1], 'LIC', '2015-01-01')] : [],
    identifier: [
      { system: NS.ipc, value: ipc },
      { system: NS.cpn, value: `CPN.${String(p.n).padStart(8, '0')}.BC.PRS` },
      { system: IDENTIFIER_TYPES[p.licence[0]], value: p.licence[1] },
    ],
    name: names,
    gender: p.gender,
    birthDate: '1970-05-06',
    address: [{ line: [`${p.n} Test Street`], city: p.city, state: 'BC', country: 'CA' }],
    communication: p.language ? [coded('https://terminology.hlth.gov.bc.ca/ProviderLocationRegistry/CodeSystem/bc-language-code-system', p.language)] : [],
  };
  const role: fhir.PractitionerRole = {
    resourceType: 'PractitionerRole',
    id: ipc,
    meta: { profile: [profile('bc-practitioner-role')] },
    practitioner: identifierRef(NS.ipc, ipc),
    code: [coded(CS.scptype, p.role)],
    specialty: p.expertise ? [coded('https://terminology.hlth.gov.bc.ca/ProviderLocationRegistry/CodeSystem/bc-expertise-code-system', p.expertise)] : [],
  };
  const roles: fhir.PractitionerRole[] = [role];
  if (p.n === 1) {
    roles.push(
      { resourceType: 'PractitionerRole', id: formatReln(1), meta: { profile: [profile('bc-role-relationships')] }, extension: [{ url: EXT.relationshipType, valueCodeableConcept: coded(CS.relationshipType, 'EE') }], period: { start: '2012-01-01' }, practitioner: identifierRef(NS.ipc, ipc), organization: identifierRef(NS.ipc, ORG) },
      { resourceType: 'PractitionerRole', id: formatReln(2), meta: { profile: [profile('bc-role-relationships')] }, extension: [{ url: EXT.locationRelationshipType, valueCodeableConcept: coded(CS.locationRelationshipType, 'LOCATED') }], period: { start: '2012-01-01' }, practitioner: identifierRef(NS.ipc, ipc), location: [identifierRef(NS.ifc, LOC)] },
    );
  }
  return { ipc, cpn: `CPN.${String(p.n).padStart(8, '0')}.BC.PRS`, practitioner, roles };
}

function organization(ipc: string, name: string, type: string, city: string, alias: string[]): PlrOrganization {
  const organization: fhir.Organization = {
    resourceType: 'Organization',
    id: ipc,
    meta: { profile: [profile('bc-organization')] },
    identifier: [{ system: NS.ipc, value: ipc }],
    active: true,
    type: [coded(CS.organizationRole, type)],
    name,
    alias,
    address: [{ line: ['100 Main St'], city, state: 'BC', country: 'CA' }],
  };
  const affiliations: fhir.OrganizationAffiliation[] =
    ipc === ORG
      ? [{ resourceType: 'OrganizationAffiliation', id: formatReln(3), meta: { profile: [profile('bc-organization-affiliation')] }, active: true, period: { start: '2012-01-01' }, organization: identifierRef(NS.ipc, ORG), location: [identifierRef(NS.ifc, LOC)], code: [coded(CS.locationRelationshipType, 'LOCATION')] }]
      : [];
  return { ipc, organization, affiliations };
}

function facility(ifc: string, name: string, city: string, areas: Record<string, string>): PlrFacility {
  const sub = Object.entries(areas).map(([k, v]): fhir.Extension => (k === 'CHSA' ? { url: EXT.chsa, extension: [{ url: 'code', valueIdentifier: { value: '1234' } }, { url: 'name', valueString: v }] } : { url: k === 'HA' ? EXT.healthAuthority : k === 'HSDA' ? EXT.hsda : EXT.lha, valueString: v }));
  return {
    ifc,
    location: {
      resourceType: 'Location',
      id: ifc,
      meta: { profile: [profile('bc-location')] },
      extension: [{ url: EXT.serviceArea, extension: sub }],
      identifier: [{ system: NS.ifc, value: ifc }],
      name,
      physicalType: coded('http://terminology.hl7.org/CodeSystem/location-physical-type', 'bu'),
      address: { line: ['100 Main St'], city, state: 'BC', country: 'CA' },
    },
  };
}

/** A Population whose PLR part is the fixture above; the other parts are empty. */
export function createFixturePopulation(extraPractitioners = 0): Population {
  const people = [...PEOPLE, ...Array.from({ length: extraPractitioners }, (_, i): Person => ({ n: 1000 + i, family: `Family${i}`, given: `Given${i}`, gender: 'female', role: 'RN', city: `City${i % 50}`, licence: ['RNID', `X${i}`] }))];
  const providers = people.map(provider);
  const organizations = [organization(ORG, 'Interior Family Clinic', 'CLINIC', 'Kelowna', ['Walk-in clinic']), organization(ORG2, 'Coastal Health Group', 'ORG', 'Vancouver', [])];
  const facilities = [facility(LOC, 'Kelowna Downtown Clinic', 'Kelowna', { HA: 'Interior Health', HSDA: 'Okanagan', LHA: 'Central Okanagan', CHSA: 'Downtown Kelowna' }), facility(LOC2, 'Vancouver Site', 'Vancouver', { HA: 'Vancouver Coastal' })];
  const none = () => [];
  return {
    options: { seed: 1, referenceDate: '2026-01-01', sizes: { patients: 0, practitioners: providers.length, organizations: 2, facilities: 2 } },
    fixtures: { ordinaryPatientPhn: '', mergedPhn: '', survivorPhn: '', deceasedPhn: '', confidentialPhn: '', newbornPhn: '', motherPhn: '', duplicatePair: ['', ''], familyPhysicianIpc: formatIpc(1), imagingListingRef: '', multiRolePractitionerCpn: '' },
    client: () => {
      throw new Error('the PLR fixture population has no clients');
    },
    clientByPhn: () => undefined,
    clients: none,
    chart: none,
    providers: () => providers,
    organizations: () => organizations,
    facilities: () => facilities,
    oceanSites: none,
    oceanListings: none,
    answerKey: none,
  };
}

// Maintain request builders for the tests: the Ministry's template filled in, and small location/organization bundles.
import { readFileSync } from 'node:fs';
import type * as fhir from '../../../src/fhir/types.js';
import { identifierRef } from '../../../src/plr/registry/references.js';
import { CS, EXT, IDENTIFIER_TYPES, NS, profile } from '../../../src/plr/vocabulary.js';

const TEMPLATE = JSON.parse(readFileSync(new URL('../fixtures/plr-maintain-add-practitioner-request-template.json', import.meta.url), 'utf8')) as fhir.Parameters;

let counter = 0;
export const nextMessageId = () => `msg-${++counter}`;

/** The PLR-TEST template exactly as published (blanks left blank). */
export function blankTemplate(): fhir.Parameters {
  return structuredClone(TEMPLATE);
}

export interface PractitionerFill {
  idType?: string;
  idValue?: string;
  family?: string;
  given?: string[];
  gender?: string;
  birthDate?: string;
  messageId?: string;
}

/** The template with the blanks PLR-TEST's builder fills: identifier, names, gender. */
export function filledTemplate(fill: PractitionerFill = {}): fhir.Parameters {
  const p = blankTemplate();
  const system = IDENTIFIER_TYPES[fill.idType ?? 'RNID']!;
  const value = fill.idValue ?? 'R7777';
  p.parameter![0]!.valueString = fill.messageId ?? nextMessageId();
  const bundle = maintainBundleOf(p);
  const role = bundle.entry![0]!.resource as fhir.PractitionerRole;
  role.practitioner!.identifier!.system = system;
  role.practitioner!.identifier!.value = value;
  const prac = bundle.entry![1]!.resource as fhir.Practitioner;
  prac.identifier![0]!.system = system;
  prac.identifier![0]!.value = value;
  prac.name![0]!.family = fill.family ?? 'Tester';
  prac.name![0]!.given = fill.given ?? ['Terry'];
  prac.gender = (fill.gender ?? 'female') as fhir.Practitioner['gender'];
  if (fill.birthDate) prac.birthDate = fill.birthDate;
  return p;
}

export function maintainBundleOf(p: fhir.Parameters): fhir.Bundle {
  return p.parameter!.find((x) => x.name === 'maintain')!.resource as fhir.Bundle;
}

export function practitionerOf(p: fhir.Parameters): fhir.Practitioner {
  return maintainBundleOf(p).entry!.find((e) => e.resource?.resourceType === 'Practitioner')!.resource as fhir.Practitioner;
}

/** Wraps a maintain bundle in the $maintain Parameters. */
export function maintainParameters(bundle: fhir.Bundle, messageId = nextMessageId()): fhir.Parameters {
  return {
    resourceType: 'Parameters',
    parameter: [
      { name: 'messageId', valueString: messageId },
      { name: 'messageTime', valueDateTime: '2026-03-02T01:01:01-08:00' },
      { name: 'maintain', resource: bundle },
    ],
  };
}

/** `$batch` Parameters: a message id, the time and the batch Bundle. */
export function batchParameters(batch: fhir.Bundle): fhir.Parameters {
  return {
    resourceType: 'Parameters',
    parameter: [
      { name: 'messageId', valueString: nextMessageId() },
      { name: 'messageTime', valueDateTime: '2026-03-02T01:00:00Z' },
      { name: 'batch', resource: batch },
    ],
  };
}

export function collection(...resources: fhir.FhirResource[]): fhir.Bundle {
  return { resourceType: 'Bundle', type: 'collection', entry: resources.map((resource, i) => ({ fullUrl: `urn:uuid:00000000-0000-0000-0000-${String(i).padStart(12, '0')}`, resource })) };
}

/** A facility bundle: a Location, optionally affiliated to an organization id. */
export function locationBundle(loc: Partial<fhir.Location> = {}, affiliateTo?: string): fhir.Bundle {
  const location: fhir.Location = {
    resourceType: 'Location',
    meta: { profile: [profile('bc-location')] },
    identifier: [{ system: 'https://health.gov.bc.ca/fhir/NamingSystem/ca-bc-msp-facility-id', value: 'F12345' }],
    name: 'New Test Facility',
    address: { line: ['1 New Road'], city: 'Nelson', state: 'BC' },
    ...loc,
  };
  const resources: fhir.FhirResource[] = [location];
  if (affiliateTo) {
    resources.push({
      resourceType: 'OrganizationAffiliation',
      period: { start: '2026-03-01' },
      organization: identifierRef(NS.ipc, affiliateTo),
      location: [identifierRef(NS.ifc, 'F12345')],
      code: [{ coding: [{ system: CS.locationRelationshipType, code: 'LOCATION' }] }],
    });
  }
  return collection(...resources);
}

/** A PractitionerRole relationship (bc-role-relationships) from a practitioner identifier to an organization IPC. */
export function orgRelationship(practitionerValue: string, orgIpc: string, type = 'EE'): fhir.PractitionerRole {
  return {
    resourceType: 'PractitionerRole',
    meta: { profile: [profile('bc-role-relationships')] },
    extension: [{ url: EXT.relationshipType, valueCodeableConcept: { coding: [{ system: CS.relationshipType, code: type }] } }],
    period: { start: '2026-03-01' },
    practitioner: { identifier: { value: practitionerValue } },
    organization: identifierRef(NS.ipc, orgIpc),
  };
}

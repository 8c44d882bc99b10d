// Renders a Person and its registry status as the FHIR Patient HCIM holds.
import type * as fhir from '../../fhir/types.js';
import { escapeXml, narrative } from '../fhir/narrative.js';
import { RESTRICTED, testMeta } from '../fhir/meta.js';
import { BC_PATIENT_PROFILE, PHN_ASSIGNER, SYS } from '../fhir/systems.js';
import type { ClientStatus, DemographicPatient } from '../types.js';
import { isoDate } from '../time/calendar.js';
import type { Person, PersonName, PostalAddress } from './person.js';

const LANGUAGE_NAMES: Readonly<Record<string, string>> = {
  fr: 'French', zh: 'Chinese (Mandarin)', yue: 'Cantonese', pa: 'Punjabi', hi: 'Hindi', ur: 'Urdu', gu: 'Gujarati',
  tl: 'Tagalog', ko: 'Korean', vi: 'Vietnamese', ja: 'Japanese', fa: 'Persian (Farsi)', es: 'Spanish', ar: 'Arabic',
  de: 'German', nl: 'Dutch', it: 'Italian', uk: 'Ukrainian', pl: 'Polish', pt: 'Portuguese',
};

/** What, besides the person, shapes the Patient: status, links, the deceased time, a mother. */
export interface PatientContext {
  phn: string;
  status: ClientStatus;
  /** ISO date-time of death, for deceased clients. */
  deceasedDateTime?: string;
  /** PHN of the survivor (merged non-survivor) or of the merged record (survivor). */
  replacedBy?: string;
  replaces?: string;
  mother?: { phn: string; name: PersonName; phone?: string };
}

/** The PHN identifier exactly as HCIM returns it. */
export function phnIdentifier(phn: string): fhir.Identifier {
  return {
    use: 'official',
    type: { coding: [{ system: SYS.v2IdentifierType, code: 'JHN' }], text: 'Personal Health Number' },
    system: SYS.phn,
    value: phn,
    assigner: { display: PHN_ASSIGNER },
  };
}

const fullName = (name: PersonName): string => `${name.given.join(' ')} ${name.family}`;

function humanName(use: 'official' | 'usual', name: PersonName): fhir.HumanName {
  return { use, text: fullName(name), family: name.family, given: [...name.given] };
}

function address(type: 'physical' | 'postal', a: PostalAddress): fhir.Address {
  return { use: 'home', type, line: [...a.line], city: a.city, state: 'BC', postalCode: a.postalCode, country: 'CA' };
}

function patientNarrative(person: Person, ctx: PatientContext): fhir.Narrative {
  const rows = [
    `<p><b>${escapeXml(fullName(person.official))}</b> (${escapeXml(person.gender)}, born ${isoDate(person.birthDay)})</p>`,
    `<p>PHN ${ctx.phn}; ${escapeXml(person.address.line.join(', '))}, ${escapeXml(person.address.city)} BC ${escapeXml(person.address.postalCode)}</p>`,
  ];
  if (ctx.status !== 'active') rows.push(`<p>Registry status: ${ctx.status}</p>`);
  return narrative(rows.join(''));
}

/** The nickname as its own name (the usual surname with it). */
const nicknameName = (person: Person): fhir.HumanName => ({ use: 'nickname', given: [person.nickname!], family: person.usual.family });

/**
 * What a match reads of the Patient `buildPatient` renders: its names (official, usual, nickname; no `text`), its
 * phones, gender, birth date and home address, with the same values in the same order.
 */
export function demographicElements(person: Person): DemographicPatient {
  const names: fhir.HumanName[] = [
    { use: 'official', family: person.official.family, given: person.official.given },
    { use: 'usual', family: person.usual.family, given: person.usual.given },
  ];
  if (person.nickname) names.push(nicknameName(person));
  return {
    name: names,
    telecom: person.phones.map((p) => ({ system: 'phone', value: p.value, use: p.use })),
    gender: person.gender,
    birthDate: isoDate(person.birthDay),
    address: [{ use: 'home', type: 'physical', line: person.address.line, postalCode: person.address.postalCode }],
  };
}

/** The Patient resource; id = PHN, every element tagged as test data. */
export function buildPatient(person: Person, ctx: PatientContext): fhir.Patient {
  const names: fhir.HumanName[] = [humanName('official', person.official), humanName('usual', person.usual)];
  if (person.nickname) names.push(nicknameName(person));
  const telecom: fhir.ContactPoint[] = person.phones.map((p) => ({ system: 'phone', value: p.value, use: p.use }));
  if (person.email) telecom.push({ system: 'email', value: person.email, use: 'home' });
  const addresses = [address('physical', person.address)];
  if (person.mailingAddress) addresses.push(address('postal', person.mailingAddress));
  const patient: fhir.Patient = {
    resourceType: 'Patient',
    id: ctx.phn,
    meta: testMeta(BC_PATIENT_PROFILE, ctx.status === 'confidential' ? [RESTRICTED] : []),
    text: patientNarrative(person, ctx),
    identifier: [phnIdentifier(ctx.phn)],
    active: ctx.status !== 'merged',
    name: names,
    telecom,
    gender: person.gender,
    birthDate: isoDate(person.birthDay),
  };
  if (ctx.deceasedDateTime) patient.deceasedDateTime = ctx.deceasedDateTime;
  patient.address = addresses;
  if (ctx.mother) {
    const contact: fhir.PatientContact = {
      relationship: [{ coding: [{ system: SYS.roleCode, code: 'NMTH', display: 'natural mother' }], text: `Mother (PHN ${ctx.mother.phn})` }],
      name: { use: 'official', family: ctx.mother.name.family, given: [...ctx.mother.name.given] },
    };
    if (ctx.mother.phone) contact.telecom = [{ system: 'phone', value: ctx.mother.phone }];
    patient.contact = [contact];
  }
  if (person.language) {
    const display = LANGUAGE_NAMES[person.language] ?? person.language;
    patient.communication = [{ language: { coding: [{ system: SYS.bcp47, code: person.language, display }], text: display }, preferred: true }];
  }
  const links: fhir.PatientLink[] = [];
  if (ctx.replacedBy) links.push({ other: { reference: `Patient/${ctx.replacedBy}` }, type: 'replaced-by' });
  if (ctx.replaces) links.push({ other: { reference: `Patient/${ctx.replaces}` }, type: 'replaces' });
  if (links.length > 0) patient.link = links;
  return patient;
}

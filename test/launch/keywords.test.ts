// One test per keyword rule of the DRO guide ("A Word on Data: Keyword Population"; docs/smart-launch.md#eform-keywords).
import { describe, expect, it } from 'vitest';
import type * as fhir from '../../src/fhir/types.js';
import { chartAttachments } from '../../src/ocean/launch/attachments.js';
import { cppKeywords, textOf } from '../../src/ocean/launch/keywords-cpp.js';
import { demographicKeywords } from '../../src/ocean/launch/keywords-demographics.js';
import { LATEST_VALUE_CODES, latestValueKeywords } from '../../src/ocean/launch/keywords-observations.js';
import { mapKeywords } from '../../src/ocean/launch/keywords.js';

const div = (t: string) => ({ status: 'generated' as const, div: `<div xmlns="http://www.w3.org/1999/xhtml">${t}</div>` });
const subject = { reference: 'Patient/pt-1' };
const condition = (text: string, status?: string): fhir.Condition => ({
  resourceType: 'Condition', subject, text: div(text),
  ...(status ? { clinicalStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-clinical', code: status }] } } : {}),
});
const obs = (code: string, when: string, value: Partial<fhir.Observation>): fhir.Observation => ({
  resourceType: 'Observation', status: 'final', subject, code: { coding: [{ system: 'http://loinc.org', code }] }, effectiveDateTime: when, ...value,
});

describe('@ptCpp.allg', () => {
  it('lists every allergy narrative, one a line', () => {
    const k = cppKeywords([
      { resourceType: 'AllergyIntolerance', patient: subject, text: div('Penicillin &amp; amoxicillin: hives') },
      { resourceType: 'AllergyIntolerance', patient: subject, code: { text: 'Peanuts' } },
    ]);
    expect(k['@ptCpp.allg']).toBe('Penicillin & amoxicillin: hives\nPeanuts');
  });
  it('leaves out allergies entered in error', () => {
    const k = cppKeywords([{ resourceType: 'AllergyIntolerance', patient: subject, code: { text: 'Latex' }, verificationStatus: { coding: [{ code: 'entered-in-error' }] } }]);
    expect(k['@ptCpp.allg']).toBe('');
  });
});

describe('@ptCpp.prob and @ptCpp.pmhx', () => {
  it.each(['resolved', 'remission', 'inactive'])('puts a %s Condition in past medical history', (status) => {
    const k = cppKeywords([condition('Appendicitis', status)]);
    expect(k['@ptCpp.pmhx']).toBe('Appendicitis');
    expect(k['@ptCpp.prob']).toBe('');
  });
  it.each(['active', 'recurrence', 'relapse', undefined])('puts a Condition with status %s on the problem list', (status) => {
    const k = cppKeywords([condition('Type 2 diabetes', status)]);
    expect(k['@ptCpp.prob']).toBe('Type 2 diabetes');
    expect(k['@ptCpp.pmhx']).toBe('');
  });
});

describe('@ptCpp.rx and @ptCpp.immu', () => {
  it('takes medications from MedicationStatement, with the dosage when there is no narrative', () => {
    const k = cppKeywords([{ resourceType: 'MedicationStatement', status: 'active', subject, medicationCodeableConcept: { text: 'Metformin 500 mg' }, dosage: [{ text: 'BID' }] }]);
    expect(k['@ptCpp.rx']).toBe('Metformin 500 mg BID');
  });
  it('takes immunizations from Immunization with their date', () => {
    const k = cppKeywords([{ resourceType: 'Immunization', status: 'completed', patient: subject, vaccineCode: { text: 'Influenza' }, occurrenceDateTime: '2025-10-14T10:00:00Z' }]);
    expect(k['@ptCpp.immu']).toBe('Influenza (2025-10-14)');
  });
  it('prefers the narrative to the coding, as Ocean grabs text.div', () => {
    expect(textOf({ text: div('<b>Ramipril</b> 5 mg<br/>daily') }, { text: 'ramipril' })).toBe('Ramipril 5 mg daily');
  });
});

describe('@ptLatestVal.X and @ptLatestDate.X', () => {
  it('covers every LOINC code of the keyword table', () => {
    expect(Object.keys(LATEST_VALUE_CODES)).toHaveLength(18);
    expect(LATEST_VALUE_CODES.a1c).toBe('59261-8');
    expect(LATEST_VALUE_CODES.lldl).toBe('2089-1');
  });
  it.each(Object.entries(LATEST_VALUE_CODES))('imports only the latest %s (%s) observation', (suffix, code) => {
    const k = latestValueKeywords([
      obs(code, '2025-01-01', { valueQuantity: { value: 1, unit: 'u' } }),
      obs(code, '2025-06-30', { valueQuantity: { value: 3, unit: 'u' } }),
      obs(code, '2025-03-15', { valueQuantity: { value: 2, unit: 'u' } }),
    ]);
    expect(k[`@ptLatestVal.${suffix}`]).toBe('3 u');
    expect(k[`@ptLatestDate.${suffix}`]).toBe('2025-06-30');
  });
  it('prints a blood pressure panel as systolic/diastolic', () => {
    const bp = obs('35094-2', '2025-05-05', {
      component: [
        { code: { coding: [{ system: 'http://loinc.org', code: '8480-6' }] }, valueQuantity: { value: 128, unit: 'mmHg' } },
        { code: { coding: [{ system: 'http://loinc.org', code: '8462-4' }] }, valueQuantity: { value: 82, unit: 'mmHg' } },
      ],
    });
    expect(latestValueKeywords([bp])['@ptLatestVal.bp']).toBe('128/82 mmHg');
  });
  it('leaves a keyword empty when there is no observation with its code', () => {
    const k = latestValueKeywords([obs('8302-2', '2025-01-01', { valueQuantity: { value: 170, unit: 'cm' } })]);
    expect(k['@ptLatestVal.wt']).toBe('');
    expect(k['@ptLatestVal.ht']).toBe('170 cm');
  });
  it('ignores codes from other systems', () => {
    const other: fhir.Observation = { ...obs('8302-2', '2025-01-01', { valueQuantity: { value: 9 } }), code: { coding: [{ system: 'http://example.org', code: '8302-2' }] } };
    expect(latestValueKeywords([other])['@ptLatestVal.ht']).toBe('');
  });
});

describe('demographics', () => {
  const patient: fhir.Patient = {
    resourceType: 'Patient', id: 'pt-1', gender: 'female', birthDate: '1970-02-03',
    identifier: [{ system: 'https://fhir.infoway-inforoute.ca/NamingSystem/ca-bc-patient-healthcare-id', value: '9876543210' }],
    name: [{ use: 'official', family: 'Smith', given: ['Jane', 'Q'], prefix: ['Ms'] }, { use: 'usual', given: ['Janie'] }],
    address: [{ use: 'home', line: ['1 Main St'], city: 'Victoria', state: 'BC', postalCode: 'V8V 1A1' }],
    telecom: [{ system: 'phone', use: 'home', value: '250-555-0101' }, { system: 'phone', use: 'mobile', value: '250-555-0102' }, { system: 'email', value: 'jane@example.org' }],
  };
  it('fills the name keywords Ocean documents', () => {
    const k = demographicKeywords(patient);
    expect(k).toMatchObject({ '@ptName': 'Smith, Jane', '@ptSurname': 'Smith', '@ptFirstName': 'Jane', '@ptPreferredName': 'Janie', '@ptPreferredOrFirstName': 'Janie', '@ptTitle': 'Ms' });
  });
  it('fills DOB, gender, health number, address, phones and email', () => {
    expect(demographicKeywords(patient)).toMatchObject({ '@ptDob': '1970-02-03', '@ptSex': 'female', '@ptHn': '9876543210', '@ptAddress': '1 Main St', '@ptCity': 'Victoria', '@ptPostal': 'V8V 1A1', '@ptHomePhone': '250-555-0101', '@ptMobilePhone': '250-555-0102', '@ptEmail': 'jane@example.org' });
  });
  it('ignores chart resources of another patient in a sloppy $everything', () => {
    const bundle: fhir.Bundle = { resourceType: 'Bundle', type: 'searchset', entry: [{ resource: patient }, { resource: { ...condition('Asthma', 'active'), subject: { reference: 'Patient/pt-2' } } }, { resource: condition('Gout', 'active') }] };
    expect(mapKeywords(patient, bundle)['@ptCpp.prob']).toBe('Gout');
  });
});

describe('attachments', () => {
  it('keeps DocumentReferences titled with a supported extension and reports the rest', () => {
    const doc = (title: string): fhir.DocumentReference => ({ resourceType: 'DocumentReference', id: title, status: 'current', content: [{ attachment: { title, contentType: 'application/pdf', data: 'JVBERi0=' } }] });
    const scan = chartAttachments({ resourceType: 'Bundle', type: 'searchset', entry: [{ resource: doc('ecg.pdf') }, { resource: doc('notes.docx') }, { resource: doc('xray.TIFF') }] });
    expect(scan.attachments.map((a) => a.title)).toEqual(['ecg.pdf', 'xray.TIFF']);
    expect(scan.skipped).toEqual(['notes.docx: not a file name with a supported extension']);
  });
});

// Structural comparison of an outbound add-service-request with the real Ocean payload (v0.11), plus v0.10.
import { readFileSync } from 'node:fs';
import request from 'supertest';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type * as fhir from '../../src/fhir/types.js';
import { emrPatient } from '../../src/pos/emr/patient-view.js';
import { createOceanWorld, fhirSchemaErrors, receivedEvents, sendReferral, siteToken, type OceanWorld } from './support/ocean-sandbox.js';

/** A real Ocean webhook body (origin and licence: fixtures/README.md). */
const REAL = JSON.parse(readFileSync(new URL('./fixtures/ocean-outbound-add-service-request-v0.11.json', import.meta.url), 'utf8')) as fhir.Bundle;
const REAL_HOST = 'https://ocean.cognisantmd.com/svc/fhir/v1';

const types = (b: fhir.Bundle) => b.entry!.map((e) => e.resource!.resourceType);
const references = (value: unknown, out: string[] = []): string[] => {
  if (Array.isArray(value)) value.forEach((v) => references(v, out));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) k === 'reference' && typeof v === 'string' ? out.push(v) : references(v, out);
  return out;
};
const oceanSystems = (r: fhir.FhirResource, base: string) => {
  const ids = (r as { identifier?: fhir.Identifier | fhir.Identifier[] }).identifier;
  return (Array.isArray(ids) ? ids : ids ? [ids] : []).map((i) => i.system!).filter((s) => s.startsWith(base)).map((s) => s.slice(base.length));
};

describe('outbound add-service-request (v0.11)', () => {
  let world: OceanWorld;
  let bundle: fhir.Bundle;
  let ref: string;
  beforeEach(async () => {
    world = await createOceanWorld();
    // The real payload came from an EMR launch, so its Patient carries the EMR's MRN: send the reference EMR's Patient.
    const pop = world.sandbox.deps.population;
    const patient = emrPatient(pop, pop.clientByPhn(pop.fixtures.ordinaryPatientPhn)!.index, world.sandbox.deps.config.baseUrl);
    ref = (await sendReferral(world, { phn: undefined, patient })).ref;
    const adds = receivedEvents(world.receiver).filter((e) => e.event === 'add-service-request');
    expect(adds).toHaveLength(1);
    bundle = adds[0]!.bundle;
  });
  afterEach(() => world.close());

  it('has the real payload\'s resource types in the same order', () => {
    expect(types(bundle)).toEqual(types(REAL));
  });

  it('uses a bare UUID fullUrl for the MessageHeader and urn:uuid fullUrls without ids elsewhere', () => {
    const [header, ...rest] = bundle.entry!;
    expect(header!.fullUrl).toBe(header!.resource!.id);
    expect(header!.fullUrl).toMatch(/^[0-9a-f-]{36}$/);
    for (const e of rest) {
      expect(e.fullUrl).toMatch(/^urn:uuid:[0-9a-f-]{36}$/);
      expect(e.resource!.id).toBeUndefined();
    }
  });

  it('references every resource by an urn:uuid fullUrl present in the bundle', () => {
    const fullUrls = new Set(bundle.entry!.map((e) => e.fullUrl));
    const refs = references(bundle.entry!.map((e) => e.resource));
    expect(refs.length).toBeGreaterThan(10);
    for (const r of refs) {
      expect(r).toMatch(/^urn:uuid:/);
      expect(fullUrls.has(r)).toBe(true);
    }
  });

  it('mints the same Ocean identifier systems as the real payload, from the sandbox host', () => {
    const base = `${world.ctx.fhirBase}/NamingSystem/`;
    expect(base).toBe(`${world.sandbox.deps.config.baseUrl}/ocean/svc/fhir/v1/NamingSystem/`);
    REAL.entry!.forEach((e, i) => {
      const expected = oceanSystems(e.resource!, `${REAL_HOST}/NamingSystem/`);
      const ours = oceanSystems(bundle.entry![i]!.resource!, base);
      expect(ours, e.resource!.resourceType).toEqual(expect.arrayContaining(expected));
    });
    const sr = bundle.entry!.find((e) => e.resource!.resourceType === 'ServiceRequest')!;
    expect(sr.fullUrl).toBe(`urn:uuid:${ref}`);
    expect((sr.resource as fhir.ServiceRequest).identifier).toEqual([{ system: `${base}id-ereferral-reference`, value: ref }]);
  });

  it('carries the real payload\'s meta.profile versions and the HTEST label on the Bundle and every resource', () => {
    expect(bundle.meta!.security).toEqual(REAL.meta!.security);
    REAL.entry!.forEach((e, i) => {
      expect(bundle.entry![i]!.resource!.meta!.profile).toEqual(e.resource!.meta!.profile);
      expect(bundle.entry![i]!.resource!.meta!.security).toEqual(e.resource!.meta!.security);
    });
  });

  it('builds the MessageHeader like Ocean: event, destination, sender/author, source, reason, focus', () => {
    const mh = bundle.entry![0]!.resource as fhir.MessageHeader;
    const real = REAL.entry![0]!.resource as fhir.MessageHeader;
    expect(Object.keys(mh)).toEqual(Object.keys(real));
    expect(mh.eventCoding).toEqual(real.eventCoding);
    expect(mh.extension).toEqual([{ url: real.extension![0]!.url, valueIdentifier: { system: `${world.ctx.fhirBase}/NamingSystem/id-ereferral-reference`, value: ref } }]);
    expect(mh.destination![0]!.endpoint).toBe(`${world.receiver.url}/receiver`);
    expect(mh.destination![0]!.receiver!.reference).toBe(bundle.entry![2]!.fullUrl);
    expect(mh.sender).toEqual({ reference: bundle.entry![3]!.fullUrl });
    expect(mh.author).toEqual(mh.sender);
    expect(mh.source).toEqual({ name: 'Ocean', endpoint: `${world.ctx.fhirBase}/$process-messages` });
    expect(mh.reason).toEqual({ text: 'Initial' });
    expect(mh.focus).toEqual([{ reference: `urn:uuid:${ref}` }]);
  });

  it('links the $letter DocumentReference and the QuestionnaireResponse from the ServiceRequest, and the letter is a PDF', async () => {
    const byUrl = new Map(bundle.entry!.map((e) => [e.fullUrl, e.resource!]));
    const sr = bundle.entry!.find((e) => e.resource!.resourceType === 'ServiceRequest')!.resource as fhir.ServiceRequest;
    const realSr = REAL.entry!.find((e) => e.resource!.resourceType === 'ServiceRequest')!.resource as fhir.ServiceRequest;
    expect(Object.keys(sr)).toEqual(Object.keys(realSr).filter((k) => k in sr));
    expect(sr.status).toBe('active');
    expect(sr.intent).toBe('proposal');
    expect(sr.supportingInfo!.map((s) => byUrl.get(s.reference)!.resourceType)).toEqual(['DocumentReference', 'QuestionnaireResponse']);
    const doc = byUrl.get(sr.supportingInfo![0]!.reference) as fhir.DocumentReference;
    expect(doc.content[0]!.attachment.url).toBe(`${world.ctx.fhirBase}/ServiceRequest/${ref}/$letter`);
    expect(doc.content[0]!.attachment.title).toMatch(/-\d{4}-\d{2}-\d{2}\.pdf$/);
    const qr = byUrl.get(sr.supportingInfo![1]!.reference) as fhir.QuestionnaireResponse & { identifier: fhir.Identifier };
    expect(Array.isArray(qr.identifier)).toBe(false);
    expect(qr.identifier.system).toBe(`${world.ctx.fhirBase}/NamingSystem/id-form-reference`);
    expect(qr.item!.some((i) => i.answer?.[0]?.valueString === 'Please assess')).toBe(true);
    const pdf = await request(world.sandbox.app).get(`/ocean/svc/fhir/v1/ServiceRequest/${ref}/$letter`).set('Authorization', `Bearer ${await siteToken(world, world.receiverSite)}`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(Buffer.from(pdf.body as Buffer).subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('validates against the FHIR R4 JSON schema', () => {
    expect(fhirSchemaErrors(bundle)).toEqual([]);
  });
});

describe('identifiers in the v0.11 form', () => {
  it('keep the 2024 spellings: v2-0203 on terminology.hl7.org, MD licences, plain | profiles, no version code', async () => {
    const world = await createOceanWorld();
    try {
      await sendReferral(world);
      const bundle = receivedEvents(world.receiver).find((e) => e.event === 'add-service-request')!.bundle;
      const text = JSON.stringify(bundle);
      expect(text).not.toContain('%7C');
      expect(text).not.toContain('http://hl7.org/fhir/v2/0203');
      expect(text).not.toContain('ext-id-health-card-version-code');
      expect(text).toContain('"code":"MD","display":"Medical License number"');
    } finally {
      await world.close();
    }
  });
});

describe('outbound add-service-request (v0.10)', () => {
  let world: OceanWorld;
  beforeEach(async () => {
    world = await createOceanWorld({ version: 'v0.10' });
  });
  afterEach(() => world.close());

  it('uses 1.0.0 profiles written with %7C, ids with Type/id references, no fullUrls, and ext-id-message-header', async () => {
    const { ref } = await sendReferral(world);
    const bundle = receivedEvents(world.receiver).find((e) => e.event === 'add-service-request')!.bundle;
    for (const e of bundle.entry!) {
      expect(e.fullUrl).toBeUndefined();
      expect(e.resource!.id).toMatch(/^[0-9a-f-]{36}$/);
      expect(e.resource!.meta!.profile).toEqual([`http://ehealthontario.ca/fhir/StructureDefinition/ca-on-eReferral-profile-${e.resource!.resourceType}%7C1.0.0`]);
    }
    const ids = new Set(bundle.entry!.map((e) => `${e.resource!.resourceType}/${e.resource!.id}`));
    for (const r of references(bundle.entry!.slice(1).map((e) => e.resource))) expect(ids.has(r)).toBe(true);
    const mh = bundle.entry![0]!.resource as fhir.MessageHeader;
    expect(mh.extension).toEqual([{ url: 'http://ehealthontario.ca/fhir/StructureDefinition/ext-id-message-header', valueString: ref }]);
    expect(mh.sender).toEqual({ reference: 'Organization/cognisant-md' });
    expect(mh.destination![0]!.receiver!.identifier!.system).toBe(`${world.ctx.fhirBase}/NamingSystem/id-referral-target-external-service`);
    expect(fhirSchemaErrors(bundle)).toEqual([]);
  });
});

describe('identifiers in the v0.10 form', () => {
  const OLD_V2 = 'http://hl7.org/fhir/v2/0203/';
  const VERSION_CODE = 'http://ehealthontario.ca/fhir/StructureDefinition/ext-id-health-card-version-code';
  let world: OceanWorld;
  beforeEach(async () => {
    world = await createOceanWorld({ version: 'v0.10' });
  });
  afterEach(() => world.close());

  const addOf = () => receivedEvents(world.receiver).find((e) => e.event === 'add-service-request')!.bundle;
  const all = <T extends fhir.FhirResource>(b: fhir.Bundle, type: T['resourceType']) => b.entry!.map((e) => e.resource!).filter((r) => r.resourceType === type) as T[];
  const codings = (value: unknown, out: fhir.Coding[] = []): fhir.Coding[] => {
    if (Array.isArray(value)) value.forEach((v) => codings(v, out));
    else if (value && typeof value === 'object') {
      const o = value as Record<string, unknown>;
      if (typeof o.system === 'string' && typeof o.code === 'string') out.push(o as fhir.Coding);
      Object.values(o).forEach((v) => codings(v, out));
    }
    return out;
  };

  it('types licences LN "License Number" and writes every v2-0203 coding with the 2023 system', async () => {
    const pop = world.sandbox.deps.population;
    const patient = emrPatient(pop, pop.clientByPhn(pop.fixtures.ordinaryPatientPhn)!.index, world.sandbox.deps.config.baseUrl);
    await sendReferral(world, { phn: undefined, patient });
    const bundle = addOf();
    const v2 = codings(bundle).filter((c) => c.system!.includes('0203'));
    expect(v2.map((c) => c.code).sort()).toEqual(['JHN', 'LN', 'LN', 'MR']);
    for (const c of v2) expect(c.system).toBe(OLD_V2);
    const requester = all<fhir.PractitionerRole>(bundle, 'PractitionerRole').find((r) => r.practitioner)!;
    expect(requester.identifier![0]!.type).toEqual({ coding: [{ system: OLD_V2, code: 'LN', display: 'License Number' }] });
    expect(all<fhir.Practitioner>(bundle, 'Practitioner')[0]!.identifier![0]!.type).toEqual({ coding: [{ system: OLD_V2, code: 'LN', display: 'License Number' }] });
    expect(fhirSchemaErrors(bundle)).toEqual([]);
  });

  it('puts an ext-id-health-card-version-code on the JHN, with the version code the patient came with', async () => {
    await sendReferral(world);
    const jhn = (b: fhir.Bundle) => all<fhir.Patient>(b, 'Patient')[0]!.identifier!.find((i) => i.type?.coding?.[0]?.code === 'JHN')!;
    const plain = jhn(addOf());
    expect(plain.extension).toEqual([{ url: VERSION_CODE, valueString: expect.stringMatching(/^\S+$/) }]);
    const pop = world.sandbox.deps.population;
    const patient = emrPatient(pop, pop.clientByPhn(pop.fixtures.ordinaryPatientPhn)!.index, world.sandbox.deps.config.baseUrl);
    const phn = patient.identifier!.find((i) => i.value === pop.fixtures.ordinaryPatientPhn)!;
    phn.extension = [{ url: VERSION_CODE, valueString: 'AB' }];
    await sendReferral(world, { phn: undefined, patient });
    const adds = receivedEvents(world.receiver).filter((e) => e.event === 'add-service-request');
    expect(jhn(adds.at(-1)!.bundle).extension).toEqual([{ url: VERSION_CODE, valueString: 'AB' }]);
  });
});

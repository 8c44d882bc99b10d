// One source record per partner and SRI, and a composite derived from them: a revise replaces only the caller's
// source record (https://bcgov.github.io/MOH-HCIM-FHIR/reviseAndMerge.html), and a documented identity (name use
// official, HL7v3 `C`: name, birth date and gender) is locked against point-of-service writes.
import { XMLParser } from 'fast-xml-parser';
import request from 'supertest';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../src/app.js';
import type * as fhir from '../../src/fhir/types.js';
import { HCIM_CODES } from '../../src/hcim/codes.js';
import { OID, PHN_SYSTEM } from '../../src/hcim/identifiers.js';
import type { SourceRecord } from '../../src/hcim/registry/person.js';
import { startReceiver } from '../support/receiver.js';
import { PHN } from './support/fixture-population.js';
import { byPhn, codeOf, patientsOf, requestBundle, type HcimPost } from './support/hcim-client.js';
import { soapRequest } from './support/soap-request.js';
import { ALPHA_SRI, BETA_SRI, ferry, harbour, ok, twoPartners } from './support/two-partners.js';

let sandbox: Sandbox;
let alpha: HcimPost;
let beta: HcimPost;
beforeEach(async () => void ({ sandbox, alpha, beta } = await twoPartners()));
afterEach(async () => sandbox.close());

/** Robert Smith as the fixture population generated him: official name, 1970-04-12, male, 1234 Oak St, 250-555-0101. */
const snapshot = (sri: fhir.Identifier, extra: Partial<fhir.Patient> = {}, phn: string | undefined = PHN.ordinary): fhir.Patient => ({
  resourceType: 'Patient',
  identifier: [...(phn ? [{ system: PHN_SYSTEM, value: phn }] : []), sri],
  name: [{ use: 'official', family: 'Smith', given: ['Robert'] }],
  gender: 'male',
  birthDate: '1970-04-12',
  ...extra,
});
const alphaId = (value = 'A-1'): fhir.Identifier => ({ system: ALPHA_SRI, value });
const betaId = (value = 'B-1'): fhir.Identifier => ({ system: BETA_SRI, value });
const current = async (phn: string) => patientsOf((await alpha('GetDemographics', requestBundle(byPhn(phn)))).body)[0]!;

describe('a revise replaces only the caller\'s source record', () => {
  it("keeps the telephone another source filed when a source revises its own record without one, and notifies that composite", async () => {
    const receiver = await startReceiver();
    try {
      await ok(alpha('RevisePatient', requestBundle(snapshot(alphaId(), { address: [harbour], telecom: [{ system: 'phone', value: '250-555-0142', use: 'mobile' }] }))));
      await request(sandbox.app).post('/admin/hcim/subscriptions').send({ partner: 'alpha', endpoint: receiver.url }).expect(201);
      await ok(beta('RevisePatient', requestBundle(snapshot(betaId(), { address: [ferry] }))));
      const after = await current(PHN.ordinary);
      expect(after.telecom).toEqual([{ system: 'phone', value: '250-555-0142', use: 'mobile' }]);
      expect(after.address).toEqual([ferry]);
      await sandbox.deps.delivery.idle();
      const notified = JSON.parse(receiver.received[0]!.body) as fhir.Bundle;
      expect((notified.entry![1]!.resource as fhir.Patient).telecom).toEqual(after.telecom);
    } finally {
      await receiver.close();
    }
  });

  it('links a first source that files what the composite already shows without a COMPOSITE notification or a revision', async () => {
    const receiver = await startReceiver();
    try {
      await request(sandbox.app).post('/admin/hcim/subscriptions').send({ partner: 'beta', endpoint: receiver.url }).expect(201);
      const before = await current(PHN.ordinary);
      await ok(alpha('RevisePatient', requestBundle(snapshot(alphaId(), { address: before.address, telecom: before.telecom }))));
      await sandbox.deps.delivery.idle();
      expect(receiver.received).toEqual([]);
      expect(sandbox.deps.store.get<{ history: unknown[] }>('hcim.persons', PHN.ordinary)?.history ?? []).toEqual([]);
      await ok(alpha('RevisePatient', requestBundle(snapshot(alphaId(), { address: [harbour] }))));
      await sandbox.deps.delivery.idle();
      expect(receiver.received).toHaveLength(1);
      expect(sandbox.deps.store.get<{ history: unknown[] }>('hcim.persons', PHN.ordinary)!.history).toHaveLength(1);
    } finally {
      await receiver.close();
    }
  });

  it("reverts an address a source ends to the one another source filed, not to nothing", async () => {
    await ok(alpha('RevisePatient', requestBundle(snapshot(alphaId(), { address: [harbour] }))));
    await ok(beta('RevisePatient', requestBundle(snapshot(betaId(), { address: [ferry] }))));
    expect((await current(PHN.ordinary)).address).toEqual([ferry]);
    await ok(beta('RevisePatient', requestBundle(snapshot(betaId()))));
    expect((await current(PHN.ordinary)).address).toEqual([harbour]);
    await ok(alpha('RevisePatient', requestBundle(snapshot(alphaId()))));
    // No source files an address now: the registry's own record (the population's) is what is left.
    expect((await current(PHN.ordinary)).address?.[0]?.line).toEqual(['1234 Oak St']);
  });

  it('keeps each partner\'s own record: the source record holds the snapshot as sent, the composite what the registry derived', async () => {
    await ok(alpha('RevisePatient', requestBundle(snapshot(alphaId(), { telecom: [{ system: 'phone', value: '250-555-0142' }] }))));
    await ok(beta('RevisePatient', requestBundle(snapshot(betaId()))));
    const sources = [...sandbox.deps.store.values<SourceRecord>('hcim.sources')];
    expect(sources.find((s) => s.partner === 'alpha')!.patient.telecom).toEqual([{ system: 'phone', value: '250-555-0142' }]);
    expect(sources.find((s) => s.partner === 'beta')!.patient.telecom).toBeUndefined();
  });

  it("changes only what an UpdatePatient names, in the caller's own record: a PHN-only update is kept as that partner's and survives another source's revise", async () => {
    await ok(alpha('UpdatePatient', requestBundle({ ...byPhn(PHN.ordinary), telecom: [{ system: 'phone', value: '250-555-0999', use: 'mobile' }] })));
    await ok(beta('RevisePatient', requestBundle(snapshot(betaId(), { address: [ferry] }))));
    const after = await current(PHN.ordinary);
    expect(after.telecom).toEqual([{ system: 'phone', value: '250-555-0999', use: 'mobile' }]);
    expect(after.address).toEqual([ferry]);
    // The PHN-only record is no source record identifier: answers list the PHN and beta's SRI only.
    expect(after.identifier?.map((i) => i.value)).toEqual([PHN.ordinary, 'B-1']);
  });

  it("applies an UpdatePatient naming the caller's SRI to that source record only", async () => {
    await ok(alpha('RevisePatient', requestBundle(snapshot(alphaId(), { address: [harbour], telecom: [{ system: 'phone', value: '250-555-0142' }] }))));
    await ok(alpha('UpdatePatient', requestBundle({ resourceType: 'Patient', identifier: [alphaId()], address: [ferry] })));
    const record = sandbox.deps.store.get<SourceRecord>('hcim.sources', `alpha|${ALPHA_SRI}|A-1`)!;
    expect(record.patient.address).toEqual([ferry]);
    expect(record.patient.telecom).toEqual([{ system: 'phone', value: '250-555-0142' }]);
    expect((await current(PHN.ordinary)).address).toEqual([ferry]);
  });
});

describe('a documented identity is locked', () => {
  it("keeps the documented name, birth date and gender when a POS revises them ($RevisePatient), keeping the POS's values in its source record", async () => {
    const res = await ok(alpha('RevisePatient', requestBundle(snapshot(alphaId(), { name: [{ use: 'official', family: 'Smithers', given: ['Bob'] }, { use: 'usual', family: 'Smith', given: ['Bobby'] }], birthDate: '1971-01-01', gender: 'female' }))));
    expect(codeOf(res.body)).toBe(HCIM_CODES.rpExistingPhn.code);
    const after = await current(PHN.ordinary);
    expect([after.birthDate, after.gender]).toEqual(['1970-04-12', 'male']);
    // Documented first (consumers prefer it), then the declared name the POS filed.
    expect(after.name?.map((n) => [n.use, n.family, n.given?.[0]])).toEqual([['official', 'Smith', 'Robert'], ['usual', 'Smith', 'Bobby']]);
    const record = sandbox.deps.store.get<SourceRecord>('hcim.sources', `alpha|${ALPHA_SRI}|A-1`)!;
    expect([record.patient.birthDate, record.patient.gender, record.patient.name?.[0]?.family]).toEqual(['1971-01-01', 'female', 'Smithers']);
  });

  it('keeps them when an UpdatePatient names them', async () => {
    await ok(alpha('UpdatePatient', requestBundle({ ...byPhn(PHN.ordinary), birthDate: '1971-01-01', gender: 'female' })));
    const after = await current(PHN.ordinary);
    expect([after.birthDate, after.gender]).toEqual(['1970-04-12', 'male']);
  });

  it('keeps them over HL7v3: a PersonRevised (name use L) adds a declared name, the Result and later reads keep the documented C name, birth time and gender', async () => {
    const token = await sandbox.deps.issuer.issue({ sub: 'alpha-pos', azp: 'alpha-pos', aud: ['hcim'], partner: 'alpha' }, 3600);
    const xml = soapRequest('HCIM_IN_PersonRevised', {
      '@_classCode': 'CACT',
      '@_moodCode': 'EVN',
      dataEnterer: { '@_typeCode': 'CST', assignedPerson: { '@_classCode': 'ENT', id: { '@_root': OID.user, '@_extension': 'tester@IDIR' } } },
      subject: {
        registrationEvent: {
          '@_classCode': 'REG',
          '@_moodCode': 'RQO',
          subject1: {
            '@_typeCode': 'SBJ',
            identifiedPerson: {
              '@_classCode': 'IDENT',
              id: { '@_root': OID.sourceRecord, '@_extension': 'V3-A', '@_assigningAuthorityName': 'ALPHA-EMR' },
              identifiedPerson: {
                '@_classCode': 'PSN',
                id: { '@_root': OID.phn, '@_extension': PHN.ordinary, '@_assigningAuthorityName': 'MOH_CRS' },
                name: { '@_use': 'L', given: 'Bobby', family: 'Smithers' },
                administrativeGenderCode: { '@_code': 'F' },
                birthTime: { '@_value': '19710101' },
              },
            },
          },
        },
      },
    });
    const res = await request(sandbox.app).post('/hcim/soap').set('Authorization', `Bearer ${token}`).set('Content-Type', 'text/xml; charset=utf-8').send(xml);
    const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@_', removeNSPrefix: true, isArray: (name) => name === 'name' });
    const result = parser.parse(res.text).Envelope.Body.HCIM_IN_PersonRevisedResult;
    expect(result.acknowledgement.acknowledgementDetail.code['@_code']).toBe(HCIM_CODES.rpExistingPhn.code);
    const person = result.controlActProcess.subject.registrationEvent.subject1.identifiedPerson.identifiedPerson;
    expect(person.name.map((n: Record<string, string>) => [n['@_use'], n.family])).toEqual([['C', 'Smith'], ['L', 'Smithers']]);
    expect([person.administrativeGenderCode['@_code'], person.birthTime['@_value']]).toEqual(['M', '19700412']);
    const after = await current(PHN.ordinary);
    expect([after.birthDate, after.gender, after.name?.[0]?.family]).toEqual(['1970-04-12', 'male', 'Smith']);
  });
});

describe("a POS-added person's demographics follow its sources", () => {
  const quimby = (sri: fhir.Identifier, extra: Partial<fhir.Patient> = {}): fhir.Patient => ({ resourceType: 'Patient', identifier: [sri], name: [{ use: 'official', family: 'Quimby', given: ['Ramona'] }], gender: 'female', birthDate: '2011-05-05', ...extra });

  it('takes the declared name, birth date and gender its sources file, the most recent first, and falls back when one ends its own', async () => {
    const added = await ok(alpha('AddPatient', requestBundle(quimby(alphaId('Q-1'), { telecom: [{ system: 'phone', value: '604-555-0100' }] }))));
    expect(codeOf(added.body)).toBe(HCIM_CODES.rpNewPhn.code);
    const phn = patientsOf(added.body)[0]!.id!;
    await ok(alpha('RevisePatient', requestBundle(quimby(alphaId('Q-1'), { birthDate: '2011-05-06', name: [{ use: 'official', family: 'Quimby-Ross', given: ['Ramona'] }] }))));
    let after = await current(phn);
    expect([after.birthDate, after.name?.[0]?.family, after.telecom]).toEqual(['2011-05-06', 'Quimby-Ross', undefined]);
    await ok(beta('RevisePatient', requestBundle({ ...quimby(betaId('Q-B'), { gender: 'other', telecom: [{ system: 'phone', value: '604-555-0200' }] }), identifier: [{ system: PHN_SYSTEM, value: phn }, betaId('Q-B')] })));
    after = await current(phn);
    expect([after.birthDate, after.gender, after.name?.[0]?.family, after.telecom?.[0]?.value]).toEqual(['2011-05-05', 'other', 'Quimby', '604-555-0200']);
    // Alpha revises again (the most recent source): its birth date and name win, beta's telephone stays.
    await ok(alpha('RevisePatient', requestBundle(quimby(alphaId('Q-1'), { birthDate: '2011-05-06' }))));
    after = await current(phn);
    expect([after.birthDate, after.gender, after.telecom?.[0]?.value]).toEqual(['2011-05-06', 'female', '604-555-0200']);
    await ok(beta('RevisePatient', requestBundle({ ...quimby(betaId('Q-B'), { gender: 'other' }), identifier: [{ system: PHN_SYSTEM, value: phn }, betaId('Q-B')] })));
    // Beta ended its telephone; alpha ended its own before: none is left.
    expect((await current(phn)).telecom).toBeUndefined();
  });
});

describe('death dates filed by sources', () => {
  it('makes the person deceased while a source files a death date, and reverts when that source clears its own', async () => {
    await ok(alpha('RevisePatient', requestBundle(snapshot(alphaId(), { deceasedDateTime: '2026-02-20T10:00:00Z' }))));
    expect((await current(PHN.ordinary)).deceasedDateTime).toBe('2026-02-20T10:00:00Z');
    await ok(beta('RevisePatient', requestBundle(snapshot(betaId()))));
    expect((await current(PHN.ordinary)).deceasedDateTime).toBe('2026-02-20T10:00:00Z');
    await ok(alpha('RevisePatient', requestBundle(snapshot(alphaId()))));
    expect((await current(PHN.ordinary)).deceasedDateTime).toBeUndefined();
    expect(sandbox.deps.store.get<{ status: string; deathFiledBy?: string }>('hcim.persons', PHN.ordinary)).toMatchObject({ status: 'active' });
    expect(sandbox.deps.store.get<{ deathFiledBy?: string }>('hcim.persons', PHN.ordinary)!.deathFiledBy).toBeUndefined();
  });
});

describe('merges', () => {
  it("re-derives the survivor's composite from the sources it takes over", async () => {
    await ok(alpha('RevisePatient', requestBundle(snapshot(alphaId('TWIN'), { name: [{ use: 'usual', family: 'Okafor', given: ['Chidi'] }], birthDate: '2001-07-07', address: [harbour] }, PHN.twin))));
    await ok(alpha('MergePatient', requestBundle({ ...byPhn(PHN.ordinary), link: [{ type: 'replaces', other: { identifier: { system: PHN_SYSTEM, value: PHN.twin } } }] })));
    const survivor = await current(PHN.ordinary);
    expect(survivor.address).toEqual([harbour]);
    expect([survivor.birthDate, survivor.name?.map((n) => n.family)]).toEqual(['1970-04-12', ['Smith', 'Okafor']]);
  });
});

describe('what reads list of source records, across a snapshot restore and a reset', () => {
  it('lists the sources the store holds: none filed after the snapshot once it is restored, none after a reset, the new ones after either', async () => {
    const listed = async () => (await current(PHN.ordinary)).identifier?.filter((i) => i.system !== PHN_SYSTEM).map((i) => i.value) ?? [];
    await ok(alpha('RevisePatient', requestBundle(snapshot(alphaId()))));
    sandbox.deps.store.snapshot('before-beta', sandbox.deps.clock.iso());
    await ok(beta('RevisePatient', requestBundle(snapshot(betaId()))));
    expect(await listed()).toEqual(['A-1', 'B-1']);
    expect(sandbox.restore('before-beta')).toBe(true);
    expect(await listed()).toEqual(['A-1']);
    expect(codeOf((await alpha('GetDemographics', requestBundle({ resourceType: 'Patient', identifier: [betaId()] }))).body)).toBe(HCIM_CODES.gdNotFound.code);
    await ok(beta('RevisePatient', requestBundle(snapshot(betaId('B-2')))));
    expect(await listed()).toEqual(['A-1', 'B-2']);
    // A merge moves the twin's record to the survivor; restoring the state before it gives it back to the twin.
    await ok(alpha('RevisePatient', requestBundle(snapshot(alphaId('TWIN'), { name: [{ use: 'usual', family: 'Okafor', given: ['Chidi'] }], birthDate: '2001-07-07' }, PHN.twin))));
    sandbox.deps.store.snapshot('before-merge', sandbox.deps.clock.iso());
    await ok(alpha('MergePatient', requestBundle({ ...byPhn(PHN.ordinary), link: [{ type: 'replaces', other: { identifier: { system: PHN_SYSTEM, value: PHN.twin } } }] })));
    expect(await listed()).toEqual(['A-1', 'B-2', 'TWIN']);
    expect(sandbox.restore('before-merge')).toBe(true);
    expect(await listed()).toEqual(['A-1', 'B-2']);
    expect((await current(PHN.twin)).identifier?.map((i) => i.value)).toContain('TWIN');
    sandbox.reset();
    expect(await listed()).toEqual([]);
    await ok(alpha('RevisePatient', requestBundle(snapshot(alphaId('A-3')))));
    expect(await listed()).toEqual(['A-3']);
  });
});

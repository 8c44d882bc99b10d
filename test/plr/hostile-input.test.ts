// Requests built to make PLR work without end: a query repeating one parameter, a maintain with thousands of
// values in a list, a batch with thousands of entries. Each is refused at once with PLR's 5003 length code, and
// what is allowed costs work in proportion to its size.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Sandbox } from '../../src/app.js';
import type * as fhir from '../../src/fhir/types.js';
import { PLR_CODES } from '../../src/plr/error-codes.js';
import { MULTI_KEPT } from '../../src/plr/maintain/apply.js';
import { MAX_BATCH_ENTRIES } from '../../src/plr/maintain/batch.js';
import { mergeList, mergeStatuses, RULES, type ListRule } from '../../src/plr/maintain/merge.js';
import { MAX_LIST_ENTRIES, MAX_RELATIONSHIPS } from '../../src/plr/maintain/validate-entity.js';
import { MAX_QUERY_PARAMETERS } from '../../src/plr/query/query-handler.js';
import type { PractitionerEntry } from '../../src/plr/registry/registry.js';
import { COLLECTIONS } from '../../src/plr/registry/registry-model.js';
import { PLR_FHIR_BODY_BYTES } from '../../src/plr/index.js';
import { EXT } from '../../src/plr/vocabulary.js';
import { ORG } from './support/fixture-population.js';
import { batchParameters, collection, filledTemplate, maintainBundleOf, maintainParameters, orgRelationship, practitionerOf } from './support/maintain-builders.js';
import { createPlrSandbox, demoToken, plrClient, type PlrClient } from './support/plr-sandbox.js';

let sandbox: Sandbox | undefined;
afterEach(() => {
  vi.restoreAllMocks();
  sandbox?.close();
  sandbox = undefined;
});

async function start(config: Parameters<typeof createPlrSandbox>[0] = {}): Promise<PlrClient> {
  sandbox = await createPlrSandbox(config);
  return plrClient(sandbox, await demoToken(sandbox));
}

const codes = (o: fhir.OperationOutcome) => o.issue.map((i) => i.details?.coding?.[0]?.code);
const texts = (o: fhir.OperationOutcome) => o.issue.map((i) => i.details?.text ?? '');
const param = (p: fhir.Parameters, name: string) => p.parameter!.find((x) => x.name === name)!;
const lengthText = (field: string, min: number, max: number) => `'${field}' length must be between ${min} and ${max}`;

/** Letters only, so each generated surname passes the name character rule. */
const letters = (i: number) => i.toString(26).replace(/[0-9a-p]/g, (c) => 'abcdefghijklmnopqrstuvwxyz'[parseInt(c, 26)]!);

/** A nurse created through $maintain; her IPC. */
async function createdNurse(plr: PlrClient, idValue: string): Promise<string> {
  const res = await plr.post('/$maintain', filledTemplate({ idValue }));
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return (param(res.body, 'maintain').resource as fhir.Bundle).entry![0]!.resource!.id!;
}

/** An update of that nurse (same licence, her IPC as id) carrying `names` official names of the template's owner. */
function updateWithNames(ipc: string, idValue: string, names: number): fhir.Parameters {
  const p = filledTemplate({ idValue });
  const prac = practitionerOf(p);
  prac.id = ipc;
  prac.name = Array.from({ length: names }, (_, i) => ({ ...structuredClone(prac.name![0]!), family: `Tester${letters(i)}` }));
  return p;
}

describe('$entityQuery POSTed as Parameters', () => {
  const surnames = (n: number): fhir.Parameters => ({ resourceType: 'Parameters', parameter: Array.from({ length: n }, (_, i) => ({ name: 'surname', valueString: `a${i}` })) });

  it(`refuses more than ${MAX_QUERY_PARAMETERS} parameters with 5003, whatever they are`, async () => {
    const plr = await start();
    const res = await plr.post('/Practitioner/$entityQuery', surnames(MAX_QUERY_PARAMETERS + 1));
    expect(res.status).toBe(400);
    expect(codes(res.body)).toEqual([PLR_CODES.length.code]);
    expect(texts(res.body)[0]).toContain(lengthText('Parameters.parameter', 0, MAX_QUERY_PARAMETERS));
    expect(res.body.issue[0].expression).toEqual(['Parameters.parameter']);
  });

  it('counts the parameters of the URL with those of the body', async () => {
    const plr = await start();
    const body: fhir.Parameters = { resourceType: 'Parameters', parameter: Array.from({ length: MAX_QUERY_PARAMETERS }, (_, i) => ({ name: `x${i}`, valueString: 'a' })) };
    const res = await plr.post('/Practitioner/$entityQuery?family=Smith&given=Ann', body);
    expect(res.status).toBe(400);
    expect(codes(res.body)).toEqual([PLR_CODES.length.code]);
  });

  it('refuses a repeated parameter with the criteria parser\'s own error, whether repeated in the body or across URL and body', async () => {
    const plr = await start();
    for (const res of [await plr.post('/Practitioner/$entityQuery', surnames(MAX_QUERY_PARAMETERS)), await plr.post('/Practitioner/$entityQuery?surname=Smith', surnames(1))]) {
      expect(res.status).toBe(400);
      expect(res.body.issue).toHaveLength(1);
      expect(res.body.issue[0]).toMatchObject({ severity: 'error', code: 'invalid', details: { coding: [{ code: 'SANDBOX.INVALID' }], text: "'surname' may be given only once." } });
    }
  });

  it('passes over a parameter named __proto__, given once or twice, as a URL does', async () => {
    const plr = await start();
    const proto = (n: number) => Array.from({ length: n }, (_, i) => ({ name: '__proto__', valueString: `x${i}` }));
    for (const res of [
      await plr.post('/Practitioner/$entityQuery', { resourceType: 'Parameters', parameter: [{ name: 'family', valueString: 'Smithers' }, { name: 'given', valueString: 'Bob' }, ...proto(1)] }),
      await plr.post('/Practitioner/$entityQuery', { resourceType: 'Parameters', parameter: [{ name: 'family', valueString: 'Smithers' }, { name: 'given', valueString: 'Bob' }, ...proto(2)] }),
      await plr.get('/Practitioner/$entityQuery?family=Smithers&given=Bob&__proto__=x'),
    ]) {
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body.total).toBe(1);
    }
  });

  it('still answers an ordinary POSTed query and ignores a repeated general parameter', async () => {
    const plr = await start();
    const res = await plr.post('/Practitioner/$entityQuery', {
      resourceType: 'Parameters',
      parameter: [
        { name: 'family', valueString: 'Smithers' },
        { name: 'given', valueString: 'Bob' },
        { name: '_pretty', valueBoolean: true },
        { name: '_pretty', valueBoolean: false },
      ],
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.total).toBe(1);
  });
});

describe('$maintain list sizes', () => {
  const many = <T>(n: number, make: (i: number) => T): T[] => Array.from({ length: n }, (_, i) => make(i));
  const over = MAX_LIST_ENTRIES + 1;

  it.each<[string, (p: fhir.Practitioner) => void]>([
    ['identifier', (p) => (p.identifier = [...p.identifier!, ...many(over - 1, (i) => ({ system: 'https://fhir.infoway-inforoute.ca/NamingSystem/ca-bc-license-physician', value: `9${i}` }))])],
    ['name', (p) => (p.name = many(over, (i) => ({ use: 'official', family: `Tester${letters(i)}`, given: ['Terry'] })))],
    ['telecom', (p) => (p.telecom = many(over, (i) => ({ system: 'phone', value: `604 555 ${String(i).padStart(4, '0')}` })))],
    ['address', (p) => (p.address = many(over, (i) => ({ line: [`${i} Main St`], city: 'Nelson' })))],
    ['qualification', (p) => (p.qualification = many(over, (i) => ({ code: { coding: [{ code: `Q${i}` }] } })))],
    ['communication', (p) => (p.communication = many(over, (i) => ({ coding: [{ code: `L${i}` }] })))],
    ['extension', (p) => (p.extension = many(over, (i) => ({ url: EXT.note, extension: [{ url: 'text', valueString: `note ${i}` }] })))],
    // Lists inside an element are bounded alike.
    ['name[0].given', (p) => (p.name![0]!.given = many(over, (i) => `Terry${letters(i)}`))],
    ['address[0].line', (p) => (p.address = [{ line: many(over, (i) => `${i} Main St`), city: 'Nelson' }])],
    ['qualification[0].code.coding', (p) => (p.qualification = [{ code: { coding: many(over, (i) => ({ code: `Q${i}` })) } }])],
    ['extension[0].extension', (p) => (p.extension = [{ url: EXT.note, extension: many(over, (i) => ({ url: 'text', valueString: `note ${i}` })) }])],
  ])(`refuses a Practitioner.%s of more than ${MAX_LIST_ENTRIES} entries with 5003 and nothing else`, async (list, fill) => {
    const plr = await start();
    const p = filledTemplate({ idValue: 'R4242' });
    fill(practitionerOf(p));
    const res = await plr.post('/$maintain', p);
    expect(res.status).toBe(400);
    expect(codes(res.body)).toEqual([PLR_CODES.length.code]);
    expect(texts(res.body)[0]).toContain(lengthText(`Practitioner.${list}`, 0, MAX_LIST_ENTRIES));
    expect((await plr.get('/Practitioner/$entityQuery?identifier=R4242')).body.total).toBe(0);
  });

  it(`refuses a PractitionerRole specialty list of more than ${MAX_LIST_ENTRIES}`, async () => {
    const plr = await start();
    const p = filledTemplate();
    (maintainBundleOf(p).entry![0]!.resource as fhir.PractitionerRole).specialty = many(over, (i) => ({ coding: [{ code: `S${i}` }] }));
    const res = await plr.post('/$maintain', p);
    expect(res.status).toBe(400);
    expect(texts(res.body)[0]).toContain(lengthText('PractitionerRole.specialty', 0, MAX_LIST_ENTRIES));
  });

  it(`refuses more than ${MAX_RELATIONSHIPS} relationships in one maintain`, async () => {
    const plr = await start();
    const bundle = maintainBundleOf(filledTemplate({ idValue: 'R4243' }));
    const res = await plr.post('/$maintain', maintainParameters(collection(...bundle.entry!.map((e) => e.resource!), ...many(MAX_RELATIONSHIPS + 1, () => orgRelationship('R4243', ORG)))));
    expect(res.status).toBe(400);
    expect(codes(res.body)).toEqual([PLR_CODES.length.code]);
    expect(texts(res.body)[0]).toContain(lengthText('Relationships', 0, MAX_RELATIONSHIPS));
  });

  it(`accepts ${MAX_LIST_ENTRIES} names on an update and keeps one current`, async () => {
    const plr = await start();
    const ipc = await createdNurse(plr, 'R5001');
    const res = await plr.post('/$maintain', updateWithNames(ipc, 'R5001', MAX_LIST_ENTRIES));
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const current = ((param(res.body, 'maintain').resource as fhir.Bundle).entry![0]!.resource as fhir.Practitioner).name!;
    expect(current.map((n) => n.family)).toEqual([`Tester${letters(MAX_LIST_ENTRIES - 1)}`]);
  });
});

describe('$maintain update merge', () => {
  it('ends each replaced name once, on a clock that moves while the request runs', async () => {
    // Real time, one millisecond per reading: the instant a maintain ends values at is later than the one it started at.
    const wall = Date.now.bind(Date);
    let tick = 0;
    vi.spyOn(Date, 'now').mockImplementation(() => wall() + ++tick);
    const plr = await start({ clock: { kind: 'real' } });
    const ipc = await createdNurse(plr, 'R5002');
    const names = 40;
    const clones = vi.spyOn(globalThis, 'structuredClone');
    const res = await plr.post('/$maintain', updateWithNames(ipc, 'R5002', names));
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    // The stored names, the incoming ones and one end each, plus a fixed number for the record: never one per pair.
    expect(clones.mock.calls.length).toBeLessThan(6 * names);
    // The answer shows the record as the maintain left it: the replaced names are ended, not current.
    const answered = (param(res.body, 'maintain').resource as fhir.Bundle).entry![0]!.resource as fhir.Practitioner;
    expect(answered.name!.map((n) => n.family)).toEqual([`Tester${letters(names - 1)}`]);
    const all = sandbox!.deps.store.get<PractitionerEntry>(COLLECTIONS.practitioners, ipc)!.practitioner;
    const ended = all.name!.filter((n) => n.period?.end);
    expect(ended).toHaveLength(names);
    expect(new Set(ended.map((n) => n.period!.end)).size).toBe(1);
    expect(all.name!.filter((n) => !n.period?.end).map((n) => n.family)).toEqual([`Tester${letters(names - 1)}`]);
  });

  const at = Date.parse('2026-03-02T09:00:00Z');
  const name = (i: number): fhir.HumanName => ({ use: 'official', family: `N${letters(i)}`, given: ['T'] });

  it('never ends again what it has ended, even when told to end at a later instant than it judges by', () => {
    const clones = vi.spyOn(globalThis, 'structuredClone');
    const merged = mergeList([name(0)], Array.from({ length: 40 }, (_, i) => name(i + 1)), RULES.name, { now: at, at: new Date(at + 5).toISOString() });
    expect(merged.filter((n) => n.period?.end)).toHaveLength(40);
    expect(clones.mock.calls.length).toBeLessThan(4 * 41);
  });

  it('ends each replaced licence status once, even when told to end at a later instant than it judges by', () => {
    const status = (code: string): fhir.Extension => ({
      url: EXT.licenseStatus,
      extension: [
        { url: 'statusClassCode', valueCodeableConcept: { coding: [{ code: 'LIC' }] } },
        { url: 'statusCode', valueCodeableConcept: { coding: [{ code }] } },
        { url: 'period', valuePeriod: { start: '2020-01-01' } },
      ],
    });
    const incoming = Array.from({ length: MAX_LIST_ENTRIES }, (_, i) => status(`S${i}`));
    const json = vi.spyOn(JSON, 'stringify');
    const merged = mergeStatuses([status('ACTIVE')], incoming, { now: at, at: new Date(at + 5).toISOString() });
    expect(merged.filter((e) => e.extension!.some((x) => x.url === EXT.endReason))).toHaveLength(MAX_LIST_ENTRIES);
    expect(json.mock.calls.length).toBeLessThan(4 * (MAX_LIST_ENTRIES + 1));
  });

  it('looks current values up instead of scanning the list for each incoming one', () => {
    const calls = { n: 0 };
    const counted: ListRule<fhir.ContactPoint> = {
      identity: (t) => (calls.n++, RULES.telecom.identity(t)),
      slot: (t) => (calls.n++, RULES.telecom.slot(t)),
    };
    const owned = (i: number): fhir.ContactPoint => ({ system: 'phone', value: `250 555 ${String(i).padStart(4, '0')}`, extension: [{ url: EXT.owner, valueIdentifier: { assigner: { display: `owner ${i}` } } }] });
    const stored = Array.from({ length: 500 }, (_, i) => owned(i));
    const incoming = Array.from({ length: MAX_LIST_ENTRIES }, (_, i) => owned(1000 + i));
    const merged = mergeList(stored, incoming, counted, { now: at, at: new Date(at).toISOString() });
    expect(merged).toHaveLength(500 + MAX_LIST_ENTRIES);
    expect(calls.n).toBeLessThan(4 * (500 + MAX_LIST_ENTRIES));
  });
});

describe('$maintain update extensions', () => {
  it("compares a record's notes with the incoming ones by lookup, not one pair at a time", async () => {
    const plr = await start();
    const ipc = await createdNurse(plr, 'R5003');
    const withNotes = (from: number): fhir.Parameters => {
      const p = filledTemplate({ idValue: 'R5003' });
      const prac = practitionerOf(p);
      prac.id = ipc;
      prac.extension = Array.from({ length: MAX_LIST_ENTRIES }, (_, i) => ({ url: EXT.note, extension: [{ url: 'text', valueString: `note ${from + i}` }] }));
      return p;
    };
    const rounds = 10;
    for (let r = 0; r < rounds; r++) expect((await plr.post('/$maintain', withNotes(r * MAX_LIST_ENTRIES))).status).toBe(200);
    const json = vi.spyOn(JSON, 'stringify');
    const res = await plr.post('/$maintain', withNotes(rounds * MAX_LIST_ENTRIES));
    expect(res.status).toBe(200);
    const notes = sandbox!.deps.store.get<PractitionerEntry>(COLLECTIONS.practitioners, ipc)!.practitioner.extension!.filter((e) => e.url === EXT.note);
    // Notes are never ended, so only a bound keeps them from growing with every maintain: the newest are kept.
    expect(notes).toHaveLength(MULTI_KEPT);
    expect(notes.at(-1)!.extension![0]!.valueString).toBe(`note ${(rounds + 1) * MAX_LIST_ENTRIES - 1}`);
    expect(notes[0]!.extension![0]!.valueString).toBe(`note ${(rounds + 1) * MAX_LIST_ENTRIES - MULTI_KEPT}`);
    // Each stored and incoming note once, and the request's own few: not stored times incoming.
    expect(json.mock.calls.length).toBeLessThan(4 * (rounds + 1) * MAX_LIST_ENTRIES);
  });
});

describe('$batch size', () => {
  const batchOf = (n: number): fhir.Bundle => ({ resourceType: 'Bundle', type: 'batch', entry: Array.from({ length: n }, (_, i) => ({ fullUrl: `urn:uuid:30000000-0000-0000-0000-${String(i).padStart(12, '0')}`, request: { method: 'PUT', url: 'Bundle' } })) });

  it(`refuses more than ${MAX_BATCH_ENTRIES} entries with 5003, on $batch and on a batch POSTed to the base`, async () => {
    const plr = await start();
    for (const res of [await plr.post('/$batch', batchParameters(batchOf(MAX_BATCH_ENTRIES + 1))), await plr.post('', batchOf(MAX_BATCH_ENTRIES + 1))]) {
      expect(res.status).toBe(400);
      expect(codes(res.body)).toEqual([PLR_CODES.length.code]);
      expect(texts(res.body)[0]).toContain(lengthText('Bundle.entry', 1, MAX_BATCH_ENTRIES));
    }
  });

  it(`refuses a body over PLR's ${PLR_FHIR_BODY_BYTES / 1024 / 1024} MiB unread, with 413, and takes a full batch of filled-in maintains under it`, async () => {
    const plr = await start();
    const huge = batchParameters(batchOf(1));
    (huge.parameter![0] as { valueString: string }).valueString = 'x'.repeat(PLR_FHIR_BODY_BYTES);
    const res = await plr.post('/$batch', huge);
    expect(res.status).toBe(413);
    const full = batchOf(MAX_BATCH_ENTRIES);
    full.entry = full.entry!.map((e) => ({ ...e, resource: maintainBundleOf(filledTemplate({ idValue: 'R1' })) }));
    expect(JSON.stringify(batchParameters(full)).length).toBeLessThan(PLR_FHIR_BODY_BYTES);
  });

  it(`runs a batch of ${MAX_BATCH_ENTRIES} entries, each answered on its own`, async () => {
    const plr = await start();
    const res = await plr.post('/$batch', batchParameters(batchOf(MAX_BATCH_ENTRIES)));
    expect(res.status, JSON.stringify(res.body).slice(0, 500)).toBe(200);
    const response = param(res.body, 'batch').resource as fhir.Bundle;
    expect(response.entry).toHaveLength(MAX_BATCH_ENTRIES);
    expect(new Set(response.entry!.map((e) => e.response!.status))).toEqual(new Set(['400 Bad Request']));
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../src/app.js';
import type * as fhir from '../../src/fhir/types.js';
import { PLR_CODES } from '../../src/plr/error-codes.js';
import { EXT, formatIpc, ID_PATTERN } from '../../src/plr/vocabulary.js';
import { ORG } from './support/fixture-population.js';
import { blankTemplate, collection, filledTemplate, locationBundle, maintainBundleOf, maintainParameters, orgRelationship, practitionerOf } from './support/maintain-builders.js';
import { createPlrSandbox, demoToken, plrClient, type PlrClient } from './support/plr-sandbox.js';

let sandbox: Sandbox;
let plr: PlrClient;
beforeEach(async () => {
  sandbox = await createPlrSandbox();
  plr = plrClient(sandbox, await demoToken(sandbox));
});
afterEach(() => sandbox.close());

const param = (p: fhir.Parameters, name: string) => p.parameter!.find((x) => x.name === name)!;
const codes = (o: fhir.OperationOutcome) => o.issue.map((i) => i.details?.coding?.[0]?.code);
const texts = (o: fhir.OperationOutcome) => o.issue.map((i) => i.details?.text);

describe('$maintain', () => {
  it("accepts the Ministry's test-suite template once filled in, assigns an IPC and makes the provider queryable", async () => {
    const res = await plr.post('/$maintain', filledTemplate({ messageId: 'M-1' }));
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.resourceType).toBe('Parameters');
    expect(param(res.body, 'requestMessageId').valueString).toBe('M-1');
    expect(codes(param(res.body, 'outcome').resource as fhir.OperationOutcome)).toEqual([PLR_CODES.processed.code]);
    const bundle = param(res.body, 'maintain').resource as fhir.Bundle;
    const ipc = bundle.entry![0]!.resource!.id!;
    expect(ipc).toMatch(ID_PATTERN.ipc);
    const found = await plr.get('/Practitioner/$entityQuery?identifier=R7777&family=Tester');
    expect(found.body.total).toBe(1);
    const practitioner = (found.body.entry[1].resource as fhir.Bundle).entry![0]!.resource as fhir.Practitioner;
    expect(practitioner.id).toBe(ipc);
    expect(practitioner.identifier!.map((i) => i.system)).toContain('https://health.gov.bc.ca/fhir/NamingSystem/ca-bc-plr-common-party-number');
  });

  it('refuses the template left blank with the 5000 mandatory-field errors, naming each field', async () => {
    const res = await plr.post('/$maintain', blankTemplate());
    expect(res.status).toBe(400);
    expect(new Set(codes(res.body))).toEqual(new Set([PLR_CODES.mandatory.code]));
    expect(texts(res.body)).toEqual(expect.arrayContaining(["Entry error. Some mandatory data is missing in your transaction. The following fields must be supplied: 'Identifier'. Your transaction has not been processed. Correct and resubmit."]));
    for (const field of ['Surname', 'First Name', 'Gender']) expect(texts(res.body).some((t) => t?.includes(`'${field}'`)), field).toBe(true);
  });

  it('refuses Parameters without messageId, messageTime or maintain', async () => {
    const res = await plr.post('/$maintain', { resourceType: 'Parameters', parameter: [] });
    expect(res.status).toBe(400);
    expect(texts(res.body).map((t) => /'(\w+)'/.exec(t ?? '')?.[1])).toEqual(['messageId', 'messageTime', 'maintain']);
    const notParameters = await plr.post('/$maintain', { resourceType: 'Patient' });
    expect(notParameters.status).toBe(400);
  });

  it.each([
    ['5003 length', { family: 'X'.repeat(51) }, PLR_CODES.length.code, "'Surname' length must be between 1 and 50"],
    ['7007 name characters', { given: ['T3rry'] }, PLR_CODES.nameCharacters.code, "'First Name'"],
    ['7006 identifier characters', { idValue: 'R#77' }, PLR_CODES.identifierCharacters.code, "'Provider Identifier'"],
    ['7042 just spaces', { family: '   ' }, PLR_CODES.justSpaces.code, 'Cannot be just spaces'],
    ['5004 date only', { birthDate: 'last tuesday' }, PLR_CODES.dateOnly.code, 'may contain only a date'],
    ['9025 birth date range', { birthDate: '1799-12-31' }, PLR_CODES.birthDateRange.code, 'between 1800-01-01 and today'],
    ['9025 birth date in the future', { birthDate: '2027-01-01' }, PLR_CODES.birthDateRange.code, 'between 1800-01-01 and today'],
  ])('refuses a practitioner with the %s error', async (_label, fill, code, text) => {
    const res = await plr.post('/$maintain', filledTemplate(fill));
    expect(res.status).toBe(400);
    expect(codes(res.body)).toContain(code);
    expect(texts(res.body).join(' ')).toContain(text);
  });

  it('refuses bad telecoms, e-mail and address characters with 7008, 7013 and 7003, and two phones of one purpose with 2201', async () => {
    const p = filledTemplate();
    const purpose = { url: 'http://hlth.gov.bc.ca/fhir/provider/StructureDefinition/bc-communication-purpose-code-extension', valueCodeableConcept: { coding: [{ code: 'BC' }] } };
    practitionerOf(p).telecom = [
      { system: 'phone', value: '250-CALL-NOW', extension: [purpose] },
      { system: 'phone', value: '250 555 1234', extension: [purpose] },
      { system: 'email', value: 'not-an-address' },
    ];
    practitionerOf(p).address = [{ line: ['12 <Main> St'], city: 'Nelson' }];
    const res = await plr.post('/$maintain', p);
    expect(res.status).toBe(400);
    expect(codes(res.body)).toEqual(expect.arrayContaining([PLR_CODES.telecomCharacters.code, PLR_CODES.electronicAddress.code, PLR_CODES.addressCharacters.code, PLR_CODES.uniqueTypePurpose.code]));
  });

  it('refuses a second record for the same identifier and role with 7033', async () => {
    const res = await plr.post('/$maintain', filledTemplate({ idType: 'RNID', idValue: 'R2002' }));
    expect(res.status).toBe(422);
    expect(codes(res.body)).toEqual([PLR_CODES.duplicate.code]);
    expect(texts(res.body)).toEqual(['Cannot create duplicate record']);
  });

  it('rolls the whole request back when a relationship targets a provider PLR does not hold (7036)', async () => {
    const before = sandbox.deps.store.counts();
    const p = filledTemplate({ idValue: 'R8888' });
    maintainBundleOf(p).entry!.push({ resource: orgRelationship('R8888', formatIpc(9999)) });
    const res = await plr.post('/$maintain', p);
    expect(res.status).toBe(422);
    expect(codes(res.body)).toEqual([PLR_CODES.relationshipTarget.code]);
    expect(texts(res.body)).toEqual(['Identifier does not uniquely identify a Provider. Cannot create relationship.']);
    const found = await plr.get('/Practitioner/$entityQuery?identifier=R8888');
    expect(found.body.total).toBe(0);
    expect(sandbox.deps.store.counts()['plr.practitioners']).toBe(before['plr.practitioners']);
    expect(sandbox.deps.store.counts()['plr.counters']).toBe(before['plr.counters']);
  });

  it('creates the relationship when the target exists, with a RELN id and identifier-only references', async () => {
    const p = filledTemplate({ idValue: 'R8889' });
    maintainBundleOf(p).entry!.push({ resource: orgRelationship('R8889', ORG) });
    const res = await plr.post('/$maintain', p);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const bundle = param(res.body, 'maintain').resource as fhir.Bundle;
    const rel = bundle.entry![2]!.resource as fhir.PractitionerRole;
    expect(rel.id).toMatch(ID_PATTERN.reln);
    expect(rel.practitioner!.identifier!.value).toBe(bundle.entry![0]!.resource!.id);
    expect(rel.organization).toEqual({ identifier: { system: 'https://health.gov.bc.ca/fhir/NamingSystem/ca-bc-plr-ipc', value: ORG } });
  });

  it('creates a facility, warns 7055 for a known address, and refuses facility names and notes with bad characters', async () => {
    const ok = await plr.post('/$maintain', maintainParameters(locationBundle({ address: { line: ['100 Main St'], city: 'Kelowna' } })));
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(codes(param(ok.body, 'outcome').resource as fhir.OperationOutcome)).toEqual([PLR_CODES.processed.code, PLR_CODES.duplicateFacilityAddress.code]);
    const note = { url: 'http://hlth.gov.bc.ca/fhir/provider/StructureDefinition/bc-note-extension', extension: [{ url: 'text', valueString: '<script>' }] };
    const bad = await plr.post('/$maintain', maintainParameters(locationBundle({ name: 'Clinic @ Home', extension: [note], identifier: [{ system: 'x', value: 'F9' }] })));
    expect(bad.status).toBe(400);
    expect(codes(bad.body)).toEqual(expect.arrayContaining([PLR_CODES.facilityNameCharacters.code, PLR_CODES.noteCharacters.code]));
  });

  it('refuses a facility affiliation to an identifier that is not an organization with 9026', async () => {
    const res = await plr.post('/$maintain', maintainParameters(locationBundle({}, formatIpc(1))));
    expect(res.status).toBe(422);
    expect(codes(res.body)).toEqual([PLR_CODES.facilityOrgRelationship.code]);
  });

  it('refuses a bundle with two providers', async () => {
    const p = filledTemplate();
    maintainBundleOf(p).entry!.push({ resource: { resourceType: 'Organization', name: 'Second' } });
    const res = await plr.post('/$maintain', p);
    expect(res.status).toBe(400);
    expect(res.body.issue[0].diagnostics).toMatch(/single Provider or Facility/);
  });

  it('refuses a relationship type or an end reason outside their code systems, naming the code and the codes there are', async () => {
    const badType = filledTemplate({ idValue: 'R8890' });
    maintainBundleOf(badType).entry!.push({ resource: orgRelationship('R8890', ORG, 'BESTFRIEND') });
    const res = await plr.post('/$maintain', badType);
    expect(res.status, JSON.stringify(res.body)).toBe(400);
    expect(res.body.issue.map((i: fhir.OperationOutcomeIssue) => i.diagnostics).join(' ')).toMatch(/'BESTFRIEND' is not in bc-relationship-type-code-system \(MANAGEDBY, .*EE, ER\)/);

    const badEnd = filledTemplate({ idValue: 'R8891' });
    const ended = orgRelationship('R8891', ORG);
    ended.period = { start: '2026-03-01', end: '2026-03-02' };
    ended.extension!.push({ url: EXT.endReason, valueCodeableConcept: { coding: [{ system: 'https://health.gov.bc.ca/fhir/CodeSystem/bc-end-reason-code-system', code: 'WHATEVER' }] } });
    maintainBundleOf(badEnd).entry!.push({ resource: ended });
    const res2 = await plr.post('/$maintain', badEnd);
    expect(res2.status, JSON.stringify(res2.body)).toBe(400);
    expect(res2.body.issue.map((i: fhir.OperationOutcomeIssue) => i.diagnostics).join(' ')).toMatch(/End Reason 'WHATEVER' is not in bc-end-reason-code-system \(CEASE, CORR, CHG\)/);

    const badRole = filledTemplate({ idValue: 'R8893' });
    const role = maintainBundleOf(badRole).entry!.find((e) => e.resource?.resourceType === 'PractitionerRole' && !(e.resource as fhir.PractitionerRole).organization)!.resource as fhir.PractitionerRole;
    role.code = [{ coding: [{ system: 'http://example.org/not-scptype', code: 'DOCTOR' }] }];
    const res3 = await plr.post('/$maintain', badRole);
    expect(res3.status, JSON.stringify(res3.body)).toBe(400);
    expect(res3.body.issue.map((i: fhir.OperationOutcomeIssue) => i.diagnostics).join(' ')).toMatch(/Provider Role Type 'DOCTOR' is coded in http:\/\/example.org\/not-scptype/);

    for (const id of ['R8890', 'R8891', 'R8893']) expect((await plr.get(`/Practitioner/$entityQuery?identifier=${id}`)).body.total).toBe(0);

    // The codes there are, and the 1.0.0 example's location code, still go through.
    const good = filledTemplate({ idValue: 'R8892' });
    const ok = orgRelationship('R8892', ORG, 'WORKSAT');
    ok.period = { start: '2026-03-01', end: '2026-03-02' };
    ok.extension!.push({ url: EXT.endReason, valueCodeableConcept: { coding: [{ code: 'CEASE' }] } });
    maintainBundleOf(good).entry!.push({ resource: ok });
    expect((await plr.post('/$maintain', good)).status).toBe(200);
  });

  it("refuses what the maintain bundles' profiles rule out: an untyped bundle, an inactive organization, a provider relationship with no practitioner", async () => {
    const untyped = maintainBundleOf(filledTemplate({ idValue: 'U1' }));
    delete (untyped as { type?: string }).type;
    const res = await plr.post('/$maintain', maintainParameters(untyped));
    expect(res.status, JSON.stringify(res.body)).toBe(400);
    expect(res.body.issue[0].diagnostics).toMatch(/collection/);

    const inactive = collection({ resourceType: 'Organization', active: false, name: 'Closed Clinic', type: [{ coding: [{ system: 'https://terminology.hlth.gov.bc.ca/ProviderLocationRegistry/CodeSystem/bc-organization-role-code-system', code: 'CLINIC' }] }] } as fhir.Organization);
    const res2 = await plr.post('/$maintain', maintainParameters(inactive));
    expect(res2.status, JSON.stringify(res2.body)).toBe(400);
    expect(res2.body.issue.map((i: fhir.OperationOutcomeIssue) => i.diagnostics).join(' ')).toMatch(/active.*true/);

    const p = filledTemplate({ idValue: 'U2' });
    const { practitioner: _practitioner, ...noPractitioner } = orgRelationship('U2', ORG);
    maintainBundleOf(p).entry!.push({ resource: noPractitioner as fhir.PractitionerRole });
    const res3 = await plr.post('/$maintain', p);
    expect(res3.status, JSON.stringify(res3.body)).toBe(400);
    expect(res3.body.issue.map((i: fhir.OperationOutcomeIssue) => i.diagnostics).join(' ')).toMatch(/practitioner/i);
    for (const id of ['U1', 'U2']) expect((await plr.get(`/Practitioner/$entityQuery?identifier=${id}`)).body.total).toBe(0);
  });

  it('ends the old name with end reason CHG on an update, so withHistory still finds it', async () => {
    const update = collection({ resourceType: 'Practitioner', id: formatIpc(2), name: [{ use: 'official', family: 'Newname', given: ['Bob'] }] });
    const res = await plr.post('/$maintain', maintainParameters(update));
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const stored = sandbox.deps.store.get<{ practitioner: fhir.Practitioner }>('plr.practitioners', formatIpc(2))!;
    const old = stored.practitioner.name!.find((n) => n.family === 'Smithers')!;
    expect(old.period?.end).toBe(sandbox.deps.clock.iso());
    expect(old.extension?.[0]?.valueCodeableConcept?.coding?.[0]?.code).toBe('CHG');
    expect((await plr.get('/Practitioner/$entityQuery?family=Smithers&given=Bob')).body.total).toBe(0);
    expect((await plr.get('/Practitioner/$entityQuery?family=Smithers&given=Bob&withHistory=true')).body.total).toBe(1);
    expect((await plr.get('/Practitioner/$entityQuery?family=Newname&given=Bob')).body.total).toBe(1);
  });

  it('keeps the newest ended values of a list up to its bound: a maintain loop changing a name grew the record with every write', async () => {
    const bounded = await createPlrSandbox({ bounds: { plrHistory: 3 } });
    try {
      const client = plrClient(bounded, await demoToken(bounded));
      const families = ['Aa', 'Bb', 'Cc', 'Dd', 'Ee', 'Ff'];
      for (const family of families) {
        await bounded.deps.clock.advance(1_000);
        const update = collection({ resourceType: 'Practitioner', id: formatIpc(2), name: [{ use: 'official', family, given: ['Bob'] }] });
        expect((await client.post('/$maintain', maintainParameters(update))).status).toBe(200);
      }
      const names = bounded.deps.store.get<{ practitioner: fhir.Practitioner }>('plr.practitioners', formatIpc(2))!.practitioner.name!;
      expect(names.map((n) => `${n.family}${n.period?.end ? ' (ended)' : ''}`)).toEqual(['Cc (ended)', 'Dd (ended)', 'Ee (ended)', 'Ff']);
      expect((await client.get('/Practitioner/$entityQuery?family=Cc&given=Bob&withHistory=true')).body.total).toBe(1);
      expect((await client.get('/Practitioner/$entityQuery?family=Bb&given=Bob&withHistory=true')).body.total).toBe(0);
    } finally {
      await bounded.close();
    }
  });

  it('refuses a reused message id with a 409', async () => {
    expect((await plr.post('/$maintain', filledTemplate({ messageId: 'dup', idValue: 'R1' }))).status).toBe(200);
    const again = await plr.post('/$maintain', filledTemplate({ messageId: 'dup', idValue: 'R2' }));
    expect(again.status).toBe(409);
  });

  it("refuses a message id longer than 256 characters with PLR's length code (5003), remembering none and changing nothing", async () => {
    const before = sandbox.deps.store.count('plr.messages');
    const res = await plr.post('/$maintain', filledTemplate({ messageId: 'm'.repeat(257) }));
    expect(res.status).toBe(400);
    expect(codes(res.body)).toEqual([PLR_CODES.length.code]);
    expect(texts(res.body)[0]).toBe("Entry error. 'messageId' length must be between 1 and 256. Your transaction has not been processed. Correct and resubmit.");
    expect(sandbox.deps.store.count('plr.messages')).toBe(before);
    expect((await plr.get('/Practitioner/$entityQuery?identifier=R7777&family=Tester')).body.total).toBe(0);
    expect((await plr.post('/$maintain', filledTemplate({ messageId: 'm'.repeat(256) }))).status).toBe(200);
  });

  it('accepts a message id again once it is older than the window (a day), with no other message in between', async () => {
    expect((await plr.post('/$maintain', filledTemplate({ messageId: 'old', idValue: 'R1' }))).status).toBe(200);
    await sandbox.deps.clock.advance(25 * 3_600_000);
    plr = plrClient(sandbox, await demoToken(sandbox)); // the first token expired with the day
    const again = await plr.post('/$maintain', filledTemplate({ messageId: 'old', idValue: 'R2' }));
    expect(again.status, JSON.stringify(again.body)).toBe(200);
    expect((await plr.post('/$maintain', filledTemplate({ messageId: 'old', idValue: 'R3' }))).status).toBe(409);
  });
});

describe('malformed maintain requests', () => {
  it.each([
    ['a name that is an object', (p: fhir.Parameters) => ((practitionerOf(p) as unknown as Record<string, unknown>).name = { family: 'X' })],
    ['an identifier that is a string', (p: fhir.Parameters) => ((practitionerOf(p) as unknown as Record<string, unknown>).identifier = 'R1')],
    ['given names that are numbers', (p: fhir.Parameters) => ((practitionerOf(p).name![0] as unknown as Record<string, unknown>).given = [42])],
    ['entries that are not an array', (p: fhir.Parameters) => ((maintainBundleOf(p) as unknown as Record<string, unknown>).entry = { resource: {} })],
    ['parameters that are not an array', (p: fhir.Parameters) => ((p as unknown as Record<string, unknown>).parameter = { name: 'maintain' })],
  ])('answers %s with a 400 structure OperationOutcome', async (_label, spoil) => {
    const p = filledTemplate();
    spoil(p);
    const res = await plr.post('/$maintain', p);
    expect(res.status).toBe(400);
    expect(res.body.resourceType).toBe('OperationOutcome');
    expect(res.body.issue[0].code).toBe('structure');
  });

  it('answers a body that is not JSON with a 400 outcome', async () => {
    const res = await plr.post('/$maintain', {}).set('content-type', 'application/fhir+json').send('{"resourceType": "Parameters",');
    expect(res.status).toBe(400);
    expect(res.body.resourceType).toBe('OperationOutcome');
  });
});

describe("the PLR IG specification page's PUT of a transaction Bundle", () => {
  it('maintains and answers a Bundle with the OperationOutcome first, then the resources', async () => {
    const bundle = { ...maintainBundleOf(filledTemplate({ idValue: 'R4321' })), type: 'transaction' as const };
    const res = await plr.put('/Bundle/seed-msg-1', bundle);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.entry.map((e: fhir.BundleEntry) => e.resource!.resourceType)).toEqual(['OperationOutcome', 'Practitioner', 'PractitionerRole']);
  });
});

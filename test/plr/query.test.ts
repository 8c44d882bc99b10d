import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../src/app.js';
import type * as fhir from '../../src/fhir/types.js';
import { PLR_CODES, plrText } from '../../src/plr/error-codes.js';
import { PRACTITIONER_MINIMUM } from '../../src/plr/query/criteria.js';
import { REFINE_WARNING } from '../../src/plr/query/query-handler.js';
import { formatIpc } from '../../src/plr/vocabulary.js';
import { LOC, LOC2, ORG, ORG2 } from './support/fixture-population.js';
import { createPlrSandbox, demoToken, plrClient, type PlrClient } from './support/plr-sandbox.js';

let sandbox: Sandbox;
let plr: PlrClient;
beforeEach(async () => {
  sandbox = await createPlrSandbox();
  plr = plrClient(sandbox, await demoToken(sandbox));
});
afterEach(() => sandbox.close());

const outcomeOf = (b: fhir.Bundle) => b.entry![0]!.resource as fhir.OperationOutcome;
const codeOf = (o: fhir.OperationOutcome, i = 0) => o.issue[i]?.details?.coding?.[0]?.code;
const matchIds = (b: fhir.Bundle) => b.entry!.filter((e) => e.search?.mode === 'match').map((e) => ((e.resource as fhir.Bundle).entry![0]!.resource as { id: string }).id);
const includeIds = (b: fhir.Bundle) => b.entry!.filter((e) => e.search?.mode === 'include').map((e) => ((e.resource as fhir.Bundle).entry![0]!.resource as { id: string }).id);
const ids = async (path: string) => {
  const res = await plr.get(path);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return matchIds(res.body);
};

describe('$entityQuery on Practitioner', () => {
  it('answers a searchset whose first entry is the 7067 outcome and whose matches are nested collection Bundles', async () => {
    const res = await plr.get('/Practitioner/$entityQuery?family=Smithers&given=Bob');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ resourceType: 'Bundle', type: 'searchset', total: 1 });
    expect(res.body.entry[0].search.mode).toBe('outcome');
    expect(codeOf(outcomeOf(res.body))).toBe(PLR_CODES.querySuccessful.code);
    const nested = res.body.entry[1].resource as fhir.Bundle;
    expect(nested.type).toBe('collection');
    expect(nested.meta?.profile).toEqual(['http://hlth.gov.bc.ca/fhir/provider/StructureDefinition/bc-practitioner-bundle']);
    expect(nested.entry!.map((e) => e.resource!.resourceType)).toEqual(['Practitioner', 'PractitionerRole']);
    expect(res.body.link[0]).toMatchObject({ relation: 'self' });
  });

  it('answers no match with the 7047 warning', async () => {
    const res = await plr.get('/Practitioner/$entityQuery?family=Nobody&given=Al');
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(0);
    expect(outcomeOf(res.body).issue[0]).toMatchObject({ severity: 'warning', details: { text: 'No provider records found for the input parameters.' } });
    expect(codeOf(outcomeOf(res.body))).toBe('GRS.DPS.UNK.UNK.0.0.7047');
  });

  it('matches surnames case-insensitively and with one trailing wildcard', async () => {
    expect(await ids('/Practitioner/$entityQuery?family=SMITH&given=a*')).toEqual([formatIpc(1), formatIpc(3)]);
    expect(await ids('/Practitioner/$entityQuery?family=smith*&given=BOB')).toEqual([formatIpc(2)]);
    expect(await ids('/Practitioner/$entityQuery?surname=Smith&given-name=Ann*')).toEqual([formatIpc(1), formatIpc(3)]);
    expect(await ids('/Practitioner/$entityQuery?family=Smith&given=ann')).toEqual([formatIpc(1)]);
  });

  it.each([
    ['a lone wildcard', 'family=*&given=Ann'],
    ['two wildcards', 'family=Sm*t*&given=Ann'],
    ['a leading wildcard', 'family=*mith&given=Ann'],
    ['a wildcard in the middle', 'family=Smith&given=A*n'],
    ['a wildcard in a token field', 'address-city=Kelowna&role=M*'],
  ])('refuses %s with the 7018 error', async (_label, query) => {
    const res = await plr.get(`/Practitioner/$entityQuery?${query}`);
    expect(res.status).toBe(400);
    expect(res.body.resourceType).toBe('OperationOutcome');
    expect(codeOf(res.body)).toBe('GRS.DPS.UNK.UNK.0.0.7018');
    expect(res.body.issue[0].details.text).toBe('Only one wildcard (*) is allowed in a field.');
  });

  it('finds by identifier as system|value, as a bare value, by IPC and with the older identifier-type form', async () => {
    expect(await ids('/Practitioner/$entityQuery?identifier=https://fhir.infoway-inforoute.ca/NamingSystem/ca-bc-license-physician|10001')).toEqual([formatIpc(1)]);
    expect(await ids('/Practitioner/$entityQuery?identifier=R2002')).toEqual([formatIpc(2)]);
    expect(await ids(`/Practitioner/$entityQuery?identifier=https://health.gov.bc.ca/fhir/NamingSystem/ca-bc-plr-ipc|${formatIpc(3)}`)).toEqual([formatIpc(3)]);
    expect(await ids('/Practitioner/$entityQuery?identifier=10003&identifier-type=CPSID')).toEqual([formatIpc(3)]);
    expect(await ids('/Practitioner/$entityQuery?identifier=10003&identifier-type=RNID')).toEqual([]);
  });

  it('filters by status, status-reason, gender, role, city, language and expertise (with aliases and comma lists)', async () => {
    expect(await ids('/Practitioner/$entityQuery?family=Smith&given=A*&status=SUSPENDED')).toEqual([formatIpc(3)]);
    expect(await ids('/Practitioner/$entityQuery?address-city=Vancouver&status-reason=PRAC')).toEqual([formatIpc(2)]);
    expect(await ids('/Practitioner/$entityQuery?address-city=Kelowna&status-reason=PRAC')).toEqual([]);
    expect(await ids('/Practitioner/$entityQuery?family=Smith*&given=Anne&gender=female')).toEqual([formatIpc(3)]);
    expect(await ids('/Practitioner/$entityQuery?family=Smith*&given=Anne&gender=male')).toEqual([]);
    expect(await ids('/Practitioner/$entityQuery?communication=F16,S31&role=RN')).toEqual([formatIpc(2)]);
    expect(await ids('/Practitioner/$entityQuery?address-city=kelowna')).toEqual([formatIpc(1)]);
    expect(await ids('/Practitioner/$entityQuery?city=Victoria')).toEqual([formatIpc(3)]);
    expect(await ids('/Practitioner/$entityQuery?communication=F16,S31')).toEqual([formatIpc(1), formatIpc(2)]);
    expect(await ids('/Practitioner/$entityQuery?language=M06')).toEqual([formatIpc(3)]);
    expect(await ids('/Practitioner/$entityQuery?expertise=105')).toEqual([formatIpc(1)]);
    expect(await ids('/Practitioner/$entityQuery?address-city=Kelowna&organization-name=Interior*')).toEqual([formatIpc(1)]);
    expect(await ids('/Practitioner/$entityQuery?address-city=Victoria&organization-name=Interior*')).toEqual([]);
  });

  it('searches old names only withHistory, and then returns the current data', async () => {
    expect(await ids('/Practitioner/$entityQuery?family=Jones&given=Ann')).toEqual([]);
    const res = await plr.get('/Practitioner/$entityQuery?family=Jones&given=Ann&withHistory=true');
    expect(matchIds(res.body)).toEqual([formatIpc(1)]);
    const practitioner = (res.body.entry[1].resource as fhir.Bundle).entry![0]!.resource as fhir.Practitioner;
    expect(practitioner.name!.map((n) => n.family)).toEqual(['Smith']);
  });

  it('returns at most 20 matches with the refine-your-search warning', async () => {
    const res = await plr.get('/Practitioner/$entityQuery?address-city=Prince%20George');
    expect(matchIds(res.body)).toHaveLength(20);
    expect(res.body.total).toBe(20);
    const outcome = outcomeOf(res.body);
    expect(codeOf(outcome)).toBe(PLR_CODES.querySuccessful.code);
    expect(outcome.issue[1]).toMatchObject({ severity: 'warning', details: { text: REFINE_WARNING } });
  });

  it('answers at instance level, and with the seed names $full and $dereference', async () => {
    expect(await ids(`/Practitioner/${formatIpc(2)}/$entityQuery`)).toEqual([formatIpc(2)]);
    expect(await ids(`/Practitioner/${formatIpc(2)}/$full`)).toEqual([formatIpc(2)]);
    expect(await ids('/Practitioner/$full?surname=Smithers&given-name=Bob')).toEqual([formatIpc(2)]);
    const deref = await plr.get(`/Practitioner/${formatIpc(1)}/$dereference`);
    expect(includeIds(deref.body).sort()).toEqual([LOC, ORG].sort());
  });

  it('refuses an unknown parameter, a repeated parameter, a bad boolean and an empty query', async () => {
    for (const q of ['nickname=Al', 'family=A&family=B', 'family=Smith&given=Ann&withHistory=yes', '']) {
      const res = await plr.get(`/Practitioner/$entityQuery?${q}`);
      expect(res.status, q).toBe(400);
      expect(res.body.resourceType).toBe('OperationOutcome');
    }
  });

  it('accepts the query as a POSTed Parameters resource', async () => {
    const res = await plr.post('/Practitioner/$entityQuery', { resourceType: 'Parameters', parameter: [{ name: 'family', valueString: 'Smithers' }, { name: 'given', valueString: 'Bob' }] });
    expect(matchIds(res.body)).toEqual([formatIpc(2)]);
  });
});

describe('the least a type-level query must give', () => {
  it.each([
    ['Organization', 'address-city=Vancouver', ['Name', 'Organizational Provider Role Type']],
    ['Organization', 'type=CLINIC', ['Name']],
    ['Organization', 'name=Interior*', ['Organizational Provider Role Type']],
    ['Organization', 'description=Walk-in*&address-line1=100 Main*', ['Name', 'Organizational Provider Role Type']],
    ['Practitioner', 'gender=female', [PRACTITIONER_MINIMUM]],
    ['Practitioner', 'status=ACTIVE', [PRACTITIONER_MINIMUM]],
    ['Practitioner', 'role=MD', [PRACTITIONER_MINIMUM]],
    ['Practitioner', 'given=Ann&status=ACTIVE&status-reason=GS&role=MD', [PRACTITIONER_MINIMUM]],
  ])('refuses %s?%s with the 5000 mandatory-data error naming what is missing', async (type, query, fields) => {
    const res = await plr.get(`/${type}/$entityQuery?${query}`);
    expect(res.status, JSON.stringify(res.body)).toBe(400);
    expect(res.body.resourceType).toBe('OperationOutcome');
    expect(res.body.issue.map((i: fhir.OperationOutcomeIssue) => i.details!.coding![0]!.code)).toEqual(fields.map(() => PLR_CODES.mandatory.code));
    expect(res.body.issue.map((i: fhir.OperationOutcomeIssue) => i.details!.text)).toEqual(fields.map((field) => plrText('mandatory', { field })));
  });

  it('refuses the same too-thin query POSTed as Parameters and through $extendedQuery', async () => {
    expect((await plr.post('/Practitioner/$entityQuery', { resourceType: 'Parameters', parameter: [{ name: 'gender', valueString: 'female' }] })).status).toBe(400);
    expect((await plr.get('/Practitioner/$extendedQuery?role=MD')).status).toBe(400);
    expect((await plr.get('/Organization/$extendedQuery?type=CLINIC')).status).toBe(400);
  });

  it('takes an identifier, a surname, or one of city, expertise and language for a practitioner', async () => {
    expect(await ids('/Practitioner/$entityQuery?identifier=10001&gender=female')).toEqual([formatIpc(1)]);
    expect(await ids('/Practitioner/$entityQuery?family=Smith&given=A*')).toEqual([formatIpc(1), formatIpc(3)]);
    expect(await ids('/Practitioner/$entityQuery?family=Smith')).toEqual([formatIpc(1), formatIpc(3)]);
    expect((await plr.get('/Practitioner/$dereference?organization-name=Interior*')).status).toBe(200);
    expect(await ids('/Practitioner/$entityQuery?address-city=Kelowna&role=MD')).toEqual([formatIpc(1)]);
    expect(await ids('/Practitioner/$entityQuery?expertise=105')).toEqual([formatIpc(1)]);
    expect(await ids('/Practitioner/$entityQuery?communication=M06')).toEqual([formatIpc(3)]);
  });

  it('takes an identifier, or a name and a type, for an organization', async () => {
    expect(await ids(`/Organization/$entityQuery?identifier=${ORG}`)).toEqual([ORG]);
    expect(await ids('/Organization/$entityQuery?name=Interior*&type=CLINIC')).toEqual([ORG]);
  });

  it('needs nothing more at instance level, where the id names the record', async () => {
    expect(await ids(`/Practitioner/${formatIpc(1)}/$entityQuery?gender=female`)).toEqual([formatIpc(1)]);
    expect(await ids(`/Organization/${ORG}/$entityQuery?type=CLINIC`)).toEqual([ORG]);
  });
});

describe('$extendedQuery', () => {
  it('returns the practitioner with its relationships and the related organization and facility', async () => {
    const res = await plr.get(`/Practitioner/$extendedQuery?identifier=10001`);
    expect(matchIds(res.body)).toEqual([formatIpc(1)]);
    const nested = res.body.entry[1].resource as fhir.Bundle;
    expect(nested.entry!.map((e) => e.resource!.id)).toEqual([formatIpc(1), formatIpc(1), 'RELN.1.PRS', 'RELN.2.PRS']);
    expect(includeIds(res.body).sort()).toEqual([LOC, ORG].sort());
  });

  it('returns an organization with its affiliations and roles, and its related providers and facilities', async () => {
    const res = await plr.get(`/Organization/${ORG}/$extendedQuery`);
    const nested = res.body.entry[1].resource as fhir.Bundle;
    expect(nested.entry!.map((e) => e.resource!.resourceType)).toEqual(['Organization', 'OrganizationAffiliation', 'PractitionerRole']);
    expect(includeIds(res.body).sort()).toEqual([formatIpc(1), LOC].sort());
  });
});

describe('Organization and Location queries', () => {
  it('finds organizations by name, description, type, address-line1 and city', async () => {
    expect(await ids('/Organization/$entityQuery?name=interior*&type=CLINIC')).toEqual([ORG]);
    expect(await ids('/Organization/$entityQuery?name=interior*&type=ORG')).toEqual([]);
    expect(await ids('/Organization/$entityQuery?name=Coastal*&type=ORG')).toEqual([ORG2]);
    expect(await ids('/Organization/$entityQuery?name=I*&type=CLINIC&description=Walk-in*')).toEqual([ORG]);
    expect(await ids('/Organization/$entityQuery?name=I*&type=CLINIC&address-line1=100 Main*&address-city=Kelowna')).toEqual([ORG]);
    expect(await ids('/Organization/$entityQuery?name=I*&type=CLINIC&address-city=Vancouver')).toEqual([]);
  });

  it('finds locations by name, city and one health boundary by its full name', async () => {
    expect(await ids('/Location/$entityQuery?name=kelowna downtown clinic')).toEqual([LOC]);
    expect(await ids('/Location/$entityQuery?city=Vancouver')).toEqual([LOC2]);
    expect(await ids('/Location/$entityQuery?healthAuthority=Interior%20Health')).toEqual([LOC]);
    // The boundary name PLR-TEST searches by finds it too (and the organization's name finds a facility filed under the boundary name).
    expect(await ids('/Location/$entityQuery?healthAuthority=interior')).toEqual([LOC]);
    expect(await ids('/Location/$entityQuery?healthAuthority=Vancouver%20Coastal%20Health')).toEqual([LOC2]);
    expect(await ids('/Location/$entityQuery?healthServiceDeliveryArea=Okanagan')).toEqual([LOC]);
    expect(await ids('/Location/$entityQuery?localHealthArea=central okanagan')).toEqual([LOC]);
    expect(await ids('/Location/$entityQuery?communityHealthServiceArea=Downtown Kelowna')).toEqual([LOC]);
  });

  it("refuses a wildcard in a facility's name (only its civic address line takes one) and a facility type, which no version of the query has", async () => {
    const wild = await plr.get('/Location/$entityQuery?name=Kelowna*');
    expect(wild.status).toBe(400);
    expect(wild.body.issue[0].diagnostics).toMatch(/does not take a wildcard/);
    expect(await ids('/Location/$entityQuery?address-line1=1*')).not.toEqual([]);
    expect((await plr.get('/Location/$entityQuery?type=HOSP&city=Kelowna')).status).toBe(400);
  });

  it('refuses two health boundary parameters and the parameters the IG marks not implemented', async () => {
    const two = await plr.get('/Location/$entityQuery?healthAuthority=Interior%20Health&localHealthArea=Vernon');
    expect(two.status).toBe(400);
    expect(two.body.issue[0].diagnostics).toMatch(/Only one of healthAuthority/);
    const pcn = await plr.get('/Location/$entityQuery?primaryCareNetwork=X');
    expect(pcn.status).toBe(400);
  });
});

// PLR over the generated population (createTestSandbox): the shapes the population writes are the ones PLR reads.
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../src/app.js';
import type * as fhir from '../../src/fhir/types.js';
import { createPlrSystem } from '../../src/plr/index.js';
import { createTestSandbox } from '../support/sandbox.js';
import { filledTemplate } from './support/maintain-builders.js';
import { demoToken, plrClient, type PlrClient } from './support/plr-sandbox.js';

let sandbox: Sandbox;
let plr: PlrClient;
beforeAll(async () => {
  sandbox = await createTestSandbox({ systems: [createPlrSystem] });
  plr = plrClient(sandbox, await demoToken(sandbox));
});
afterAll(() => sandbox.close());

const matches = (b: fhir.Bundle) => b.entry!.filter((e) => e.search?.mode === 'match').map((e) => (e.resource as fhir.Bundle).entry![0]!.resource!);

describe('PLR on the generated population', () => {
  it('finds the named family physician by IPC, by surname prefix and by city', async () => {
    const ipc = sandbox.deps.population.fixtures.familyPhysicianIpc;
    const byId = await plr.get(`/Practitioner/${ipc}/$entityQuery`);
    expect(byId.status).toBe(200);
    const practitioner = matches(byId.body)[0] as fhir.Practitioner;
    expect(practitioner.id).toBe(ipc);
    const name = practitioner.name!.find((n) => !n.period?.end)!;
    const byName = await plr.get(`/Practitioner/$entityQuery?family=${encodeURIComponent(name.family!.slice(0, 2))}*&given=${encodeURIComponent(name.given![0]!)}`);
    expect(matches(byName.body).map((r) => r.id)).toContain(ipc);
    const city = practitioner.address?.find((a) => !a.period?.end)?.city;
    if (city) expect(matches((await plr.get(`/Practitioner/$entityQuery?address-city=${encodeURIComponent(city)}`)).body).length).toBeGreaterThan(0);
  });

  it('finds facilities by health authority and organizations by name', async () => {
    const location = sandbox.deps.population.facilities()[0]!.location;
    const ha = location.extension?.find((e) => e.url.endsWith('bc-facility-health-service-area-extension'))?.extension?.find((e) => e.url.endsWith('health-authority-extension'))?.valueString;
    expect(ha).toBeTruthy();
    const res = await plr.get(`/Location/$entityQuery?healthAuthority=${encodeURIComponent(ha!)}`);
    expect(res.body.total).toBeGreaterThan(0);
    const org = sandbox.deps.population.organizations()[0]!.organization;
    const byName = await plr.get(`/Organization/$entityQuery?name=${encodeURIComponent(org.name!)}&type=${org.type![0]!.coding![0]!.code}`);
    expect(matches(byName.body).map((r) => r.id)).toContain(org.id);
  });

  it('answers $extendedQuery with related entities that exist, and accepts the filled template', async () => {
    const provider = sandbox.deps.population.providers().find((p) => p.roles.length > 1)!;
    const res = await plr.get(`/Practitioner/${provider.ipc}/$extendedQuery`);
    expect(res.status).toBe(200);
    expect(res.body.entry.filter((e: fhir.BundleEntry) => e.search?.mode === 'include').length).toBeGreaterThan(0);
    expect((await plr.post('/$maintain', filledTemplate({ idValue: 'GEN1' }))).status).toBe(200);
    expect((await request(sandbox.app).get('/admin/health')).body.counts.plr.practitioners).toBe(sandbox.deps.population.providers().length + 1);
  });

  it("identifies radiation technologists with Infoway's ca-bc-radiation-technologist system, not a ca-bc-license- spelling", async () => {
    const technologist = sandbox.deps.population.providers().find((p) => p.roles[0]!.code?.[0]?.coding?.[0]?.code === 'RTR')!;
    const city = technologist.practitioner.address!.find((a) => !a.period?.end)!.city!;
    const res = await plr.get(`/Practitioner/$entityQuery?address-city=${encodeURIComponent(city)}&role=RTR`);
    const found = matches(res.body) as fhir.Practitioner[];
    expect(found.length).toBeGreaterThan(0);
    for (const p of found) {
      const systems = (p.identifier ?? []).map((i) => i.system);
      expect(systems).toContain('https://fhir.infoway-inforoute.ca/NamingSystem/ca-bc-radiation-technologist');
      expect(systems.filter((s) => s?.includes('license-radiation'))).toEqual([]);
    }
  });
});

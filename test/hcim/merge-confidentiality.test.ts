// A merge never unmasks a confidential client: when either side is confidential the survivor is (docs/hcim.md,
// "Source records and the composite").
import request from 'supertest';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../src/app.js';
import type * as fhir from '../../src/fhir/types.js';
import { EXT, PHN_SYSTEM } from '../../src/hcim/identifiers.js';
import { startReceiver } from '../support/receiver.js';
import { PHN } from './support/fixture-population.js';
import { byPhn, patientsOf, requestBundle, type HcimPost } from './support/hcim-client.js';
import { ALPHA_SRI, ok, twoPartners } from './support/two-partners.js';

const safeHouse: fhir.Address = { use: 'home', type: 'physical', line: ['9 Safe House Rd'], city: 'Secretville', postalCode: 'V0N 1V0' };

let sandbox: Sandbox;
let alpha: HcimPost;
let beta: HcimPost;
beforeEach(async () => void ({ sandbox, alpha, beta } = await twoPartners()));
afterEach(async () => sandbox.close());

const isMaskedPatient = (p: fhir.Patient) =>
  p.address?.length === 1 && p.address[0]!.extension?.[0]?.url === EXT.dataAbsentReason && p.address[0]!.extension[0]!.valueCode === 'masked' && p.birthDate === undefined;
const fileSafeHouse = (phn: string) =>
  ok(alpha('UpdatePatient', requestBundle({ resourceType: 'Patient', identifier: [{ system: PHN_SYSTEM, value: phn }, { system: ALPHA_SRI, value: 'C-1' }], address: [safeHouse], telecom: [{ system: 'phone', value: '250-555-9999' }] })));
const merge = (survivor: string, nonSurvivor: string) =>
  ok(alpha('MergePatient', requestBundle({ ...byPhn(survivor), link: [{ type: 'replaces', other: { identifier: { system: PHN_SYSTEM, value: nonSurvivor } } }] })));

describe('a merge and confidentiality', () => {
  it('masks the survivor when the confidential non-survivor is merged into an ordinary client, in answers and in the PHNMERGE notification', async () => {
    const receiver = await startReceiver();
    try {
      await fileSafeHouse(PHN.confidential);
      await request(sandbox.app).post('/admin/hcim/subscriptions').send({ partner: 'beta', endpoint: receiver.url, events: ['PHNMERGE'] }).expect(201);
      await merge(PHN.ordinary, PHN.confidential);
      const survivor = patientsOf((await beta('GetDemographics', requestBundle(byPhn(PHN.ordinary)))).body)[0]!;
      expect(JSON.stringify(survivor)).not.toContain('Secretville');
      expect(JSON.stringify(survivor)).not.toContain('250-555-9999');
      expect(isMaskedPatient(survivor)).toBe(true);
      await sandbox.deps.delivery.idle();
      expect(receiver.received).toHaveLength(1);
      expect(receiver.received[0]!.body).not.toContain('Secretville');
      expect(isMaskedPatient(JSON.parse(receiver.received[0]!.body).entry[1].resource)).toBe(true);
    } finally {
      await receiver.close();
    }
  });

  it('keeps the survivor masked when an ordinary client is merged into a confidential one', async () => {
    await ok(alpha('UpdatePatient', requestBundle({ resourceType: 'Patient', identifier: [{ system: PHN_SYSTEM, value: PHN.ordinary }, { system: ALPHA_SRI, value: 'O-1' }], address: [safeHouse] })));
    await merge(PHN.confidential, PHN.ordinary);
    const survivor = patientsOf((await beta('GetDemographics', requestBundle(byPhn(PHN.confidential)))).body)[0]!;
    expect(JSON.stringify(survivor)).not.toContain('Secretville');
    expect(isMaskedPatient(survivor)).toBe(true);
  });

  it('leaves the survivor of two ordinary clients unmasked', async () => {
    await ok(alpha('UpdatePatient', requestBundle({ resourceType: 'Patient', identifier: [{ system: PHN_SYSTEM, value: PHN.twin }, { system: ALPHA_SRI, value: 'T-1' }], address: [safeHouse] })));
    await merge(PHN.ordinary, PHN.twin);
    const survivor = patientsOf((await beta('GetDemographics', requestBundle(byPhn(PHN.ordinary)))).body)[0]!;
    expect(survivor.address).toEqual([safeHouse]);
  });
});

// $RevisePatient (full snapshot), $UpdatePatient (partial), $MergePatient and the RP/PM response codes they produce.
import { describe, expect, it } from 'vitest';
import type * as fhir from '../../src/fhir/types.js';
import { HCIM_CODES } from '../../src/hcim/codes.js';
import { PHN_SYSTEM } from '../../src/hcim/identifiers.js';
import { PHN } from './support/fixture-population.js';
import { byPhn, codeOf, codesOf, createHcimClient, diagnosticsOf, patientsOf, requestBundle } from './support/hcim-client.js';
import { createHcimSandbox, useHcimSandbox } from './support/hcim-sandbox.js';

const hcim = useHcimSandbox();

const SRI = 'https://health.gov.bc.ca/fhir/NamingSystem/ca-bc-viha-cern-source-patient-id';
const smith = (extra: Partial<fhir.Patient> = {}): fhir.Patient => ({
  resourceType: 'Patient',
  identifier: [{ system: PHN_SYSTEM, value: PHN.ordinary }, { system: SRI, value: 'MRN-SMITH' }],
  name: [{ use: 'official', family: 'Smith', given: ['Robert'] }],
  gender: 'male',
  birthDate: '1970-04-12',
  address: [{ type: 'physical', line: ['55 Harbour Rd'], city: 'Nanaimo', postalCode: 'V9R 5J2' }],
  ...extra,
});
const current = async (phn: string, history = false) => patientsOf((await hcim.post('GetDemographics', requestBundle(byPhn(phn), history ? [{ name: 'history', valueBoolean: true }] : []))).body)[0]!;

describe('HCIM $RevisePatient', () => {
  it('replaces the record with the snapshot (RP.0.0001) and keeps the old address in history', async () => {
    const res = await hcim.post('RevisePatient', requestBundle(smith()));
    expect(res.status).toBe(200);
    expect(res.body.type).toBe('collection');
    expect(codeOf(res.body)).toBe(HCIM_CODES.rpExistingPhn.code);
    expect((await current(PHN.ordinary)).address).toEqual([expect.objectContaining({ line: ['55 Harbour Rd'], city: 'Nanaimo' })]);
    const withHistory = await current(PHN.ordinary, true);
    expect(withHistory.address?.find((a) => a.line?.[0] === '1234 Oak St')?.period?.end).toBe('2026-03-02T09:00:00.000Z');
  });

  it('keeps no revision for a snapshot that changes nothing in the composite, however often it is sent', async () => {
    for (let i = 0; i < 5; i++) expect((await hcim.post('RevisePatient', requestBundle(smith()))).status).toBe(200);
    const stored = hcim.sandbox.deps.store.get<{ history: unknown[] }>('hcim.persons', PHN.ordinary)!;
    expect(stored.history).toHaveLength(1);
    // The documented gender is locked: the source record takes it, the composite does not change.
    await hcim.post('RevisePatient', requestBundle(smith({ gender: 'female' })));
    expect(hcim.sandbox.deps.store.get<{ history: unknown[] }>('hcim.persons', PHN.ordinary)!.history).toHaveLength(1);
    await hcim.post('RevisePatient', requestBundle(smith({ address: [{ type: 'physical', line: ['1 Ferry Lane'], city: 'Gibsons', postalCode: 'V0N 1V0' }] })));
    expect(hcim.sandbox.deps.store.get<{ history: unknown[] }>('hcim.persons', PHN.ordinary)!.history).toHaveLength(2);
    const withHistory = await current(PHN.ordinary, true);
    expect(withHistory.address?.find((a) => a.line?.[0] === '1234 Oak St')?.period?.end).toBe('2026-03-02T09:00:00.000Z');
  });

  it('keeps a person\'s newest revisions up to its bound: each write stores the whole record, so a revise loop grew every later write', async () => {
    const bounded = await createHcimSandbox({ bounds: { hcimRevisions: 3 } });
    try {
      const postTo = createHcimClient(bounded);
      const given = ['Ann', 'Bea', 'Cy', 'Dee', 'Eve', 'Flo'];
      // Declared (usual) names: the documented (official) one is locked, so revising it would change no composite.
      for (const g of given) expect((await postTo('RevisePatient', requestBundle(smith({ name: [{ use: 'usual', family: 'Smith', given: [g] }] })))).status).toBe(200);
      const stored = bounded.deps.store.get<{ history: Array<{ patient: fhir.Patient }> }>('hcim.persons', PHN.ordinary)!;
      expect(stored.history.map((r) => r.patient.name?.find((n) => n.use === 'usual')?.given?.[0])).toEqual(['Cy', 'Dee', 'Eve']);
      const withHistory = patientsOf((await postTo('GetDemographics', requestBundle(byPhn(PHN.ordinary), [{ name: 'history', valueBoolean: true }]))).body)[0]!;
      expect(withHistory.name?.map((n) => n.given?.[0])).toEqual(['Robert', 'Flo', 'Eve', 'Dee', 'Cy']);
    } finally {
      await bounded.close();
    }
  });

  it("ends the source's own attribute a snapshot leaves blank: its telephone goes, the registry's own record's shows again", async () => {
    const registered = (await current(PHN.ordinary)).telecom;
    expect(registered).toHaveLength(1);
    await hcim.post('RevisePatient', requestBundle(smith({ telecom: [{ system: 'phone', value: '250-555-0142', use: 'mobile' }] })));
    expect((await current(PHN.ordinary)).telecom).toEqual([{ system: 'phone', value: '250-555-0142', use: 'mobile' }]);
    await hcim.post('RevisePatient', requestBundle(smith()));
    expect((await current(PHN.ordinary)).telecom).toEqual(registered);
  });

  it('files the source record identifier under the PHN, so GetDemographics by SRI finds the person', async () => {
    await hcim.post('RevisePatient', requestBundle(smith()));
    const res = await hcim.post('GetDemographics', requestBundle({ resourceType: 'Patient', identifier: [{ system: SRI, value: 'MRN-SMITH' }] }));
    expect(codeOf(res.body)).toBe(HCIM_CODES.gdSuccess.code);
    expect(patientsOf(res.body)[0]!.identifier?.map((i) => i.value)).toEqual([PHN.ordinary, 'MRN-SMITH']);
  });

  it('adds a person it has never seen (no PHN, unknown SRI) with RP.0.0000', async () => {
    const res = await hcim.post('RevisePatient', requestBundle({ resourceType: 'Patient', identifier: [{ system: SRI, value: 'MRN-NEW' }], name: [{ use: 'official', family: 'Quimby', given: ['Ramona'] }], gender: 'female', birthDate: '2011-05-05' }));
    expect(codeOf(res.body)).toBe(HCIM_CODES.rpNewPhn.code);
  });

  it('refuses a merged non-survivor with RP.2.0015', async () => {
    const res = await hcim.post('RevisePatient', requestBundle(smith({ identifier: [{ system: PHN_SYSTEM, value: PHN.merged }, { system: SRI, value: 'MRN-N' }] })));
    expect(res.status).toBe(422);
    expect(codeOf(res.body)).toBe(HCIM_CODES.rpMergedSubject.code);
    expect(diagnosticsOf(res.body)).toContain(PHN.survivor);
  });

  it('refuses a person deceased per Vital Statistics with RP.2.0016', async () => {
    const res = await hcim.post('RevisePatient', requestBundle(smith({ identifier: [{ system: PHN_SYSTEM, value: PHN.deceased }, { system: SRI, value: 'MRN-B' }] })));
    expect(res.status).toBe(422);
    expect(codeOf(res.body)).toBe(HCIM_CODES.rpDeceased.code);
  });

  it("takes a POS's later writes after that POS filed a death date: RP.2.0016 is for a death Vital Statistics verified", async () => {
    const died = await hcim.post('RevisePatient', requestBundle(smith({ deceasedDateTime: '2026-02-20T10:00:00Z' })));
    expect(died.status, JSON.stringify(died.body)).toBe(200);
    const corrected = await hcim.post('RevisePatient', requestBundle(smith({ deceasedDateTime: '2026-02-21T10:00:00Z' })));
    expect(corrected.status, JSON.stringify(corrected.body)).toBe(200);
    expect((await current(PHN.ordinary)).deceasedDateTime).toBe('2026-02-21T10:00:00Z');
  });

  it('keeps a confidential client masked after a POS files a death date for them', async () => {
    const res = await hcim.post('UpdatePatient', requestBundle({ ...byPhn(PHN.confidential), deceasedDateTime: '2026-02-20' }));
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const after = await current(PHN.confidential);
    expect(after.name?.[0]?.family).not.toBe('Hidden');
    expect(JSON.stringify(after)).toContain('masked');
  });

  it('refuses a snapshot without an SRI (RP.2.0025) and one missing the minimum data set (RP.2.0006)', async () => {
    const noSri = await hcim.post('RevisePatient', requestBundle(smith({ identifier: [{ system: PHN_SYSTEM, value: PHN.ordinary }] })));
    expect(codeOf(noSri.body)).toBe(HCIM_CODES.rpNoSri.code);
    const noGender = await hcim.post('RevisePatient', requestBundle(smith({ gender: undefined })));
    expect(codeOf(noGender.body)).toBe(HCIM_CODES.rpInvalid.code);
    expect(diagnosticsOf(noGender.body)).toMatch(/minimum data set.*gender/);
  });

  it('refuses a PHN failing the check digit with RP.2.0006 carrying BRV.2.0003', async () => {
    const res = await hcim.post('RevisePatient', requestBundle(smith({ identifier: [{ system: PHN_SYSTEM, value: '9999999999' }, { system: SRI, value: 'X' }] })));
    expect(res.status).toBe(400);
    expect(codesOf(res.body)).toEqual([HCIM_CODES.rpInvalid.code, HCIM_CODES.brvChecksum.code]);
  });

  it('refuses a valid PHN the registry never issued with RP.2.0002', async () => {
    const res = await hcim.post('RevisePatient', requestBundle(smith({ identifier: [{ system: PHN_SYSTEM, value: '9000000089' }, { system: SRI, value: 'X' }] })));
    expect(res.status).toBe(422);
    expect(codeOf(res.body)).toBe(HCIM_CODES.rpInvalidPhn.code);
  });

  it('requires the UserId header on updates (RP.2.0006)', async () => {
    const res = await createHcimClient(hcim.sandbox, { userId: null })('RevisePatient', requestBundle(smith()));
    expect(res.status).toBe(400);
    expect(diagnosticsOf(res.body)).toMatch(/UserId/);
  });

  it('detects a duplicate message id with RP.2.0032', async () => {
    const body = requestBundle(smith());
    expect((await hcim.post('RevisePatient', body)).status).toBe(200);
    const again = await hcim.post('RevisePatient', body);
    expect(again.status).toBe(409);
    expect(codeOf(again.body)).toBe(HCIM_CODES.rpDuplicateMessage.code);
  });
});

describe('HCIM $UpdatePatient', () => {
  it('changes only the elements sent', async () => {
    const res = await hcim.post('UpdatePatient', requestBundle({ resourceType: 'Patient', identifier: [{ system: PHN_SYSTEM, value: PHN.ordinary }], telecom: [{ system: 'phone', value: '250-555-0999', use: 'mobile' }] }));
    expect(codeOf(res.body)).toBe(HCIM_CODES.rpExistingPhn.code);
    const p = await current(PHN.ordinary);
    expect(p.telecom).toEqual([{ system: 'phone', value: '250-555-0999', use: 'mobile' }]);
    expect(p.name?.[0]?.family).toBe('Smith');
    expect(p.address?.[0]?.line).toEqual(['1234 Oak St']);
  });

  it('refuses an update that changes nothing (invariant-update-1)', async () => {
    const res = await hcim.post('UpdatePatient', requestBundle(byPhn(PHN.ordinary)));
    expect(codeOf(res.body)).toBe(HCIM_CODES.rpInvalid.code);
    expect(diagnosticsOf(res.body)).toMatch(/invariant-update-1/);
  });

  it('records a death (DEATH), still takes writes after it (no Vital Statistics verification), and refuses a death date before the birth date (RP.2.0035)', async () => {
    const early = await hcim.post('UpdatePatient', requestBundle({ ...byPhn(PHN.ordinary), deceasedDateTime: '1960-01-01' }));
    expect(codeOf(early.body)).toBe(HCIM_CODES.rpDeathBeforeBirth.code);
    const died = await hcim.post('UpdatePatient', requestBundle({ ...byPhn(PHN.ordinary), deceasedDateTime: '2026-02-28' }));
    expect(codeOf(died.body)).toBe(HCIM_CODES.rpExistingPhn.code);
    expect((await current(PHN.ordinary)).deceasedDateTime).toBe('2026-02-28');
    const after = await hcim.post('UpdatePatient', requestBundle({ ...byPhn(PHN.ordinary), gender: 'female' }));
    expect(codeOf(after.body)).toBe(HCIM_CODES.rpExistingPhn.code);
  });

  it('needs a known subject: RP.2.0002 for an SRI this partner never filed', async () => {
    const res = await hcim.post('UpdatePatient', requestBundle({ resourceType: 'Patient', identifier: [{ system: SRI, value: 'NOBODY' }], gender: 'male' }));
    expect(res.status).toBe(422);
    expect(codeOf(res.body)).toBe(HCIM_CODES.rpInvalidPhn.code);
  });
});

describe('HCIM $MergePatient', () => {
  const mergeParams = (survivor: string, nonSurvivor: string): fhir.Parameters => ({
    resourceType: 'Parameters',
    parameter: [{ name: 'source-patient-identifier', valueIdentifier: { system: PHN_SYSTEM, value: nonSurvivor } }, { name: 'target-patient-identifier', valueIdentifier: { system: PHN_SYSTEM, value: survivor } }],
  });

  it('merges with a Patient whose link "replaces" the non-survivor (PM.0.0008), listing the merged PHN', async () => {
    const result: fhir.Patient = { ...byPhn(PHN.ordinary), link: [{ type: 'replaces', other: { identifier: { system: PHN_SYSTEM, value: PHN.twin } } }] };
    const res = await hcim.post('MergePatient', requestBundle(result));
    expect(codeOf(res.body)).toBe(HCIM_CODES.pmSuccess.code);
    const survivor = await current(PHN.ordinary);
    expect(survivor.identifier?.find((i) => i.value === PHN.twin)?.extension?.[0]?.valueCode).toBe('merged');
    const gd = await hcim.post('GetDemographics', requestBundle(byPhn(PHN.twin)));
    expect(codeOf(gd.body)).toBe(HCIM_CODES.gdMerged.code);
    expect(patientsOf(gd.body)[0]!.id).toBe(PHN.ordinary);
  });

  it('refuses a survivor that does not exist (RP.2.0002), an already merged PHN (RP.2.0015) and a self-merge (RP.2.0006)', async () => {
    expect(codeOf((await hcim.post('MergePatient', requestBundle(mergeParams('9000000089', PHN.twin)))).body)).toBe(HCIM_CODES.rpInvalidPhn.code);
    expect(codeOf((await hcim.post('MergePatient', requestBundle(mergeParams(PHN.ordinary, PHN.merged)))).body)).toBe(HCIM_CODES.rpMergedSubject.code);
    expect(codeOf((await hcim.post('MergePatient', requestBundle(mergeParams(PHN.ordinary, PHN.ordinary)))).body)).toBe(HCIM_CODES.rpInvalid.code);
  });

  // The IG's Merge-Min-Request (bcgov/MOH-HCIM-FHIR): target-patient and source-patient by the POS's own source record ids.
  const bySri = (survivor: string, nonSurvivor: string): fhir.Parameters => ({
    resourceType: 'Parameters',
    parameter: [
      { name: 'target-patient', valueReference: { identifier: { use: 'official', system: SRI, value: survivor } } },
      { name: 'source-patient', valueReference: { identifier: { use: 'official', system: SRI, value: nonSurvivor } } },
      { name: 'result-patient', resource: { resourceType: 'Patient', link: [{ other: { reference: 'Patient/x' }, type: 'replaces' }] } },
    ],
  });
  const fileSources = async () => {
    expect((await hcim.post('RevisePatient', requestBundle(smith({ identifier: [{ system: PHN_SYSTEM, value: PHN.ordinary }, { system: SRI, value: 'MRN-SURV-1' }] })))).status).toBe(200);
    const twin = patientsOf((await hcim.post('GetDemographics', requestBundle(byPhn(PHN.twin)))).body)[0]!;
    const snapshot = { ...twin, id: undefined, meta: undefined, identifier: [{ system: PHN_SYSTEM, value: PHN.twin }, { system: SRI, value: 'MRN-LOSE-1' }] } as fhir.Patient;
    expect((await hcim.post('RevisePatient', requestBundle(snapshot))).status).toBe(200);
  };

  it("merges the POS's own source records named by their SRIs, in the request Bundle (the IG's Merge-Min-Request)", async () => {
    await fileSources();
    const res = await hcim.post('MergePatient', requestBundle(bySri('MRN-SURV-1', 'MRN-LOSE-1')));
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(codeOf(res.body)).toBe(HCIM_CODES.pmSuccess.code);
    const gd = await hcim.post('GetDemographics', requestBundle(byPhn(PHN.twin)));
    expect(codeOf(gd.body)).toBe(HCIM_CODES.gdMerged.code);
    expect(patientsOf(gd.body)[0]!.id).toBe(PHN.ordinary);
  });

  it('takes the same Parameters as the whole body, and refuses an SRI the POS never filed (RP.2.0002)', async () => {
    await fileSources();
    const unknown = await hcim.post('MergePatient', bySri('MRN-SURV-1', 'MRN-NOBODY'));
    expect(unknown.status, JSON.stringify(unknown.body)).toBe(422);
    expect(codeOf(unknown.body)).toBe(HCIM_CODES.rpInvalidPhn.code);
    expect(diagnosticsOf(unknown.body)).toMatch(/MRN-NOBODY/);
    const res = await hcim.post('MergePatient', bySri('MRN-SURV-1', 'MRN-LOSE-1'));
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(codeOf(res.body)).toBe(HCIM_CODES.pmSuccess.code);
  });

  it('refuses a merge without both PHNs, saying which parameters carry them', async () => {
    const res = await hcim.post('MergePatient', requestBundle({ resourceType: 'Parameters', parameter: [{ name: 'target-patient-identifier', valueIdentifier: { system: PHN_SYSTEM, value: PHN.ordinary } }] }));
    expect(res.status).toBe(400);
    expect(diagnosticsOf(res.body)).toMatch(/source-patient-identifier/);
  });
});

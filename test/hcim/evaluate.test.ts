// Match-quality evaluation: the arithmetic on a scripted search, and the real one cross-checked through $FindCandidates.
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Sandbox } from '../../src/app.js';
import { runCli } from '../../src/cli/program.js';
import type * as fhir from '../../src/fhir/types.js';
import { evaluateMatching, queryOf, type CandidateSearch, type MatchEvaluation } from '../../src/hcim/evaluate.js';
import { createHcimSystem } from '../../src/hcim/index.js';
import type { Candidate } from '../../src/hcim/matching/engine.js';
import type { Population } from '../../src/population/types.js';
import { createTestSandbox } from '../support/sandbox.js';
import { createFixturePopulation, PHN } from './support/fixture-population.js';

describe('evaluateMatching (scripted search)', () => {
  const population: Population = {
    ...createFixturePopulation(),
    answerKey: () => [
      { originalPhn: PHN.ordinary, duplicatePhn: PHN.duplicate, variant: 'nickname' },
      { originalPhn: PHN.survivor, duplicatePhn: PHN.twin, variant: 'typo' },
      { originalPhn: PHN.mother, duplicatePhn: PHN.newborn, variant: 'changed-surname' },
    ],
  };
  const hit = (phn: string, score: number): Candidate => ({ phn, score, patient: { resourceType: 'Patient', id: phn } });
  // Per duplicate: what FindCandidates returns (the duplicate itself included, as a real search would).
  const scripted: Record<string, Candidate[]> = {
    [PHN.duplicate]: [hit(PHN.duplicate, 170), hit(PHN.ordinary, 120), hit(PHN.deceased, 60)],
    [PHN.twin]: [hit(PHN.twin, 170), hit(PHN.survivor, 101)],
    [PHN.newborn]: [hit(PHN.newborn, 170)],
  };
  const byName = (q: fhir.Patient) => Object.keys(scripted).find((phn) => population.clientByPhn(phn)!.patient.name?.[0]?.family === q.name?.[0]?.family)!;
  const search: CandidateSearch = {
    find: (q) => scripted[byName(q)]!,
    unthresholded: (q) => [...scripted[byName(q)]!, hit(PHN.confidential, 45)],
    thresholds: { minScore: 50, minRatio: 0.6 },
    maxCandidates: 10,
  };

  it('counts the original as found, other people as false positives and leaves the duplicate itself out', () => {
    const e = evaluateMatching(population, search);
    expect(e).toMatchObject({ pairs: 3, found: 2, truePositives: 2, falsePositives: 1, refused: 0 });
    expect(e.precision).toBeCloseTo(2 / 3, 10);
    expect(e.recall).toBeCloseTo(2 / 3, 10);
    expect(e.byVariant).toEqual({ nickname: { pairs: 1, found: 1 }, typo: { pairs: 1, found: 1 }, 'changed-surname': { pairs: 1, found: 0 } });
    expect(e.missed).toEqual([{ originalPhn: PHN.mother, duplicatePhn: PHN.newborn, variant: 'changed-surname' }]);
  });

  it('buckets same-person scores, other-person scores and the best rival of each search', () => {
    const e = evaluateMatching(population, search);
    expect(e.scores.match).toEqual({ '120': 1, '100': 1 });
    expect(e.scores.nonMatch).toEqual({ '60': 1 });
    expect(e.scores.bestNonMatch).toEqual({ '60': 1, '40': 2 });
  });

  it('queries with a PatientByExample: one name, no identifiers, at most two phones', () => {
    const q = queryOf(population.clientByPhn(PHN.ordinary)!.patient, 'full');
    expect(q.identifier).toBeUndefined();
    expect(q.name).toEqual([{ family: 'Smith', given: ['Robert'] }]);
    expect(q.telecom).toEqual([{ system: 'phone', value: '250-555-0101' }]);
    expect(queryOf(population.clientByPhn(PHN.ordinary)!.patient, 'minimal')).toEqual({ resourceType: 'Patient', name: [{ family: 'Smith', given: ['Robert'] }], gender: 'male', birthDate: '1970-04-12' });
  });
});

describe('hcim evaluate on a generated population', () => {
  let sandbox: Sandbox;
  beforeAll(async () => void (sandbox = await createTestSandbox({ systems: [createHcimSystem], config: { auth: false } })));
  afterAll(async () => sandbox.close());

  it('agrees with $FindCandidates called for each injected duplicate', async () => {
    const population = sandbox.deps.population;
    const key = population.answerKey();
    expect(key.length).toBeGreaterThan(0);
    const res = await request(sandbox.app).post('/admin/hcim/evaluate').send({ profile: 'full' });
    expect(res.status).toBe(200);
    const e = res.body as MatchEvaluation;
    let found = 0;
    let same = 0;
    let other = 0;
    for (const [n, entry] of key.entries()) {
      const query = queryOf(population.clientByPhn(entry.duplicatePhn)!.patient, 'full');
      const bundle = { resourceType: 'Bundle', type: 'collection', entry: [{ resource: { resourceType: 'Parameters', parameter: [{ name: 'messageId', valueString: `eval-${n}` }] } }, { resource: query }] };
      const fc = await request(sandbox.app).post('/hcim/fhir/Patient/$FindCandidates').send(bundle);
      const ids = (fc.body as fhir.Bundle).entry!.filter((x) => x.resource?.resourceType === 'Patient').map((x) => x.resource!.id!).filter((id) => id !== entry.duplicatePhn);
      if (ids.includes(entry.originalPhn)) found += 1;
      for (const id of ids) {
        const sameCluster = key.some((k) => (k.originalPhn === id || k.duplicatePhn === id) && (k.originalPhn === entry.originalPhn || k.duplicatePhn === entry.originalPhn));
        if (sameCluster) same += 1;
        else other += 1;
      }
    }
    expect(e).toMatchObject({ pairs: key.length, found, truePositives: same, falsePositives: other, population: { patients: 300 } });
    expect(e.recall).toBeCloseTo(found / key.length, 10);
    expect(e.precision).toBeCloseTo(same + other ? same / (same + other) : 1, 10);
  });

  it('refuses an unknown query profile with a 400 OperationOutcome', async () => {
    const res = await request(sandbox.app).post('/admin/hcim/evaluate').send({ profile: 'everything' });
    expect(res.status).toBe(400);
    expect(res.body.issue[0].diagnostics).toMatch(/full, minimal/);
  });

  it('prints recall, precision and the score table with `hie-sandbox hcim evaluate --url`', async () => {
    const server = sandbox.app.listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    const out: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => (out.push(String(chunk)), true));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      expect(await runCli(['hcim', 'evaluate', '--url', url])).toBe(0);
      expect(await runCli(['hcim', 'evaluate', '--url', url, '--min-recall', '2'], () => undefined)).toBe(2);
    } finally {
      vi.restoreAllMocks();
      await new Promise((r) => server.close(r));
    }
    const text = out.join('');
    expect(text).toMatch(/recall\s+\d\.\d{3}\s+\(\d+ of \d+ originals found/);
    expect(text).toMatch(/precision\s+\d\.\d{3}/);
    expect(text).toMatch(/score distribution \(raw EMPI score, buckets of 20\)/);
    expect(text).toMatch(/300 patients, seed/);
  });
});

// The reference EMR's patient search by name: each patient is generated on demand, so a search that matches nobody
// looked through the whole population at once (at a million patients, ~25 s with every other request waiting).
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../src/app.js';
import { createPosSystem } from '../../src/pos/index.js';
import { scanNote, searchPatients } from '../../src/pos/emr/patient-search.js';
import { createTestSandbox } from '../support/sandbox.js';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await createTestSandbox({ systems: [createPosSystem] });
});
afterAll(async () => sandbox.close());

describe('a search by name', () => {
  it('looks through at most its bound of patients and says how far it looked', async () => {
    const result = await searchPatients(sandbox.deps, { name: 'Zzzyx' }, undefined, { scanLimit: 120, sliceMs: 8 });
    expect(result).toEqual({ found: [], scanned: 120 });
    expect(scanNote(500, 10_000)).toBe('searched the first 500 of 10,000 patients by name and birth date; search by identifier (PHN or MRN) to find any patient');
    // An identifier finds anyone, however far in.
    const last = sandbox.deps.population.client(sandbox.deps.population.options.sizes.patients - 1);
    expect(await searchPatients(sandbox.deps, { identifier: last.phn }, undefined, { scanLimit: 120, sliceMs: 8 })).toEqual({ found: [last.index] });
  });

  it('gives the event loop back while it looks', async () => {
    let turns = 0;
    let searching = true;
    const tick = () => {
      if (!searching) return;
      turns += 1;
      setImmediate(tick);
    };
    setImmediate(tick);
    const result = await searchPatients(sandbox.deps, { name: 'Zzzyx' }, undefined, { scanLimit: 250, sliceMs: 0 });
    searching = false;
    expect(result.scanned).toBe(250);
    expect(turns).toBeGreaterThan(50);
  });

  it('finds a patient by name on the page, and says nothing of a bound it did not reach', async () => {
    const first = sandbox.deps.population.client(0).patient.name![0]!.family!;
    const page = await request(sandbox.app).get('/pos/emr/').query({ q: first }).expect(200);
    expect(page.text).toContain(sandbox.deps.population.client(0).phn);
    expect(page.text).not.toContain('searched the first');
  });
});

// HCIM's view: statuses match the Patient, BC demographics are realistic, duplicates match the answer key.
import { describe, expect, it } from 'vitest';
import { LOCALITIES } from '../../src/population/data/geography.js';
import { maskPatient } from '../../src/population/index.js';
import type { ClientRecord } from '../../src/population/types.js';
import { smallPopulation } from './support/populations.js';

const population = smallPopulation(5, { patients: 10_000 });
const clients: ClientRecord[] = [...population.clients()];
const byPhn = new Map(clients.map((c) => [c.phn, c]));
const REFERENCE = '2026-01-01';
const HA_ORGS = ['Interior Health', 'Fraser Health', 'Vancouver Coastal Health', 'Island Health', 'Northern Health'];

describe('client statuses', () => {
  it('has a few percent of merged, deceased, confidential and newborn clients', () => {
    const count = (pred: (c: ClientRecord) => boolean): number => clients.filter(pred).length / clients.length;
    expect(count((c) => c.status === 'merged')).toBeGreaterThan(0.005);
    expect(count((c) => c.status === 'merged')).toBeLessThan(0.02);
    expect(count((c) => c.status === 'deceased')).toBeGreaterThan(0.008);
    expect(count((c) => c.status === 'deceased')).toBeLessThan(0.025);
    expect(count((c) => c.status === 'confidential')).toBeGreaterThan(0.005);
    expect(count((c) => c.motherPhn !== undefined)).toBeGreaterThan(0.005);
    expect(count((c) => c.status === 'active')).toBeGreaterThan(0.94);
  });

  it('points every merged PHN at an active survivor whose Patient replaces it', () => {
    for (const c of clients.filter((x) => x.status === 'merged')) {
      expect(c.patient.active).toBe(false);
      expect(c.patient.link).toEqual([{ other: { reference: `Patient/${c.survivorPhn}` }, type: 'replaced-by' }]);
      const survivor = byPhn.get(c.survivorPhn ?? '');
      expect(survivor?.status).toBe('active');
      expect(survivor?.patient.link).toContainEqual({ other: { reference: `Patient/${c.phn}` }, type: 'replaces' });
      expect(survivor?.patient.birthDate).toBe(c.patient.birthDate);
    }
  });

  it('gives deceased clients a death date after birth and before the reference date, and nobody else one', () => {
    for (const c of clients) {
      const died = c.patient.deceasedDateTime;
      if (c.status !== 'deceased') {
        expect(died).toBeUndefined();
        continue;
      }
      expect(died).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:00-0[78]:00$/);
      expect((died ?? '').slice(0, 10) > (c.patient.birthDate ?? '')).toBe(true);
      expect((died ?? '').slice(0, 10) < REFERENCE).toBe(true);
    }
  });

  it('labels confidential clients R, and masks them with data-absent-reason', () => {
    for (const c of clients.filter((x) => x.status === 'confidential')) {
      expect(c.patient.meta?.security?.map((s) => s.code)).toEqual(['HTEST', 'R']);
      const masked = maskPatient(c.patient);
      expect(masked.birthDate).toBeUndefined();
      expect(masked._birthDate?.extension?.[0]?.valueCode).toBe('masked');
      expect(masked.name?.every((n) => n.family === undefined && n.extension?.[0]?.valueCode === 'masked')).toBe(true);
      expect(masked.identifier).toEqual(c.patient.identifier);
    }
    expect(clients.filter((c) => c.status !== 'confidential').every((c) => !c.patient.meta?.security?.some((s) => s.code === 'R'))).toBe(true);
  });

  it('links newborns to a mother of childbearing age at the same address', () => {
    for (const c of clients.filter((x) => x.motherPhn)) {
      const mother = byPhn.get(c.motherPhn ?? '');
      expect(mother?.patient.gender).toBe('female');
      const motherAge = Number(REFERENCE.slice(0, 4)) - Number(mother?.patient.birthDate?.slice(0, 4));
      expect(motherAge).toBeGreaterThanOrEqual(19);
      expect(motherAge).toBeLessThanOrEqual(43);
      expect(c.patient.birthDate && c.patient.birthDate > '2024-12-31').toBe(true);
      expect(c.patient.address?.[0]).toEqual(mother?.patient.address?.[0]);
      expect(c.patient.contact?.[0]?.relationship?.[0]?.coding?.[0]?.code).toBe('NMTH');
    }
  });

  it('marks every Patient as test data', () => {
    for (const c of clients) expect(c.patient.meta?.security?.[0]).toEqual({ system: 'http://terminology.hl7.org/CodeSystem/v3-ActReason', code: 'HTEST', display: 'test health data' });
  });
});

describe('BC demographics', () => {
  it('uses real cities with matching postal prefixes, and the health authority of the city', () => {
    const fsas = new Map<string, Set<string>>();
    const has = new Map<string, Set<string>>();
    for (const l of LOCALITIES) {
      fsas.set(l.city, new Set([...(fsas.get(l.city) ?? []), ...l.fsas]));
      has.set(l.city, new Set([...(has.get(l.city) ?? []), l.healthAuthority.orgName]));
    }
    for (const c of clients) {
      const address = c.patient.address?.[0];
      expect(address?.state).toBe('BC');
      expect(address?.postalCode).toMatch(/^V\d[A-Z] \d[A-Z]\d$/);
      expect(fsas.get(address?.city ?? '')?.has(address?.postalCode?.slice(0, 3) ?? '')).toBe(true);
      expect(has.get(address?.city ?? '')?.has(c.healthAuthority)).toBe(true);
    }
    expect(new Set(clients.map((c) => c.healthAuthority))).toEqual(new Set(HA_ORGS));
  });

  it('uses BC area codes for phones and reserved example domains for email', () => {
    for (const c of clients) {
      for (const t of c.patient.telecom ?? []) {
        if (t.system === 'phone') expect(t.value).toMatch(/^(604|778|236|250|672)-\d{3}-\d{4}$/);
        if (t.system === 'email') expect(t.value).toMatch(/@example\.(com|net|org)$/);
      }
    }
  });

  it('follows a realistic age pyramid and gender mix', () => {
    const ages = clients.map((c) => 2025 - Number(c.patient.birthDate?.slice(0, 4)));
    const share = (lo: number, hi: number): number => ages.filter((a) => a >= lo && a <= hi).length / ages.length;
    expect(share(0, 17)).toBeGreaterThan(0.15);
    expect(share(0, 17)).toBeLessThan(0.24);
    expect(share(65, 120)).toBeGreaterThan(0.16);
    expect(share(65, 120)).toBeLessThan(0.26);
    expect(share(90, 120)).toBeLessThan(0.03);
    const female = clients.filter((c) => c.patient.gender === 'female').length / clients.length;
    expect(female).toBeGreaterThan(0.47);
    expect(female).toBeLessThan(0.54);
    expect(clients.some((c) => c.patient.gender === 'other')).toBe(true);
  });

  it('mixes communities: English, French, Punjabi, Chinese, Filipino, Indigenous and more', () => {
    const surnames = new Set(clients.map((c) => c.patient.name?.[0]?.family));
    for (const name of ['Smith', 'Tremblay', 'Sandhu', 'Wong', 'Santos', 'Joe', 'Nguyen', 'Kim']) expect(surnames.has(name), name).toBe(true);
  });

  it('records documented (official) and declared (usual) names, and some nicknames', () => {
    for (const c of clients) expect(c.patient.name?.slice(0, 2).map((n) => n.use)).toEqual(['official', 'usual']);
    const declaredDiffers = clients.filter((c) => c.patient.name?.[0]?.given?.[0] !== c.patient.name?.[1]?.given?.[0]).length;
    expect(declaredDiffers / clients.length).toBeGreaterThan(0.03);
    expect(clients.some((c) => c.patient.name?.some((n) => n.use === 'nickname'))).toBe(true);
  });
});

describe('duplicate answer key', () => {
  const key = population.answerKey();

  it('injects about 2% duplicates, of every variant', () => {
    expect(key.length / clients.length).toBeGreaterThan(0.012);
    expect(key.length / clients.length).toBeLessThan(0.03);
    expect(new Set(key.map((e) => e.variant))).toEqual(new Set(['typo', 'nickname', 'transposed-date', 'moved-address', 'hyphenated-surname', 'changed-surname']));
  });

  it('describes each variant truthfully', () => {
    for (const e of key) {
      const a = byPhn.get(e.originalPhn)?.patient;
      const b = byPhn.get(e.duplicatePhn)?.patient;
      expect(a && b, e.duplicatePhn).toBeTruthy();
      if (!a || !b) continue;
      const [an, bn] = [a.name?.[0], b.name?.[0]];
      if (e.variant !== 'transposed-date') expect(b.birthDate).toBe(a.birthDate);
      if (e.variant === 'transposed-date') expect(b.birthDate).toBe(`${a.birthDate?.slice(0, 4)}-${a.birthDate?.slice(8, 10)}-${a.birthDate?.slice(5, 7)}`);
      if (e.variant === 'moved-address') expect(b.address?.[0]?.city).not.toBe(a.address?.[0]?.city);
      if (e.variant === 'hyphenated-surname') expect(bn?.family?.startsWith(`${an?.family}-`)).toBe(true);
      if (e.variant === 'changed-surname') expect(bn?.family).not.toBe(an?.family);
      if (e.variant === 'nickname') expect(bn?.given?.[0]).not.toBe(an?.given?.[0]);
      if (e.variant === 'typo') expect(`${bn?.given?.join(' ')} ${bn?.family}`).not.toBe(`${an?.given?.join(' ')} ${an?.family}`);
    }
  });

  it('keeps the duplicate active, so only the key says they are the same person', () => {
    for (const e of key) expect(byPhn.get(e.duplicatePhn)?.status).toBe('active');
  });
});

// PLR's view: ids in the registry's formats, one Practitioner per role linked by CPN, history, resolvable references.
import { describe, expect, it } from 'vitest';
import { HSDA_NAMES } from '../../src/population/data/health-areas.js';
import { PLR_EXT, PLR_SYS } from '../../src/population/data/plr/systems.js';
import type * as fhir from '../../src/fhir/types.js';
import { createPopulation, DEFAULT_POPULATION_SIZES } from '../../src/population/index.js';

const population = createPopulation({ seed: 3, referenceDate: '2026-01-01', sizes: { ...DEFAULT_POPULATION_SIZES, patients: 50 } });
const providers = population.providers();
const orgs = population.organizations();
const facilities = population.facilities();
const ipcs = new Set([...providers.map((p) => p.ipc), ...orgs.map((o) => o.ipc)]);
const ifcs = new Set(facilities.map((f) => f.ifc));
const ext = (resource: { extension?: fhir.Extension[] }, url: string): fhir.Extension[] => (resource.extension ?? []).filter((e) => e.url === url);
const sub = (e: fhir.Extension | undefined, url: string): fhir.Extension | undefined => e?.extension?.find((x) => x.url === url);

describe('PLR ids', () => {
  it('use the registry formats and are unique', () => {
    expect(providers).toHaveLength(2500);
    expect(orgs).toHaveLength(400);
    expect(facilities).toHaveLength(600);
    for (const p of providers) expect(p.ipc).toMatch(/^IPC\.\d{8}\.BC\.PRS$/);
    for (const p of providers) expect(p.cpn).toMatch(/^CPN\.\d{8}\.BC\.PRS$/);
    for (const o of orgs) expect(o.ipc).toMatch(/^IPC\.\d{8}\.BC\.PRS$/);
    for (const f of facilities) expect(f.ifc).toMatch(/^IFC\.\d{8}\.BC\.PRS$/);
    expect(ipcs.size).toBe(providers.length + orgs.length);
    const relns = [...providers.flatMap((p) => p.roles.slice(1)), ...orgs.flatMap((o) => o.affiliations)].map((r) => r.id ?? '');
    for (const id of relns) expect(id).toMatch(/^RELN\.\d+\.PRS$/);
    expect(new Set(relns).size).toBe(relns.length);
  });

  it('make the role PractitionerRole share the IPC of its Practitioner', () => {
    for (const p of providers) {
      expect(p.practitioner.id).toBe(p.ipc);
      expect(p.roles[0]?.id).toBe(p.ipc);
      expect(p.roles[0]?.meta?.profile?.[0]).toMatch(/bc-practitioner-role$/);
      expect(p.roles[0]?.organization).toBeUndefined();
      expect(p.roles[0]?.location).toBeUndefined();
    }
  });
});

describe('practitioners', () => {
  it('link the records of a person with several roles through one CPN', () => {
    const byCpn = new Map<string, string[]>();
    for (const p of providers) byCpn.set(p.cpn, [...(byCpn.get(p.cpn) ?? []), p.roles[0]?.code?.[0]?.coding?.[0]?.code ?? '']);
    const multi = [...byCpn.values()].filter((roles) => roles.length > 1);
    expect(multi.length).toBeGreaterThan(20);
    for (const roles of multi) expect(new Set(roles).size).toBe(roles.length);
    expect(byCpn.get(population.fixtures.multiRolePractitionerCpn)).toEqual(['RN', 'RM']);
  });

  it('carry IPC, CPN, a college licence of the role, and an MPID for MSP billers', () => {
    for (const p of providers) {
      const systems = (p.practitioner.identifier ?? []).map((i) => i.system);
      expect(systems.slice(0, 2)).toEqual([PLR_SYS.ipc, PLR_SYS.cpn]);
      expect(systems[2]).toMatch(/ca-bc-license-|ca-bc-radiation-technologist|ca-bc-office-assistant/);
      const role = p.roles[0]?.code?.[0]?.coding?.[0]?.code;
      if (role === 'MD') {
        expect(systems).toContain(PLR_SYS.license('physician'));
        expect(systems).toContain(PLR_SYS.mpid);
      }
      if (role === 'RN') expect(systems).toContain(PLR_SYS.license('nurse'));
    }
  });

  it('never give two records the same licence or MPID', () => {
    const seen = new Set<string>();
    for (const p of providers) {
      for (const id of (p.practitioner.identifier ?? []).filter((i) => i.system !== PLR_SYS.cpn)) {
        const key = `${id.system}|${id.value}`;
        expect(seen.has(key), key).toBe(false);
        seen.add(key);
      }
    }
  });

  it('are mostly in good standing, with some suspended, inactive or cancelled', () => {
    const codes = providers.map((p) => sub(ext(p.practitioner, PLR_EXT.licenseStatus)[0], 'statusCode')?.valueCodeableConcept?.coding?.[0]?.code);
    const active = codes.filter((c) => c === 'ACTIVE').length / codes.length;
    expect(active).toBeGreaterThan(0.85);
    expect(active).toBeLessThan(0.97);
    for (const code of ['SUSPENDED', 'INACTIVE', 'CANCELLED', 'TERMINATED']) expect(codes).toContain(code);
  });

  it('have expertise and language codes from the BC code systems', () => {
    const specialties = providers.flatMap((p) => p.roles[0]?.specialty ?? []);
    expect(specialties.length).toBeGreaterThan(1000);
    for (const s of specialties) expect(s.coding?.[0]?.system).toBe(PLR_SYS.expertise);
    const languages = providers.flatMap((p) => p.practitioner.communication ?? []);
    expect(languages.length).toBeGreaterThan(300);
    for (const l of languages) expect(l.coding?.[0]?.code).toMatch(/^[A-Z]\d{2}$/);
  });

  it('keep history: ended names, addresses and relationships with an end reason and period.end', () => {
    const endedNames = providers.flatMap((p) => p.practitioner.name ?? []).filter((n) => n.period?.end);
    const endedAddresses = [...providers.flatMap((p) => p.practitioner.address ?? []), ...orgs.flatMap((o) => o.organization.address ?? [])].filter((a) => a.period?.end);
    expect(orgs.some((o) => o.organization.address?.some((a) => a.period?.end))).toBe(true);
    const endedRoles = providers.flatMap((p) => p.roles).filter((r) => r.period?.end);
    for (const ended of [endedNames, endedAddresses, endedRoles]) {
      expect(ended.length).toBeGreaterThan(20);
      for (const e of ended) expect(ext(e, PLR_EXT.endReason)[0]?.valueCodeableConcept?.coding?.[0]?.code).toMatch(/^(CHG|CEASE)$/);
    }
  });
});

describe('organizations and facilities', () => {
  it('type organizations HDS, CLINIC, BUSINESS and ORG', () => {
    const types = new Set(orgs.map((o) => o.organization.type?.[0]?.coding?.[0]?.code));
    expect(types).toEqual(new Set(['HDS', 'CLINIC', 'BUSINESS', 'ORG']));
    expect(orgs.slice(0, 5).map((o) => o.organization.name)).toEqual(['Interior Health', 'Fraser Health', 'Vancouver Coastal Health', 'Island Health', 'Northern Health']);
  });

  it('place facilities inside BC with real health authority and HSDA names, an LHA and a CHSA', () => {
    const hsdas = new Set(Object.values(HSDA_NAMES));
    for (const f of facilities) {
      const { latitude, longitude } = f.location.position ?? { latitude: 0, longitude: 0 };
      expect(latitude).toBeGreaterThan(48.2);
      expect(latitude).toBeLessThan(60);
      expect(longitude).toBeGreaterThan(-139.1);
      expect(longitude).toBeLessThan(-114);
      const area = ext(f.location, PLR_EXT.serviceArea)[0];
      expect(['Interior', 'Fraser', 'Vancouver Coastal', 'Vancouver Island', 'Northern']).toContain(sub(area, PLR_EXT.healthAuthority)?.valueString);
      expect(hsdas.has(sub(area, PLR_EXT.hsda)?.valueString ?? '')).toBe(true);
      expect(sub(area, PLR_EXT.lha)?.valueString).toBeTruthy();
      expect(sub(sub(area, PLR_EXT.chsa), 'name')?.valueString).toBeTruthy();
      expect(f.location.physicalType?.coding?.[0]?.code).toBe('bu');
    }
  });

  it('keep former names of some organizations and facilities as ended aliases', () => {
    const renamed = [...orgs.map((o) => o.organization), ...facilities.map((f) => f.location)].filter((r) => r.alias);
    expect(renamed.length).toBeGreaterThan(10);
    for (const r of renamed) expect(r._alias?.[0]?.extension?.find((e) => e.url === PLR_EXT.period)?.valuePeriod?.end).toBeTruthy();
  });
});

describe('counts', () => {
  it('are told from the plans, as the rendered records have them (health counts without rendering them)', () => {
    const fresh = createPopulation({ seed: 3, referenceDate: '2026-01-01', sizes: { ...DEFAULT_POPULATION_SIZES, patients: 50 } });
    const counts = fresh.plrCounts!();
    const affiliations = orgs.reduce((n, o) => n + o.affiliations.length, 0);
    const relationships = providers.reduce((n, p) => n + p.roles.length - 1, 0) + affiliations;
    expect(counts).toEqual({ practitioners: providers.length, organizations: orgs.length, locations: facilities.length, relationships });
  });
});

describe('references', () => {
  const identifierOf = (ref: fhir.Reference | undefined): string => ref?.identifier?.value ?? '';

  it('resolve from every relationship PractitionerRole to a practitioner and exactly one organization or facility', () => {
    for (const p of providers) {
      for (const role of p.roles) expect(identifierOf(role.practitioner)).toBe(p.ipc);
      for (const role of p.roles.slice(1)) {
        const targets = [role.organization ? identifierOf(role.organization) : undefined, ...(role.location ?? []).map(identifierOf)].filter(Boolean);
        expect(targets).toHaveLength(1);
        const target = targets[0] ?? '';
        expect(target.startsWith('IPC') ? ipcs.has(target) : ifcs.has(target), target).toBe(true);
      }
    }
  });

  it('resolve from every affiliation to its organization and exactly one partner organization or facility', () => {
    for (const o of orgs) {
      for (const a of o.affiliations) {
        expect(identifierOf(a.organization)).toBe(o.ipc);
        const partner = a.participatingOrganization ? [identifierOf(a.participatingOrganization)] : [];
        const located = (a.location ?? []).map(identifierOf);
        expect(partner.length + located.length).toBe(1);
        for (const ipc of partner) expect(ipcs.has(ipc)).toBe(true);
        for (const ifc of located) expect(ifcs.has(ifc)).toBe(true);
      }
    }
  });

  it('attach clients to family physicians who exist in PLR', () => {
    const mds = new Set(providers.filter((p) => p.roles[0]?.code?.[0]?.coding?.[0]?.code === 'MD').map((p) => p.ipc));
    const attached = [...population.clients()].filter((c) => c.familyPhysicianIpc);
    expect(attached.length).toBeGreaterThan(30);
    for (const c of attached) expect(mds.has(c.familyPhysicianIpc ?? '')).toBe(true);
  });
});

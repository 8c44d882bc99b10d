// The registry holds the population's practitioners as plans and renders them on demand: it must answer exactly
// as a registry holding every rendered provider does, before and after records are maintained.
import { describe, expect, it } from 'vitest';
import { parseCriteria } from '../../src/plr/query/criteria.js';
import { entityBundle, relatedIds } from '../../src/plr/query/entity-bundles.js';
import { findMatches } from '../../src/plr/query/query-handler.js';
import { createRegistry, type Registry } from '../../src/plr/registry/registry.js';
import { createPopulation } from '../../src/population/index.js';
import type { Population } from '../../src/population/types.js';
import { openStore } from '../../src/store/index.js';

const options = { seed: 5, referenceDate: '2026-01-01', sizes: { patients: 50, practitioners: 600, organizations: 40, facilities: 60 } };
const now = Date.parse('2026-01-01T00:00:00Z');

/** The population without its plans: the registry falls back to holding every rendered provider. */
const rendered = (pop: Population): Population => ({ ...pop, plrPractitioners: undefined });
/** The population whose every render is counted, and whose whole provider list must never be asked for. */
function counted(pop: Population): { pop: Population; renders: () => number } {
  let n = 0;
  const source = pop.plrPractitioners!();
  const wrapped = { ...source, render: (i: number) => (n++, source.render(i)) };
  return { pop: { ...pop, plrPractitioners: () => wrapped, providers: (): never => { throw new Error('every practitioner rendered'); } }, renders: () => n };
}

const view = (registry: Registry) => ({ registry, now, timestamp: '2026-01-01T00:00:00Z', baseUrl: 'http://x', mode: 'current' as const });
const ids = (registry: Registry) => [...registry.practitioners()].map((p) => p.ipc);
const answer = (registry: Registry, id: string) => ({
  kind: registry.kindOf(id),
  bundle: JSON.stringify({ ...entityBundle(id, view(registry)), id: undefined }),
  related: relatedIds(id, registry, now),
  relationships: registry.relationshipsOf(id).map((r) => r.id),
});

async function pair(): Promise<{ compact: Registry; full: Registry; renders: () => number; pop: Population }> {
  const { pop, renders } = counted(createPopulation(options));
  const compact = createRegistry(pop, await openStore({ file: undefined, flushMs: 5 }));
  const full = createRegistry(rendered(createPopulation(options)), await openStore({ file: undefined, flushMs: 5 }));
  return { compact, full, renders, pop };
}

describe('the registry over practitioner plans', () => {
  it('answers every entity, relationship, count and index lookup as the fully rendered registry does', async () => {
    const { compact, full } = await pair();
    expect(ids(compact)).toEqual(ids(full));
    expect(compact.counts()).toEqual(full.counts());
    const every = [...ids(full), ...[...full.organizations()].map((o) => o.id!), ...[...full.locations()].map((l) => l.id!)];
    for (const id of every) expect(answer(compact, id)).toEqual(answer(full, id));
    for (const p of full.practitioners()) {
      for (const value of (p.practitioner.identifier ?? []).map((i) => i.value!)) {
        expect(compact.practitionersWithIdentifierValue(value).map((e) => e.ipc)).toEqual(full.practitionersWithIdentifierValue(value).map((e) => e.ipc));
      }
      for (const family of (p.practitioner.name ?? []).map((n) => n.family!)) {
        expect(compact.index().prefix('practitioner', 'name', family.slice(0, 2))).toEqual(full.index().prefix('practitioner', 'name', family.slice(0, 2)));
      }
    }
    for (const r of ['RELN.10001.PRS', 'RELN.10500.PRS', 'RELN.11000.PRS', 'RELN.99999.PRS']) expect(compact.relationship(r)).toEqual(full.relationship(r));
    for (const kind of ['ipc', 'cpn', 'reln', 'ifc'] as const) expect(compact.nextId(kind)).toBe(full.nextId(kind));
  });

  it('renders only the practitioners a lookup needs, never the whole population', async () => {
    const { compact, renders } = await pair();
    const ipc = compact.index().exact('practitioner', 'identifier', 'IPC.00100301.BC.PRS')[0]!;
    expect(compact.practitioner(ipc)?.ipc).toBe('IPC.00100301.BC.PRS');
    expect(compact.relationshipsOf(ipc).length).toBeGreaterThan(0);
    expect(renders()).toBe(1);
    expect(compact.counts().practitioners).toBe(600);
    expect(renders()).toBe(1);
  });

  it('keeps answering as the rendered registry once a practitioner and a population relationship are maintained', async () => {
    const { compact, full } = await pair();
    const victim = [...full.practitioners()][42]!;
    const moved = full.relationshipsOf(victim.ipc).find((r) => r.resourceType === 'PractitionerRole' && r.organization)!;
    const newOrg = [...full.organizations()].find((o) => o.id !== moved.organization!.identifier!.value)!.id!;
    for (const registry of [compact, full]) {
      const entry = structuredClone(victim);
      entry.practitioner.name = [{ family: 'Zzyzx', given: ['Renamed'] }];
      registry.putPractitioner(entry);
      registry.putRelationship({ ...structuredClone(moved), organization: { identifier: { system: moved.organization!.identifier!.system, value: newOrg } } } as typeof moved);
      registry.putPractitioner({ ...structuredClone(victim), ipc: 'IPC.00299000.BC.PRS', practitioner: { ...structuredClone(victim.practitioner), id: 'IPC.00299000.BC.PRS', identifier: [] } });
      registry.putOrganization({ ...structuredClone(registry.organization(newOrg)!), name: 'Renamed Clinic' });
    }
    for (const q of [{ 'organization-name': 'Renamed Clinic' }, { 'organization-name': 'renamed*', given: 'Renamed' }, { given: 'Renamed' }, { 'address-city': victim.practitioner.address![0]!.city! }]) {
      expect(findMatches('Practitioner', parseCriteria('Practitioner', q), { now, registry: compact })).toEqual(findMatches('Practitioner', parseCriteria('Practitioner', q), { now, registry: full }));
    }
    expect(findMatches('Practitioner', parseCriteria('Practitioner', { 'organization-name': 'Renamed Clinic' }), { now, registry: compact })).toContain(victim.ipc);
    expect(ids(compact)).toEqual(ids(full));
    expect(compact.counts()).toEqual(full.counts());
    expect(compact.index().exact('practitioner', 'name', 'zzyzx')).toEqual([victim.ipc]);
    for (const id of [victim.ipc, newOrg, moved.organization!.identifier!.value!, 'IPC.00299000.BC.PRS']) expect(answer(compact, id)).toEqual(answer(full, id));
  });

  it('finds by city, given name, gender, role, status, expertise and language exactly what a scan of every rendered record finds', async () => {
    const { compact, full, renders } = await pair();
    const queries: Record<string, string>[] = [];
    for (const p of [...full.practitioners()].filter((_, i) => i % 37 === 0)) {
      const pr = p.practitioner;
      const city = pr.address?.[0]?.city ?? 'VICTORIA';
      const given = pr.name?.[0]?.given?.[0] ?? 'A';
      const role = p.role.code?.[0]?.coding?.[0]?.code ?? 'RN';
      const expertise = (p.role.specialty ?? []).map((s) => s.coding?.[0]?.code).filter(Boolean).join(',');
      const language = (pr.communication ?? []).map((c) => c.coding?.[0]?.code).filter(Boolean).join(',');
      queries.push(
        { 'address-city': city }, { 'address-city': ` ${city.toLowerCase()} `, gender: pr.gender ?? 'female' },
        { given }, { given: `${given.slice(0, 2)}*`, withHistory: 'true' }, { role, status: 'active' }, { role, 'status-reason': 'PRAC', 'address-city': city },
        { gender: pr.gender ?? 'male', role }, { status: 'SUSPENDED' }, { 'status-reason': 'RET' }, { 'address-city': city, given },
      );
      if (expertise) queries.push({ expertise }, { expertise: `${expertise},ZZZ`, 'address-city': city });
      if (language) queries.push({ communication: language }, { communication: `${language.toLowerCase()}`, gender: 'female' });
    }
    for (const o of [...full.organizations()].filter((_, i) => i % 5 === 0)) queries.push({ 'organization-name': o.name! }, { 'organization-name': `${o.name!.slice(0, 4)}*`, gender: 'female' });
    const ctx = (registry: Registry) => ({ now, registry });
    for (const q of queries) expect([q, findMatches('Practitioner', parseCriteria('Practitioner', q), ctx(compact))]).toEqual([q, findMatches('Practitioner', parseCriteria('Practitioner', q), ctx(full))]);
    expect(renders()).toBeLessThan(600);
  });
});

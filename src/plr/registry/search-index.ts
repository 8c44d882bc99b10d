// Lookup indexes over the registry's entities: exact identifier values and name prefixes, kept current as
// records are put, so a query narrows to a few candidates instead of scanning every entity.
import type * as fhir from '../../fhir/types.js';
import type { EntityKind, PractitionerEntry } from './registry-model.js';

/** The indexed fields: identifier values (exact, case-insensitive) and names (exact or prefix). */
export type IndexedField = 'identifier' | 'name';

/** Candidate ids for a field value, in registry order; the caller still applies its full predicate. */
export interface SearchIndex {
  exact(kind: EntityKind, field: IndexedField, value: string): readonly string[];
  /** The same array for the same prefix until the next put: callers must not change it. */
  prefix(kind: EntityKind, field: IndexedField, prefix: string): readonly string[];
  putPractitioner(entry: PractitionerEntry): void;
  /** A practitioner by its keys alone (a population plan not rendered): identifier values and surnames. */
  putPractitionerKeys(ipc: string, identifiers: readonly string[], families: readonly string[]): void;
  putOrganization(org: fhir.Organization): void;
  putLocation(location: fhir.Location): void;
  /** How many distinct values of a field the index holds for a kind (what its memory grows with). */
  keyCount(kind: EntityKind, field: IndexedField): number;
  clear(): void;
}

type Keys = Record<IndexedField, string[]>;

/** Identifier values are compared lower-cased as given; names trimmed and lower-cased (as the query compares). */
const idKey = (v: string | undefined) => (v === undefined ? undefined : v.toLowerCase());
const nameKey = (v: string | undefined) => (v === undefined ? undefined : v.trim().toLowerCase());
const defined = (xs: (string | undefined)[]) => [...new Set(xs.filter((x): x is string => x !== undefined && x !== ''))];

/**
 * The memory a search index's remembered prefix answers may hold, estimated: 8 bytes an id, 2 a character of the
 * prefix (client input: a flood of distinct or long prefixes that match nothing must not pile up either), and
 * 64 for the entry itself.
 */
const PREFIX_MEMO_BYTES = 2 * 1024 * 1024;
const memoCost = (key: string, ids: readonly string[]) => 64 + 2 * key.length + 8 * ids.length;

export function createSearchIndex(): SearchIndex {
  const maps = new Map<string, Map<string, Set<string>>>();
  const keysOf = new Map<string, Keys>();
  /** Position of each id in registry order (first put wins, as in the registry's Maps), and the id at each position. */
  const order = new Map<string, number>();
  const idAt: string[] = [];
  const sortedNames = new Map<EntityKind, string[]>();
  /**
   * Prefix answers until the next put or clear: a wildcard surname asked again (`family=S*`, hundreds of
   * candidates put back in registry order) is one lookup. At most PREFIX_MEMO_BYTES in all, then it starts again.
   */
  const prefixes = new Map<string, readonly string[]>();
  let memoBytes = 0;
  const forget = () => {
    prefixes.clear();
    memoBytes = 0;
  };

  const mapOf = (kind: EntityKind, field: IndexedField) => {
    const name = `${kind}|${field}`;
    return maps.get(name) ?? maps.set(name, new Map()).get(name)!;
  };
  const put = (kind: EntityKind, id: string, keys: Keys) => {
    forget();
    if (!order.has(id)) {
      order.set(id, order.size);
      idAt.push(id);
    }
    const old = keysOf.get(id);
    for (const field of ['identifier', 'name'] as const) {
      const map = mapOf(kind, field);
      for (const k of old?.[field] ?? []) {
        if (keys[field].includes(k)) continue;
        const ids = map.get(k);
        // A key no record holds any more goes (renames and replaced aliases would otherwise pile up as empty keys).
        if (ids?.delete(id) && ids.size === 0) {
          map.delete(k);
          if (field === 'name') sortedNames.delete(kind);
        }
      }
      for (const k of keys[field]) {
        const ids = map.get(k);
        if (ids) ids.add(id);
        else {
          map.set(k, new Set([id]));
          if (field === 'name') sortedNames.delete(kind);
        }
      }
    }
    keysOf.set(id, keys);
  };
  /** Distinct ids in registry order: their positions sorted as numbers (a prefix like `s*` gives hundreds). */
  const inOrder = (ids: Iterable<string>) => {
    const positions: number[] = [];
    for (const id of ids) positions.push(order.get(id)!);
    const sorted = Int32Array.from(positions).sort();
    const out: string[] = [];
    for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) out.push(idAt[sorted[i]!]!);
    return out;
  };
  /** Distinct names of a kind, sorted, so a prefix is a binary search plus a short walk. */
  const namesOf = (kind: EntityKind) => {
    let names = sortedNames.get(kind);
    if (!names) sortedNames.set(kind, (names = [...mapOf(kind, 'name').keys()].sort()));
    return names;
  };

  return {
    exact: (kind, field, value) => inOrder(mapOf(kind, field).get(field === 'identifier' ? idKey(value)! : nameKey(value)!) ?? []),
    prefix(kind, field, prefix) {
      const p = nameKey(prefix)!;
      const memo = `${kind}|${field}|${p}`;
      const known = prefixes.get(memo);
      if (known) return known;
      const map = mapOf(kind, field);
      const names = field === 'name' ? namesOf(kind) : [...map.keys()].sort();
      let lo = 0;
      let hi = names.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (names[mid]! < p) lo = mid + 1;
        else hi = mid;
      }
      const ids: string[] = [];
      for (let i = lo; i < names.length && names[i]!.startsWith(p); i++) for (const id of map.get(names[i]!) ?? []) ids.push(id);
      const found = inOrder(ids);
      const cost = memoCost(memo, found);
      if (memoBytes + cost > PREFIX_MEMO_BYTES) forget();
      if (cost <= PREFIX_MEMO_BYTES) {
        prefixes.set(memo, found);
        memoBytes += cost;
      }
      return found;
    },
    putPractitioner: (e) =>
      put('practitioner', e.ipc, {
        identifier: defined([e.ipc, e.cpn, ...(e.practitioner.identifier ?? []).map((i) => i.value)].map(idKey)),
        name: defined((e.practitioner.name ?? []).map((n) => nameKey(n.family))),
      }),
    putPractitionerKeys: (ipc, identifiers, families) =>
      put('practitioner', ipc, { identifier: defined([ipc, ...identifiers].map(idKey)), name: defined(families.map(nameKey)) }),
    putOrganization: (o) =>
      put('organization', o.id!, { identifier: defined([o.id, ...(o.identifier ?? []).map((i) => i.value)].map(idKey)), name: defined([nameKey(o.name)]) }),
    putLocation: (l) =>
      put('location', l.id!, { identifier: defined([l.id, ...(l.identifier ?? []).map((i) => i.value)].map(idKey)), name: defined([l.name, ...(l.alias ?? [])].map(nameKey)) }),
    keyCount: (kind, field) => mapOf(kind, field).size,
    clear() {
      forget();
      maps.clear();
      keysOf.clear();
      order.clear();
      idAt.length = 0;
      sortedNames.clear();
    },
  };
}

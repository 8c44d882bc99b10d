// The population's practitioners as the registry sees them: compact plans, rendered on demand into a small LRU,
// with their relationships found by number (RELN ids follow plan order) instead of held as rendered resources.
import type { PractitionerSource } from '../../population/plr/practitioner-source.js';
import { createAttributeIndex, type AttributeField } from './attribute-index.js';
import type { Relationship } from './references.js';
import type { PractitionerEntry } from './registry-model.js';

interface Rendered {
  entry: PractitionerEntry;
  /** The provider's relationship PractitionerRoles (its own role excluded). */
  relationships: Relationship[];
}

export interface PopulationPractitioners {
  readonly count: number;
  /** The record index of a population IPC. */
  indexOf(ipc: string): number | undefined;
  ipcAt(index: number): string;
  cpnAt(index: number): string;
  at(index: number): Rendered;
  /** A population relationship by id, when a population practitioner holds it. */
  relationship(id: string): Relationship | undefined;
  /** Ids of population relationships whose far end (organization or facility) is `id`. */
  relationshipIdsAt(id: string): string[];
  /** The IPC of the population practitioner holding this relationship, without rendering it. */
  holderOf(id: string): string | undefined;
  /** Whether the id is one of the population practitioners' relationships. */
  isRelationship(id: string): boolean;
  /** Plan indexes (ascending) whose planned attribute equals the text, or starts with it. */
  withAttribute(field: AttributeField, text: string, prefix: boolean): number[];
  readonly relationshipCount: number;
  /** The highest relationship number held by population practitioners, as a RELN id's number, or 0. */
  readonly lastRelationshipNumber: number;
}

const RELN = /^RELN\.(\d+)\.PRS$/;
const OFFSET = 10_001;
const relnId = (n: number) => `RELN.${OFFSET + n}.PRS`;

/** One accepted value of a query attribute: equal to `text`, or starting with it. */
export interface AttributePattern {
  text: string;
  prefix: boolean;
}

type Keys = ReturnType<PractitionerSource['searchKeys']>;

/**
 * Keeps at most `cacheSize` rendered providers; indexes every relationship by its far end and every query attribute
 * from the plans, and hands each plan's identifier and surname keys to `onKeys` (the registry's search index).
 * A generator: it pauses after every `sliceSize` plans, so the caller can build in slices (see sliced.ts).
 */
export function* populationPractitionerSteps(source: PractitionerSource, onKeys: (ipc: string, keys: Keys) => void, sliceSize: number, cacheSize = 1024): Generator<void, PopulationPractitioners> {
  const cache = new Map<number, Rendered>();
  const atEnd = new Map<string, number[]>();
  const attributes = createAttributeIndex();
  for (let i = 0; i < source.count; i++) {
    if (i > 0 && i % sliceSize === 0) yield;
    const keys = source.searchKeys(i);
    onKeys(source.plan(i).ipc, keys);
    attributes.add(i, keys.attributes);
    const [first] = source.relationships(i);
    source.relationshipTargets(i).forEach((target, k) => {
      const list = atEnd.get(target);
      if (list) list.push(first + k);
      else atEnd.set(target, [first + k]);
    });
  }
  const [firstNumber] = source.count ? source.relationships(0) : [0];
  const [, endNumber] = source.count ? source.relationships(source.count - 1) : [0, 0];
  const numberOf = (id: string) => {
    const m = RELN.exec(id);
    return m ? Number(m[1]) - OFFSET : undefined;
  };

  const at = (index: number): Rendered => {
    const hit = cache.get(index);
    if (hit) {
      cache.delete(index);
      cache.set(index, hit);
      return hit;
    }
    const p = source.render(index);
    const role = p.roles.find((r) => r.id === p.ipc) ?? p.roles[0]!;
    const rendered = { entry: { ipc: p.ipc, cpn: p.cpn, practitioner: p.practitioner, role }, relationships: p.roles.filter((r) => r !== role && r.id) };
    if (cache.size >= cacheSize) cache.delete(cache.keys().next().value!);
    cache.set(index, rendered);
    return rendered;
  };

  return {
    count: source.count,
    indexOf: source.indexOf,
    ipcAt: (i) => source.plan(i).ipc,
    cpnAt: (i) => source.plan(i).cpn,
    at,
    relationship(id) {
      const n = numberOf(id);
      const owner = n === undefined ? undefined : source.ownerOf(n);
      return owner === undefined ? undefined : at(owner).relationships.find((r) => r.id === id);
    },
    withAttribute: attributes.lookup,
    relationshipIdsAt: (id) => (atEnd.get(id) ?? []).map(relnId),
    holderOf(id) {
      const n = numberOf(id);
      const owner = n === undefined ? undefined : source.ownerOf(n);
      return owner === undefined ? undefined : source.plan(owner).ipc;
    },
    isRelationship(id) {
      const n = numberOf(id);
      return n !== undefined && source.ownerOf(n) !== undefined;
    },
    relationshipCount: endNumber - firstNumber,
    lastRelationshipNumber: endNumber > firstNumber ? OFFSET + endNumber - 1 : 0,
  };
}

/**
 * Candidate IPCs for a query attribute, in registry order: the population's by plan (a maintained one's plan may
 * be stale, so every held record is a candidate too: the matcher decides), then the created ones.
 */
export function attributeCandidates(planned: PopulationPractitioners, held: Iterable<string>, field: AttributeField, patterns: readonly AttributePattern[]): string[] {
  const indexes = new Set(patterns.flatMap((p) => planned.withAttribute(field, p.text, p.prefix)));
  const created: string[] = [];
  for (const ipc of held) {
    const i = planned.indexOf(ipc);
    if (i === undefined) created.push(ipc);
    else indexes.add(i);
  }
  return [...[...indexes].sort((a, b) => a - b).map(planned.ipcAt), ...created];
}

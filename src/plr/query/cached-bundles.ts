// An entity's collection Bundle with its entries serialized once per registry version and clock window, kept in
// the answer cache. What the entries show depends on the registry (its change counter) and on which attributes
// and relationships have ended at `now`; the Bundle around them (id, meta.lastUpdated, timestamp) is made afresh.
import type { AnswerCache, RawJsonWriter } from '../../fhir/index.js';
import type * as fhir from '../../fhir/types.js';
import type { Registry } from '../registry/registry.js';
import { entityBundle, entityShell, type BundleView } from './entity-bundles.js';

/** The Bundle of entityBundle, byte for byte once serialized by `writer`, its `entry` cached JSON. */
export function cachedEntityBundle(id: string, view: BundleView, cache: AnswerCache, writer: RawJsonWriter): fhir.Bundle | undefined {
  const kind = view.registry.kindOf(id);
  if (!kind) return undefined;
  const key = `plr:${view.mode}:${view.baseUrl}:${id}`;
  const version = view.registry.version();
  const hit = cache.get(key, version, view.now);
  if (hit) return withEntries(entityShell(kind, view), writer.raw(hit.text));
  const built = entityBundle(id, view)!;
  // Bytes: the answers they go into are mostly past the size sent as text (a 20-hit answer is ~200 KB).
  const text = Buffer.from(JSON.stringify(built.entry ?? []));
  // An entry without a server fullUrl gets a fresh urn:uuid in every answer: such a Bundle is never kept.
  if ((built.entry ?? []).every((e) => e.fullUrl && !e.fullUrl.startsWith('urn:'))) {
    cache.set(key, { text, version, ...clockWindow(id, view.registry, view.now) });
  }
  return withEntries(built, writer.raw(text));
}

function withEntries(bundle: fhir.Bundle, entries: unknown): fhir.Bundle {
  bundle.entry = entries as never;
  return bundle;
}

/**
 * The instants around `now` between which nothing the entity's Bundle shows ends or comes back: every `end` of a
 * period in its records and relationships (a superset of what isCurrent judges, read the way it reads them).
 */
export function clockWindow(id: string, registry: Registry, now: number): { from: number; until: number } {
  let from = -Infinity;
  let until = Infinity;
  const visit = (value: unknown): void => {
    if (typeof value !== 'object' || value === null) return;
    if (Array.isArray(value)) {
      for (const v of value) visit(v);
      return;
    }
    for (const [k, v] of Object.entries(value)) {
      if (k === 'end' && typeof v === 'string') {
        const at = Date.parse(v.length === 10 ? `${v}T00:00:00Z` : v);
        if (Number.isNaN(at)) continue;
        if (at <= now) from = Math.max(from, at);
        else until = Math.min(until, at);
      } else visit(v);
    }
  };
  const kind = registry.kindOf(id);
  if (kind === 'practitioner') visit(registry.practitioner(id));
  else if (kind === 'organization') visit(registry.organization(id));
  else if (kind === 'location') visit(registry.location(id));
  visit(registry.relationshipsOf(id));
  return { from, until };
}

// Distributions: one message per changed entity to each subscriber, targets first, through the delivery engine.
import type { AppDeps } from '../../app-deps.js';
import type * as fhir from '../../fhir/types.js';
import { removeOldestBeyond } from '../../store/index.js';
import { entityBundle } from '../query/entity-bundles.js';
import type { EntityKind, Registry } from '../registry/registry.js';
import { FHIR_PATH, profile } from '../vocabulary.js';
import { createSubscriptions, type PlrSubscription } from './subscriptions.js';

/** Why entities changed: a maintain, a batch entry, or a registry-side change (trainer, scenario). */
export interface ChangeCause {
  kind: 'maintain' | 'batch' | 'registry';
  partner?: string;
  messageId?: string;
  description?: string;
}

/** One entry of the change log (`GET /admin/plr/changes`). */
export interface ChangeRecord {
  id: string;
  seq: number;
  at: string;
  cause: ChangeCause;
  entities: string[];
  deliveries: string[];
}

export interface Distributor {
  subscriptions(): PlrSubscription[];
  subscribe(s: PlrSubscription): PlrSubscription;
  unsubscribe(id: string): boolean;
  /** Records the change and enqueues its distributions; returns the change record. */
  changed(ids: readonly string[], cause: ChangeCause): ChangeRecord;
  changes(): ChangeRecord[];
}

const CHANGES = 'plr.changes';
const CHANGE_SEQ = 'plr.change-seq';
/** Targets before the records that point at them: facilities, then organizations, then practitioners. */
const ORDER: Record<EntityKind, number> = { location: 0, organization: 1, practitioner: 2 };
const TYPE: Record<EntityKind, string> = { location: 'Location', organization: 'Organization', practitioner: 'Practitioner' };

export function createDistributor(deps: AppDeps, registry: Registry): Distributor {
  const subs = createSubscriptions(deps.store);
  /** A counter kept in the store (so reset and restore carry it); a file without one is scanned once. */
  const nextSeq = () => {
    let last = deps.store.view<{ seq: number }>(CHANGE_SEQ, 'last')?.seq;
    if (last === undefined) {
      last = 0;
      for (const c of deps.store.values<ChangeRecord>(CHANGES)) last = Math.max(last, c.seq);
    }
    deps.store.put(CHANGE_SEQ, 'last', { seq: last + 1 });
    return last + 1;
  };

  function message(id: string, sub: PlrSubscription, seq: number, n: number) {
    const kind = registry.kindOf(id)!;
    const baseUrl = `${deps.config.baseUrl}/plr${FHIR_PATH}`;
    const content = entityBundle(id, { registry, now: deps.clock.now(), timestamp: deps.clock.iso(), baseUrl, mode: 'full' })!;
    const messageId = `${seq}.${n}`;
    if (sub.form === 'distribution') {
      const body: fhir.Parameters = {
        resourceType: 'Parameters',
        id: `distribution-${messageId}`,
        parameter: [
          { name: 'messageId', valueString: messageId },
          { name: 'messageTime', valueDateTime: deps.clock.iso() },
          { name: 'distribution', resource: content },
        ],
      };
      return { method: 'POST' as const, body, messageId };
    }
    const body: fhir.Bundle = {
      resourceType: 'Bundle',
      id: messageId,
      meta: { lastUpdated: deps.clock.iso(), profile: [profile(`bc-${kind}-bundle`)] },
      type: 'transaction',
      timestamp: deps.clock.iso(),
      entry: (content.entry ?? []).map((e) => ({
        fullUrl: e.fullUrl,
        resource: e.resource,
        request: { method: 'PUT' as const, url: `${e.resource!.resourceType}/${e.resource!.id}` },
      })),
    };
    return { method: 'PUT' as const, body, messageId, type: TYPE[kind] };
  }

  return {
    subscriptions: () => subs.list(),
    subscribe: (s) => subs.add(s),
    unsubscribe: (id) => subs.remove(id),
    changed(ids, cause) {
      const seq = nextSeq();
      const entities = [...new Set(ids)].filter((id) => registry.kindOf(id)).sort((a, b) => ORDER[registry.kindOf(a)!] - ORDER[registry.kindOf(b)!]);
      const deliveries: string[] = [];
      for (const sub of subs.list()) {
        entities.forEach((id, n) => {
          const m = message(id, sub, seq, n + 1);
          const queued = deps.delivery.enqueue({
            channel: 'plr',
            partner: sub.partner,
            url: sub.url,
            method: m.method,
            body: JSON.stringify(m.body),
            contentType: 'application/fhir+json',
            headers: { accept: 'application/fhir+json' },
            correlation: { plr: id, plrMessage: m.messageId, subscription: sub.id },
            auth: sub.auth,
            id: `plr-distribution-${m.messageId}-${sub.id.slice(0, 8)}`,
          });
          deliveries.push(queued.id);
        });
      }
      const record: ChangeRecord = { id: String(seq), seq, at: deps.clock.iso(), cause, entities, deliveries };
      deps.store.put(CHANGES, record.id, record);
      // The change log keeps the newest `bounds.plrChanges` records (sequence numbers come from the counter, never reused).
      removeOldestBeyond<ChangeRecord>(deps.store, CHANGES, deps.config.bounds.plrChanges, { keyOf: (c) => c.id });
      return record;
    },
    changes: () => deps.store.list<ChangeRecord>(CHANGES).sort((a, b) => a.seq - b.seq),
  };
}

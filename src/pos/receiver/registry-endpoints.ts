// The reference POS's registry endpoints: PLR distributions, HCIM notifications and HCIM .Async results land here.
import express from 'express';
import type { AppDeps } from '../../app-deps.js';
import { invalid } from '../../fhir/errors.js';
import { COLLECTIONS, REGISTRY_MESSAGE_BYTES } from './model.js';
import { wrongBehaviours } from './wrong.js';

/** A message a registry sent to the POS, as it keeps it. */
export interface RegistryMessage {
  id: string;
  /** Arrival order (the clock may not move between messages). */
  seq: number;
  kind: 'plr-distribution' | 'hcim-notification' | 'hcim-callback';
  at: string;
  method: string;
  path: string;
  resourceType: string;
  body: unknown;
  /** The body's size as received (bytes), for the byte bound. */
  bytes?: number;
}

/**
 * `PUT|POST /plr/distribution[/...]` (the PLR IG specification page's PUT of a transaction Bundle, or the IG's `$distribution`),
 * `POST /hcim/notification`, `POST /hcim/callback/Patient/$<Operation>` (the `.Async` call-back base is
 * `/pos/receiver/hcim/callback`), and `GET /registry-messages`.
 */
/** The last sequence number given (a counter: messages beyond the bound are dropped, numbers are never reused). */
const SEQ = 'pos.receiver.counters';

/** Drops the oldest messages beyond `keep`, and beyond `maxBytes` of bodies (the newest is always kept). */
function keepNewest(store: AppDeps['store'], collection: string, keep: number, maxBytes: number): void {
  let count = store.count(collection);
  let bytes = 0;
  for (const m of store.values<RegistryMessage>(collection)) bytes += m.bytes ?? 0;
  const victims: string[] = [];
  for (const m of store.values<RegistryMessage>(collection)) {
    if (count <= 1 || (count <= keep && bytes <= maxBytes)) break;
    victims.push(m.id);
    count -= 1;
    bytes -= m.bytes ?? 0;
  }
  for (const id of victims) store.remove(collection, id);
}

export function createRegistryEndpoints(deps: AppDeps, maxBytes = REGISTRY_MESSAGE_BYTES): express.Router {
  const { store, clock } = deps;
  const router = express.Router();
  const keep = (kind: RegistryMessage['kind']) => (req: express.Request, res: express.Response) => {
    if (wrongBehaviours(store).includes('answer-500')) return void res.status(500).json({ resourceType: 'OperationOutcome', issue: [{ severity: 'fatal', code: 'exception', diagnostics: 'wrong receiver: answer-500' }] });
    const body = req.body as { resourceType?: string } | undefined;
    if (!body?.resourceType) throw invalid(`a ${kind} must be a FHIR resource`);
    const seq = (store.view<{ seq: number }>(SEQ, 'registry')?.seq ?? 0) + 1;
    store.put(SEQ, 'registry', { seq });
    const id = `${kind}-${seq}`;
    const raw = (req as { rawBody?: Buffer }).rawBody;
    const bytes = raw ? raw.length : Buffer.byteLength(JSON.stringify(body));
    store.put<RegistryMessage>(COLLECTIONS.registry, id, { id, seq, kind, at: clock.iso(), method: req.method, path: req.path, resourceType: body.resourceType, body, bytes });
    keepNewest(store, COLLECTIONS.registry, deps.config.bounds.receiverMessages, maxBytes);
    res.status(200).json({ resourceType: 'OperationOutcome', issue: [{ severity: 'information', code: 'informational', diagnostics: `${kind} received` }] });
  };
  router.put('/plr/distribution{/*rest}', keep('plr-distribution'));
  router.post('/plr/distribution{/*rest}', keep('plr-distribution'));
  router.post('/hcim/notification', keep('hcim-notification'));
  router.post('/hcim/callback/Patient/:operation', keep('hcim-callback'));
  router.get('/registry-messages', (_req, res) => void res.json(store.list<RegistryMessage>(COLLECTIONS.registry).sort((a, b) => a.seq - b.seq)));
  return router;
}

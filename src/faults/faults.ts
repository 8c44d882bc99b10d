// Named fault seams: the one place a simulated failure can fire (faults.check at a declared seam).
import { randomUUID } from 'node:crypto';
import type { Store } from '../store/index.js';

/** What an armed fault does when its seam is checked. */
export type FaultEffect =
  | { kind: 'status'; status: number; body?: string; contentType?: string }
  | { kind: 'latency'; ms: number }
  | { kind: 'drop' }
  | { kind: 'malformed'; body?: string };

export interface FaultRule {
  id: string;
  seam: string;
  effect: FaultEffect;
  /** Remaining firings; undefined = until cleared. */
  remaining?: number;
  /** Only requests of this partner trigger it. */
  partner?: string;
  fired: number;
  createdAt: string;
}

export interface ArmFaultInput {
  seam: string;
  effect: FaultEffect;
  /** 1 = once, N = N times; omit for until cleared. */
  times?: number;
  partner?: string;
}

export interface SeamDeclaration {
  seam: string;
  description: string;
}

export interface Faults {
  /** Declares a seam (systems do this once, at creation). */
  declare(...seams: SeamDeclaration[]): void;
  seams(): SeamDeclaration[];
  arm(input: ArmFaultInput, now: string): FaultRule;
  list(): FaultRule[];
  /** Clears one rule, or every rule when no id is given. Returns how many were cleared. */
  clear(id?: string): number;
  /** Returns the effect to apply at this seam for this partner, consuming one firing. */
  check(seam: string, ctx?: { partner?: string }): FaultEffect | undefined;
}

const COLLECTION = 'faults';

/** Builds the fault registry; armed rules live in the store so snapshots carry them. */
export function createFaults(store: Store): Faults {
  const declared = new Map<string, string>();
  return {
    declare(...seams) {
      for (const s of seams) declared.set(s.seam, s.description);
    },
    seams: () => [...declared].map(([seam, description]) => ({ seam, description })).sort((a, b) => a.seam.localeCompare(b.seam)),
    arm(input, now) {
      assertFaultInput(input, declared);
      const rule: FaultRule = { id: randomUUID(), seam: input.seam, effect: input.effect, fired: 0, createdAt: now };
      if (input.times !== undefined) rule.remaining = input.times;
      if (input.partner) rule.partner = input.partner;
      return store.put(COLLECTION, rule.id, rule);
    },
    list: () => store.list<FaultRule>(COLLECTION).sort((a, b) => a.createdAt.localeCompare(b.createdAt)),
    clear(id) {
      if (id) return store.remove(COLLECTION, id) ? 1 : 0;
      const all = store.list<FaultRule>(COLLECTION);
      for (const r of all) store.remove(COLLECTION, r.id);
      return all.length;
    },
    check(seam, ctx = {}) {
      const rule = store
        .list<FaultRule>(COLLECTION)
        .sort((a, b) => a.createdAt.localeCompare(b.createdAt))
        .find((r) => r.seam === seam && (!r.partner || r.partner === ctx.partner));
      if (!rule) return undefined;
      rule.fired += 1;
      if (rule.remaining !== undefined) rule.remaining -= 1;
      if (rule.remaining !== undefined && rule.remaining <= 0) store.remove(COLLECTION, rule.id);
      else store.put(COLLECTION, rule.id, rule);
      return rule.effect;
    },
  };
}

/** Validates an arm request; throws an Error whose message says what to fix. */
export function assertFaultInput(input: ArmFaultInput, declared: Map<string, string>): void {
  if (!input || typeof input.seam !== 'string') throw new FaultInputError('"seam" is required');
  if (!declared.has(input.seam)) {
    throw new FaultInputError(`unknown seam "${input.seam}"; GET /admin/faults/seams lists the seams: ${[...declared.keys()].join(', ')}`);
  }
  const e = input.effect as FaultEffect | undefined;
  if (!e || typeof e !== 'object') throw new FaultInputError('"effect" is required: {kind: status|latency|drop|malformed, ...}');
  if (e.kind === 'status' && !(Number.isInteger(e.status) && e.status >= 100 && e.status <= 599)) {
    throw new FaultInputError('a status fault needs "status" between 100 and 599');
  } else if (e.kind === 'latency' && !(typeof e.ms === 'number' && e.ms >= 0 && e.ms <= 120_000)) {
    throw new FaultInputError('a latency fault needs "ms" between 0 and 120000');
  } else if (!['status', 'latency', 'drop', 'malformed'].includes(e.kind)) {
    throw new FaultInputError(`effect.kind must be status, latency, drop or malformed, not "${String(e.kind)}"`);
  }
  if (input.times !== undefined && !(Number.isInteger(input.times) && input.times > 0)) {
    throw new FaultInputError('"times" must be a whole number above 0 (omit it for until cleared)');
  }
}

export class FaultInputError extends Error {}

// Deliberately wrong receiver behaviours, so QA can prove their scenarios catch a broken POS (issue 8's acceptance).
import { invalid } from '../../fhir/errors.js';
import type { Store } from '../../store/index.js';
import { COLLECTIONS, type ReceiverAction } from './model.js';

/**
 * - `answer-500`: every message (Ocean webhook, PLR distribution, HCIM notification) gets HTTP 500; the challenge still works.
 * - `unhonoured-status`: every Task status goes out as `entered-in-error`, which Ocean does not honour (a receiver cannot withdraw a referral).
 * - `skip-appointment`: appointments are booked locally but never sent to Ocean.
 */
export type WrongBehaviour = 'answer-500' | 'unhonoured-status' | 'skip-appointment';
export const WRONG_BEHAVIOURS: readonly WrongBehaviour[] = ['answer-500', 'unhonoured-status', 'skip-appointment'];

const KEY = 'wrong';

/** The behaviours switched on (none by default). */
export function wrongBehaviours(store: Store): WrongBehaviour[] {
  return store.get<{ behaviours: WrongBehaviour[] }>(COLLECTIONS.policy, KEY)?.behaviours ?? [];
}

/** Validates `{behaviours: [...]}` and stores it; an empty list makes the receiver right again. */
export function setWrongBehaviours(store: Store, body: unknown): WrongBehaviour[] {
  const list = (body as { behaviours?: unknown } | undefined)?.behaviours;
  if (!Array.isArray(list) || list.some((b) => !WRONG_BEHAVIOURS.includes(b as WrongBehaviour))) {
    throw invalid(`send {"behaviours": [...]} with any of ${WRONG_BEHAVIOURS.join(', ')} (or [] to behave again)`);
  }
  return store.put(COLLECTIONS.policy, KEY, { behaviours: [...new Set(list as WrongBehaviour[])] }).behaviours;
}

/** The action as the wrong receiver would send it, or undefined when it would not send it at all. */
export function misbehave(action: ReceiverAction, wrong: readonly WrongBehaviour[]): ReceiverAction | undefined {
  if (action.type === 'appointment' && wrong.includes('skip-appointment')) return undefined;
  if (action.type === 'status' && wrong.includes('unhonoured-status')) return { ...action, status: 'entered-in-error' };
  return action;
}

// Patient change notifications: one Bundle per event to every subscriber, through the delivery engine.
import { randomUUID } from 'node:crypto';
import type { Clock } from '../../clock/index.js';
import type { Delivery } from '../../delivery/index.js';
import type * as fhir from '../../fhir/types.js';
import type { Store } from '../../store/index.js';
import { CODE_SYSTEMS, PROFILES } from '../identifiers.js';
import { COLLECTIONS } from '../registry/store-keys.js';

/** bc-client-registry-patient-change-notification-events (the codes this sandbox raises). */
export type ChangeEvent = 'NEW' | 'NEWBORN' | 'COMPOSITE' | 'DEATH' | 'PHNMERGE' | 'EID';

/** A partner's rest-hook subscription (HCIMPatientChangeSubscription). */
export interface HcimSubscription {
  id: string;
  partner: string;
  endpoint: string;
  /** Extra headers sent with each notification (e.g. Authorization). */
  headers: Record<string, string>;
  /** Events wanted; empty = all. */
  events: ChangeEvent[];
  createdAt: string;
}

export interface Notifier {
  notify(event: ChangeEvent, patient: fhir.Patient, phn: string): number;
}

/**
 * The notification body: a collection Bundle (bc-subscription-notification-bundle) of Parameters
 * (messageId, messageDateTime, eventType) and the full Patient. See: https://bcgov.github.io/MOH-HCIM-FHIR/ distributions.md
 */
export function notificationBundle(event: ChangeEvent, patient: fhir.Patient, at: string, messageId: string = randomUUID()): fhir.Bundle {
  const params: fhir.Parameters = {
    resourceType: 'Parameters',
    parameter: [
      { name: 'messageId', valueString: messageId },
      { name: 'messageDateTime', valueDateTime: at },
      { name: 'eventType', valueCoding: { system: CODE_SYSTEMS.events, code: event } },
    ],
  };
  return {
    resourceType: 'Bundle',
    id: messageId,
    meta: { lastUpdated: at, profile: [PROFILES.notification] },
    type: 'collection',
    timestamp: at,
    entry: [
      { fullUrl: `urn:uuid:${randomUUID()}`, resource: params },
      { fullUrl: `urn:uuid:${randomUUID()}`, resource: patient },
    ],
  };
}

export function createNotifier(deps: { store: Store; delivery: Delivery; clock: Clock }): Notifier {
  return {
    notify(event, patient, phn) {
      const subs = deps.store.list<HcimSubscription>(COLLECTIONS.subscriptions).filter((s) => s.events.length === 0 || s.events.includes(event));
      for (const s of subs) {
        const messageId = randomUUID();
        const bundle = notificationBundle(event, patient, deps.clock.iso(), messageId);
        deps.delivery.enqueue({
          channel: 'hcim',
          partner: s.partner,
          url: s.endpoint,
          method: 'POST',
          body: JSON.stringify(bundle),
          contentType: 'application/fhir+json',
          headers: s.headers,
          correlation: { phn, message: messageId, event },
          id: messageId,
        });
      }
      return subs.length;
    },
  };
}

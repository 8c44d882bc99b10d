// Patient change notifications: one Bundle per event to every subscriber, through the delivery engine.
import { randomUUID } from 'node:crypto';
import type { Clock } from '../../clock/index.js';
import type { Delivery } from '../../delivery/index.js';
import type * as fhir from '../../fhir/types.js';
import type { Store } from '../../store/index.js';
import { CODE_SYSTEMS, PROFILES } from '../identifiers.js';
import type { Person } from '../registry/person.js';
import { COLLECTIONS } from '../registry/store-keys.js';
import { DISTRIBUTION_INTERACTION } from '../soap/person-revised-distribution.js';

/** bc-client-registry-patient-change-notification-events (the codes this sandbox raises). */
export type ChangeEvent = 'NEW' | 'NEWBORN' | 'COMPOSITE' | 'DEATH' | 'PHNMERGE' | 'EID';

/** How a subscriber takes notifications: the FHIR notification Bundle, or HL7v3 HCIM_IN_PersonRevisedDistribution. */
export type NotificationFormat = 'fhir' | 'hl7v3';
export const NOTIFICATION_FORMATS: readonly NotificationFormat[] = ['fhir', 'hl7v3'];

/** A partner's rest-hook subscription (HCIMPatientChangeSubscription), or an HL7v3 distribution endpoint. */
export interface HcimSubscription {
  id: string;
  partner: string;
  endpoint: string;
  /** Extra headers sent with each notification (e.g. Authorization). */
  headers: Record<string, string>;
  /** Events wanted; empty = all. */
  events: ChangeEvent[];
  /** Absent on subscriptions made before HL7v3 distributions existed: FHIR. */
  format?: NotificationFormat;
  createdAt: string;
}

export interface Notifier {
  /** Sends the event about the person to every subscriber that wants it; answers how many. */
  notify(event: ChangeEvent, person: Person): number;
}

/** The two renderings of a person a notification can carry. */
export interface NotificationViews {
  patient(person: Person): fhir.Patient;
  distribution(event: ChangeEvent, person: Person, partner: string, at: string): string;
}

/**
 * The notification body: a collection Bundle (bc-subscription-notification-bundle) of Parameters
 * (messageId, messageDateTime, eventType) and the full Patient. `eventType` is a CodeableConcept, as in the IG's 2025
 * distribution example (`input/fsh/examples/generated/Distribution/NEW.fsh`).
 * See: https://bcgov.github.io/MOH-HCIM-FHIR/ distributions.md, https://github.com/bcgov/MOH-HCIM-FHIR
 */
export function notificationBundle(event: ChangeEvent, patient: fhir.Patient, at: string, messageId: string = randomUUID()): fhir.Bundle {
  const params: fhir.Parameters = {
    resourceType: 'Parameters',
    parameter: [
      { name: 'messageId', valueString: messageId },
      { name: 'messageDateTime', valueDateTime: at },
      { name: 'eventType', valueCodeableConcept: { coding: [{ system: CODE_SYSTEMS.events, code: event }] } },
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

export function createNotifier(deps: { store: Store; delivery: Delivery; clock: Clock }, views: NotificationViews): Notifier {
  return {
    notify(event, person) {
      const subs = deps.store.list<HcimSubscription>(COLLECTIONS.subscriptions).filter((s) => s.events.length === 0 || s.events.includes(event));
      const at = deps.clock.iso();
      for (const s of subs) {
        const messageId = randomUUID();
        const v3 = s.format === 'hl7v3';
        deps.delivery.enqueue({
          channel: 'hcim',
          partner: s.partner,
          url: s.endpoint,
          method: 'POST',
          body: v3 ? views.distribution(event, person, s.partner, at) : JSON.stringify(notificationBundle(event, views.patient(person), at, messageId)),
          contentType: v3 ? 'text/xml; charset=utf-8' : 'application/fhir+json',
          headers: v3 ? { ...s.headers, SOAPAction: DISTRIBUTION_INTERACTION } : s.headers,
          correlation: { phn: person.phn, message: messageId, event },
          id: messageId,
        });
      }
      return subs.length;
    },
  };
}

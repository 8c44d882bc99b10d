// The FHIR message Bundles the receiving POS posts to Ocean (status Task, Appointment, Communication, correction).
import { randomUUID } from 'node:crypto';
import type * as fhir from '../../fhir/types.js';
import type { ReceivedReferral, ReceiverAction } from './model.js';

const EVENT_SYSTEM = 'https://ehealthontario.ca/fhir/CodeSystem/message-event-code';
const REFERRAL_EXT = 'http://ehealthontario.ca/fhir/StructureDefinition/ext-referral-identifier';

/** The event code an action is sent with (Ocean's v0.11 codes; see docs/ocean.md#event-codes). */
export function eventOf(action: ReceiverAction): string {
  if (action.type === 'status') return action.event ?? 'notify-update-process-request';
  if (action.type === 'appointment') return action.event ?? 'notify-add-appointment';
  if (action.type === 'communication') return 'send-communication-from-provider';
  return 'notify-data-correction';
}

/**
 * Builds the message for one action: MessageHeader (referral ref in ext-referral-identifier, sender =
 * the receiving site's PractitionerRole), the focus resource, and the ServiceRequest it is based on.
 */
export function buildActionMessage(r: ReceivedReferral, action: ReceiverAction, now: string, endpoints: { self: string; ocean: string }): fhir.Bundle {
  const urn = () => `urn:uuid:${randomUUID()}`;
  const srUrl = urn();
  const roleUrl = urn();
  const focusUrl = urn();
  const serviceRequest: fhir.ServiceRequest = { resourceType: 'ServiceRequest', identifier: [{ system: r.refSystem, value: r.ref }], status: 'active', intent: 'proposal', subject: { display: r.patientName } };
  const role: fhir.PractitionerRole = { resourceType: 'PractitionerRole', identifier: r.siteNum && r.siteSystem ? [{ system: r.siteSystem, value: r.siteNum }] : [] };
  const based = [{ reference: srUrl }];
  let focus: fhir.FhirResource;
  if (action.type === 'status') {
    focus = { resourceType: 'Task', status: action.status as fhir.Task['status'], intent: 'order', basedOn: based, code: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-TaskOutcome', code: 'process-request' }] }, ...(action.reason ? { statusReason: { text: action.reason } } : {}), authoredOn: now, lastModified: now } as fhir.Task;
  } else if (action.type === 'appointment') {
    const start = action.start ?? new Date(Date.parse(now) + 7 * 86_400_000).toISOString();
    const minutes = action.minutes ?? 30;
    focus = {
      resourceType: 'Appointment',
      status: action.participantStatus === 'tentative' ? 'pending' : 'booked',
      appointmentType: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0276', code: 'ROUTINE' }] },
      description: 'Consultation',
      start,
      end: new Date(Date.parse(start) + minutes * 60_000).toISOString(),
      minutesDuration: minutes,
      basedOn: based,
      participant: [{ actor: { display: r.patientName }, required: 'required', status: action.participantStatus ?? 'accepted' }],
      ...(action.instructions ? { patientInstruction: action.instructions } : {}),
    } as fhir.Appointment;
  } else if (action.type === 'communication') {
    focus = { resourceType: 'Communication', status: 'completed', basedOn: based, sent: now, payload: [{ contentString: action.text }], sender: { reference: roleUrl } } as fhir.Communication;
  } else {
    focus = { ...serviceRequest, category: [{ text: action.categoryText }] } as fhir.ServiceRequest;
  }
  const header: fhir.MessageHeader = {
    resourceType: 'MessageHeader',
    id: randomUUID(),
    extension: [{ url: REFERRAL_EXT, valueIdentifier: { system: r.refSystem, value: r.ref } }],
    eventCoding: { system: EVENT_SYSTEM, code: eventOf(action) },
    destination: [{ name: 'Ocean', endpoint: endpoints.ocean }],
    sender: { reference: roleUrl },
    source: { name: 'hie-sandbox reference POS (receiver)', endpoint: endpoints.self },
    focus: [{ reference: action.type === 'correction' ? srUrl : focusUrl }],
  };
  const entries: fhir.BundleEntry[] = [{ fullUrl: `urn:uuid:${header.id}`, resource: header }, { fullUrl: roleUrl, resource: role }];
  if (action.type !== 'correction') entries.push({ fullUrl: focusUrl, resource: focus });
  entries.push({ fullUrl: srUrl, resource: action.type === 'correction' ? focus : serviceRequest });
  return { resourceType: 'Bundle', id: randomUUID(), type: 'message', timestamp: now, entry: entries };
}

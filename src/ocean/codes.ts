// Ocean's one code table: event codes and their aliases, Task.status -> folder rules, folders, profiles, systems.

/** See: docs/ocean.md#event-codes. Events are matched on `code`; the system is checked and a mismatch is a warning. */
export const EVENT_SYSTEM = 'https://ehealthontario.ca/fhir/CodeSystem/message-event-code';

/** What an inbound event does once its referral is found. */
export type InboundAction = 'task-status' | 'appointment' | 'communication' | 'data-correction';

/**
 * Events a POS may post to `$process-messages`, with the legacy aliases Ocean still accepts. All come from the current
 * receiver: Ocean takes no event message from the sending POS (docs/ocean.md#event-codes).
 */
export const INBOUND_EVENTS: Readonly<Record<string, { action: InboundAction; canonical: string; legacy?: true }>> = {
  'notify-add-process-request': { action: 'task-status', canonical: 'notify-add-process-request' },
  'notify-update-process-request': { action: 'task-status', canonical: 'notify-update-process-request' },
  'notify-update-status': { action: 'task-status', canonical: 'notify-update-process-request', legacy: true },
  'notify-add-appointment': { action: 'appointment', canonical: 'notify-add-appointment' },
  'notify-update-appointment': { action: 'appointment', canonical: 'notify-add-appointment', legacy: true },
  'send-communication-from-provider': { action: 'communication', canonical: 'send-communication-from-provider' },
  'send-communication': { action: 'communication', canonical: 'send-communication-from-provider', legacy: true },
  'notify-data-correction': { action: 'data-correction', canonical: 'notify-data-correction' },
};

/** Events Ocean only ever sends; posting them back is refused with a reason. */
export const OUTBOUND_ONLY_EVENTS: Readonly<Record<string, string>> = {
  'add-service-request': 'referrals are created in Ocean (SMART launch or the portal); a POS cannot post add-service-request',
  'notify-add-service-request': 'notify-add-service-request is Ocean\'s copy for the sending POS; it is not accepted inbound',
  'notify-update-service-request': 'notify-update-service-request is sent by Ocean; receivers report changes with notify-update-process-request',
  'revoke-service-request': 'only the referral sender can cancel, in the Ocean portal; Ocean does not accept cancellations over the API',
  'send-communication-from-requester':
    'Ocean sends it to the receiving POS when the referrer writes in the Ocean portal, and "does not currently support receiving event messages from the Sending POS" (PHSA\'s DRO guide); a receiver writes to the referrer with send-communication-from-provider',
};

/** Outbound event codes. */
export const OUT = {
  add: 'add-service-request',
  senderCopy: 'notify-add-service-request',
  update: 'notify-update-service-request',
  revoke: 'revoke-service-request',
  fromRequester: 'send-communication-from-requester',
} as const;
export type OutboundEvent = (typeof OUT)[keyof typeof OUT];

/** Where a referral stands; each state shows in one Sent and one Received folder. */
export type ReferralState = 'new' | 'pending-booking' | 'booking-unconfirmed' | 'booking-confirmed' | 'awaiting-reply' | 'declined' | 'cancelled' | 'completed';

/** The folder names of the DRO guide's statuses table (docs/use-cases.md#statuses) (sent side / received side). */
export const FOLDERS: Readonly<Record<ReferralState, { sent: string; received: string }>> = {
  new: { sent: 'Sent (All)', received: 'New' },
  'pending-booking': { sent: 'Pending Booking', received: 'Pending Booking' },
  'booking-unconfirmed': { sent: 'Booking Unconfirmed', received: 'Booking Unconfirmed' },
  'booking-confirmed': { sent: 'Booking Confirmed', received: 'Booking Confirmed' },
  'awaiting-reply': { sent: 'Awaiting Response', received: 'Awaiting Reply' },
  declined: { sent: 'Declined', received: 'Declined' },
  cancelled: { sent: 'Cancelled', received: 'Cancelled' },
  completed: { sent: 'Completed', received: 'Completed' },
};

/** The folder a previous receiver sees after forwarding. */
export const FORWARDED_FOLDER = 'Forwarded (All)';

/**
 * The only Task.status values Ocean honours, and where each puts the referral (`stay` = no action).
 * See: docs/use-cases.md#statuses; docs/ocean.md#task-status-and-folders.
 */
export const TASK_STATUS_FOLDER: Readonly<Record<string, ReferralState | 'stay'>> = {
  requested: 'stay',
  received: 'stay',
  accepted: 'pending-booking',
  'in-progress': 'pending-booking',
  'on-hold': 'pending-booking',
  ready: 'pending-booking',
  rejected: 'declined',
  cancelled: 'declined',
  completed: 'completed',
  failed: 'completed',
};

/** Appointment participant/appointment statuses -> booking folder (docs/ocean.md#appointments). */
export const APPOINTMENT_FOLDER: Readonly<Record<string, ReferralState>> = {
  tentative: 'booking-unconfirmed',
  pending: 'booking-unconfirmed',
  'needs-action': 'booking-unconfirmed',
  accepted: 'booking-confirmed',
  booked: 'booking-confirmed',
  arrived: 'booking-confirmed',
  fulfilled: 'booking-confirmed',
  'checked-in': 'booking-confirmed',
};

/** Ontario iGuide versions an integration can choose; the profile version is the only wire signal. */
export type PayloadVersion = 'v0.10' | 'v0.11';
export const PAYLOAD_VERSIONS: readonly PayloadVersion[] = ['v0.10', 'v0.11'];

const V11: Readonly<Record<string, string>> = {
  MessageHeader: '1.0.1',
  Patient: '1.0.1',
  ServiceRequest: '1.0.1',
  Location: '1.0.1',
  PractitionerRole: '1.0.0',
  Practitioner: '1.0.0',
  DocumentReference: '1.0.0',
  QuestionnaireResponse: '1.0.0',
};

/** `meta.profile` for a resource type in a payload version (docs/ocean.md#payload-versions). */
export function profileOf(resourceType: string, version: PayloadVersion): string {
  const v = version === 'v0.10' ? '1.0.0' : (V11[resourceType] ?? '1.0.0');
  return `http://ehealthontario.ca/fhir/StructureDefinition/ca-on-eReferral-profile-${resourceType}|${v}`;
}

export const EXT = {
  referralIdentifier: 'http://ehealthontario.ca/fhir/StructureDefinition/ext-referral-identifier',
  messageHeaderId: 'http://ehealthontario.ca/fhir/StructureDefinition/ext-id-message-header',
  patientNeedsToBeSeen: 'http://ehealthontario.ca/fhir/StructureDefinition/ca-on-eConsult-ext-patient-needs-to-be-seen',
  /** On the JHN identifier in the v0.10 form (docs/ocean.md#the-v010-form). */
  healthCardVersionCode: 'http://ehealthontario.ca/fhir/StructureDefinition/ext-id-health-card-version-code',
} as const;

/** Ocean's own naming systems, minted under `{host}/svc/fhir/v1/NamingSystem/` (docs/ocean.md#naming-systems). */
export const NAMING_SYSTEMS = [
  'id-ereferral-reference',
  'id-referral-target-reference',
  'id-referral-target-external-service',
  'id-site-number',
  'id-external-patient-reference',
  'id-practitioner-username',
  'id-form-reference',
  'id-attachment-reference',
] as const;
export type NamingSystemId = (typeof NAMING_SYSTEMS)[number];

export const SYSTEMS = {
  v2_0203: 'http://terminology.hl7.org/CodeSystem/v2-0203',
  /** The same table as Ocean's 2023 (v0.10) payloads name it, trailing slash included (docs/ocean.md#the-v010-form). */
  v2_0203_2023: 'http://hl7.org/fhir/v2/0203/',
  actReason: 'http://terminology.hl7.org/CodeSystem/v3-ActReason',
  snomed: 'http://snomed.info/sct',
  snomedCa: 'https://fhir.infoway-inforoute.ca/CodeSystem/snomedctcaextension',
  /** Ocean's `ca-<prov>-patient-hcn` pattern with the BC province code (docs/ocean.md#naming-systems: BC form unconfirmed). */
  patientHcn: 'https://fhir.infoway-inforoute.ca/NamingSystem/ca-bc-patient-hcn',
  /** CPSBC licence: the PLR's college system, where the Ontario payload has `ca-on-license-physician` (docs/plr.md#vocabulary). */
  licensePhysician: 'https://fhir.infoway-inforoute.ca/NamingSystem/ca-bc-license-physician',
  /** MSP practitioner number, BC's counterpart of the payload's `ca-on-ohip-billing-id` (docs/plr.md#vocabulary). */
  billingId: 'https://health.gov.bc.ca/fhir/NamingSystem/ca-bc-ministry-practitioner-id',
} as const;

/** The test-data label Ocean puts on the Bundle and every resource. */
export const HTEST = Object.freeze({ system: SYSTEMS.actReason, code: 'HTEST', display: 'test health data' });

export const FAMILY_PHYSICIAN = { code: '59058001', display: 'Family Physician' } as const;

// The records Ocean keeps in the store: sites, listings, integrations, referrals and their event log.
import type { OutboundAuth } from '../delivery/index.js';
import type * as fhir from '../fhir/types.js';
import type { OceanListingSeed } from '../population/types.js';
import type { PayloadVersion, ReferralState } from './codes.js';

/** An Ocean site (tenant) with its API credentials (Portal > Admin > Credentials). */
export interface OceanSite {
  siteNum: string;
  name: string;
  /** Base64 shared encryption key; needed to generate credentials. */
  sharedEncryptionKey: string;
  clientId: string;
  clientSecret: string;
  organizationIpc: string;
  facilityIfc: string;
  /** The sandbox partner whose POS this site is (journal and fault scoping). */
  partner?: string;
  createdAt: string;
}

/** A Healthmap listing; linked to an integration by External Service ID. */
export interface OceanListing extends OceanListingSeed {
  acceptsReferrals: boolean;
  externalServiceId?: string;
}

/** How Ocean authenticates towards a webhook: none, Basic, or OAuth client credentials. */
export type IntegrationAuth = Extract<OutboundAuth, { type: 'none' } | { type: 'basic' } | { type: 'oauth' }>;

/** A registered eReferral integration (Portal > Admin > Integrations). */
export interface OceanIntegration {
  id: string;
  siteNum: string;
  name: string;
  url: string;
  auth: IntegrationAuth;
  payloadVersion: PayloadVersion;
  /** Outbound event codes this integration is notified of. */
  events: string[];
  /** Listings whose External Service ID equals this are routed here. */
  externalServiceId?: string;
  validatedAt?: string;
  createdAt: string;
}

/** A form as the referral carries it (becomes the QuestionnaireResponse and the HTML note). */
export interface ReferralForm {
  formRef: string;
  items: Array<{ linkId: string; text?: string; answer?: string }>;
}

export interface AttachmentMeta {
  id: string;
  title: string;
  contentType: string;
  size: number;
}

/** One receiver a referral had, current last. */
export interface ReceiverHop {
  listingRef: string;
  siteNum: string;
  at: string;
}

/** An eReferral as Ocean holds it. The receiver is the last hop; earlier hops forwarded it. */
export interface Referral {
  ref: string;
  createdAt: string;
  updatedAt: string;
  senderSiteNum: string;
  requesterIpc: string;
  receivers: ReceiverHop[];
  patient: fhir.Patient;
  form: ReferralForm;
  note?: string;
  attachments: AttachmentMeta[];
  state: ReferralState;
  serviceRequestStatus: 'active' | 'revoked' | 'completed';
  category?: fhir.CodeableConcept;
  code?: fhir.CodeableConcept;
  priority: 'routine' | 'urgent' | 'asap' | 'stat';
  task?: fhir.Task;
  appointments: fhir.Appointment[];
  bookingInstructions?: string;
  communications: fhir.Communication[];
  /** false = eConsult (patient need not be seen). */
  patientNeedsToBeSeen?: boolean;
}

/** One line of a referral's Event Log, as Ocean's referral page shows it. */
export interface ReferralEvent {
  id: string;
  ref: string;
  seq: number;
  at: string;
  kind: string;
  text: string;
  /** Site number of whoever acted, `ocean` for Ocean itself. */
  actor: string;
  warnings?: string[];
  messageId?: string;
  /** contentHash of the message processed under messageId: a repeat is the same id with the same hash. */
  messageHash?: string;
  /** What the sandbox took leniently in that message (journaled as `lenientAcceptance`), so a resend is marked alike. */
  lenient?: string[];
  deliveryIds?: string[];
}

export const currentReceiver = (r: Referral): ReceiverHop => r.receivers[r.receivers.length - 1]!;

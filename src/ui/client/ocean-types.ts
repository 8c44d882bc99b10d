// The shapes of /admin/ocean answers the portal views read (mirrors src/ocean/model.ts and its admin router).

export interface OceanSite {
  siteNum: string;
  name: string;
  clientId: string;
  clientSecret: string;
  sharedEncryptionKey: string;
  partner?: string;
}

export interface OceanListing {
  ref: string;
  title: string;
  siteNum: string;
  kind: string;
  specialty?: { code?: string; display?: string };
  city: string;
  acceptsReferrals: boolean;
  externalServiceId?: string;
}

export interface OceanIntegration {
  id: string;
  siteNum: string;
  name: string;
  url: string;
  auth: { type: string };
  payloadVersion: string;
  events: string[];
  externalServiceId?: string;
  validatedAt?: string;
  createdAt: string;
}

export interface ReferralSummary {
  ref: string;
  createdAt: string;
  sender: string;
  receiver: string;
  folder: { sent: string; received: string };
}

export interface ReferralEvent {
  id: string;
  seq: number;
  at: string;
  kind: string;
  text: string;
  actor: string;
  warnings?: string[];
  deliveryIds?: string[];
}

type Json = Record<string, unknown>;

export interface ReferralView {
  ref: string;
  createdAt: string;
  updatedAt: string;
  senderSiteNum: string;
  requesterIpc: string;
  receivers: Array<{ listingRef: string; siteNum: string; at: string }>;
  patient: Json;
  form: { formRef: string; items: Array<{ linkId: string; text?: string; answer?: string }> };
  note?: string;
  attachments: Array<{ id: string; title: string; contentType: string; size: number }>;
  state: string;
  serviceRequestStatus: string;
  priority: string;
  appointments: Json[];
  bookingInstructions?: string;
  communications: Json[];
  folders: { sent: string; received: string; forwardedBy: Array<{ listingRef: string; folder: string }> };
  events: ReferralEvent[];
}

/** The playbook's folders, in portal order (docs/ocean.md#task-status-and-folders). The "(All)" folders count every referral of their side. */
export const SENT_ALL = 'Sent (All)';
export const RECEIVED_ALL = 'Received (All)';
export const SENT_FOLDERS = [SENT_ALL, 'Pending Booking', 'Booking Unconfirmed', 'Booking Confirmed', 'Awaiting Response', 'Declined', 'Cancelled', 'Completed'];
export const RECEIVED_FOLDERS = [RECEIVED_ALL, 'New', 'Pending Booking', 'Booking Unconfirmed', 'Booking Confirmed', 'Awaiting Reply', 'Declined', 'Cancelled', 'Completed', 'Forwarded (All)'];

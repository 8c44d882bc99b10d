// Distribution subscribers: a partner's endpoint and the form it wants (the PLR IG specification page's PUT or the IG's $distribution).
import { randomUUID } from 'node:crypto';
import type { OutboundAuth } from '../../delivery/index.js';
import type { Store } from '../../store/index.js';

/**
 * `transaction`: the PLR IG specification page's form, a transaction Bundle sent by PUT.
 * `distribution`: the IG's form, a Parameters body (messageId, messageTime, distribution) sent by POST.
 */
export type DistributionForm = 'transaction' | 'distribution';
export const DISTRIBUTION_FORMS: readonly DistributionForm[] = ['transaction', 'distribution'];

export interface PlrSubscription {
  id: string;
  partner: string;
  url: string;
  form: DistributionForm;
  auth?: OutboundAuth;
  createdAt: string;
}

const COLLECTION = 'plr.subscriptions';

export interface SubscriptionInput {
  partner?: unknown;
  url?: unknown;
  form?: unknown;
  auth?: unknown;
}

/** Checks an admin request; returns an error message or the subscription to store. */
export function parseSubscription(input: SubscriptionInput, knownPartner: (name: string) => boolean, now: string): PlrSubscription | string {
  const partner = typeof input.partner === 'string' && input.partner ? input.partner : 'demo';
  if (!knownPartner(partner)) return `partner "${partner}" is not known; GET /admin/partners lists them`;
  if (typeof input.url !== 'string') return 'send {"url": "http://host:port/path", "form": "transaction" | "distribution", "partner": "<name>"}';
  let url: URL;
  try {
    url = new URL(input.url);
  } catch {
    return `"${input.url}" is not an absolute URL`;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return `the endpoint must be http or https, not ${url.protocol}`;
  const form = input.form ?? 'transaction';
  if (!DISTRIBUTION_FORMS.includes(form as DistributionForm)) return `form must be "transaction" (a transaction Bundle sent by PUT, as the PLR IG's Use Cases page describes) or "distribution" (the IG's $distribution Parameters), not "${String(form)}"`;
  const auth = input.auth as OutboundAuth | undefined;
  if (auth !== undefined && !['none', 'basic', 'bearer', 'oauth'].includes((auth as { type?: string })?.type ?? '')) return 'auth.type must be none, basic, bearer or oauth';
  return { id: randomUUID(), partner, url: url.toString(), form: form as DistributionForm, auth, createdAt: now };
}

export function createSubscriptions(store: Store) {
  return {
    list: () => store.list<PlrSubscription>(COLLECTION).sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id)),
    add: (s: PlrSubscription) => store.put(COLLECTION, s.id, s),
    remove: (id: string) => store.remove(COLLECTION, id),
  };
}

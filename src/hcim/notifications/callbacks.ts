// Async call-back endpoints and subscriptions, kept in the store per partner (admin-managed).
import { randomUUID } from 'node:crypto';
import type { Store } from '../../store/index.js';
import { COLLECTIONS } from '../registry/store-keys.js';
import type { ChangeEvent, HcimSubscription, NotificationFormat } from './notifier.js';

export interface CallbackEndpoint {
  partner: string;
  url: string;
  headers: Record<string, string>;
}

export interface CallbackRegistry {
  get(partner: string): CallbackEndpoint | undefined;
  put(endpoint: CallbackEndpoint): CallbackEndpoint;
  list(): CallbackEndpoint[];
  remove(partner: string): boolean;
}

export function createCallbackRegistry(store: Store): CallbackRegistry {
  return {
    get: (partner) => store.get<CallbackEndpoint>(COLLECTIONS.callbacks, partner),
    put: (endpoint) => store.put(COLLECTIONS.callbacks, endpoint.partner, endpoint),
    list: () => store.list<CallbackEndpoint>(COLLECTIONS.callbacks),
    remove: (partner) => store.remove(COLLECTIONS.callbacks, partner),
  };
}

export interface SubscriptionRegistry {
  add(input: { partner: string; endpoint: string; headers?: Record<string, string>; events?: ChangeEvent[]; format?: NotificationFormat }, now: string): HcimSubscription;
  list(): HcimSubscription[];
  remove(id: string): boolean;
}

export function createSubscriptionRegistry(store: Store): SubscriptionRegistry {
  return {
    add(input, now) {
      const sub: HcimSubscription = { id: randomUUID(), partner: input.partner, endpoint: input.endpoint, headers: input.headers ?? {}, events: input.events ?? [], format: input.format ?? 'fhir', createdAt: now };
      return store.put(COLLECTIONS.subscriptions, sub.id, sub);
    },
    list: () => store.list<HcimSubscription>(COLLECTIONS.subscriptions).sort((a, b) => a.createdAt.localeCompare(b.createdAt)),
    remove: (id) => store.remove(COLLECTIONS.subscriptions, id),
  };
}

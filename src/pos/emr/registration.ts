// The reference EMR's fixed configuration: where it lives, and the SMART clients registered with it.
import type { Store } from '../../store/index.js';

/** Paths below the sandbox base URL. */
export const EMR_PATH = '/pos/emr';
export const EMR_FHIR_PATH = `${EMR_PATH}/fhir`;
export const EMR_AUTH_PATH = `${EMR_PATH}/auth`;

/** Lifetimes, in seconds. SMART advises access tokens of an hour at most. */
export const LIFETIMES = { launch: 600, code: 60, access: 3600, refresh: 8 * 3600 } as const;

/** A SMART client registered with the EMR (confidential when it has a secret). */
export interface EmrClient {
  clientId: string;
  clientSecret?: string;
  redirectUris: string[];
  name: string;
  /** The app's EHR-launch URL; the chart page offers "Launch {name}" for apps that have one. */
  launchUrl?: string;
}

/**
 * Ocean, registered in the EMR the way a clinic admin would: confidential client, symmetric secret.
 * The same values are on Ocean's allow-list (see src/ocean/launch/issuers.ts), as in real life.
 */
export function oceanClient(baseUrl: string): EmrClient {
  return { clientId: 'ocean-smart', clientSecret: 'ocean-smart-secret', redirectUris: [`${baseUrl}/ocean/sso/smart/callback`], name: 'Ocean', launchUrl: `${baseUrl}/ocean/sso/smart/auth` };
}

const CLIENTS = 'pos.clients';

/** The registered clients: Ocean always, plus any added through the admin API. */
export function findClient(store: Store, baseUrl: string, clientId: string): EmrClient | undefined {
  const ocean = oceanClient(baseUrl);
  return clientId === ocean.clientId ? ocean : store.get<EmrClient>(CLIENTS, clientId);
}

export function listClients(store: Store, baseUrl: string): EmrClient[] {
  return [oceanClient(baseUrl), ...store.list<EmrClient>(CLIENTS)];
}

/** Adds or replaces a client; Ocean's own registration cannot be replaced (it is what the allow-list pairs with). */
export function putClient(store: Store, client: EmrClient): EmrClient {
  return store.put(CLIENTS, client.clientId, client);
}

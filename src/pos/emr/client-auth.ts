// Client authentication at the EMR's token and introspection endpoints (HTTP Basic or the form body).
import { clientCredentials, invalidClient } from '../../auth/index.js';
import type { Store } from '../../store/index.js';
import { findClient, type EmrClient } from './registration.js';

/**
 * The registered client these credentials name; a confidential client must present its secret.
 * `fallbackClientId` names the client when none was sent (a public client's refresh, SMART App Launch 2.x).
 */
export function authenticateClient(form: Record<string, unknown>, authorization: string | undefined, store: Store, baseUrl: string, fallbackClientId?: () => string | undefined): EmrClient {
  const { clientId: sent, clientSecret } = clientCredentials(authorization, form);
  const clientId = sent ?? fallbackClientId?.();
  if (!clientId) throw invalidClient('client_id is missing: authenticate with HTTP Basic or client_id/client_secret in the form');
  const client = findClient(store, baseUrl, clientId);
  if (!client) throw invalidClient(`client "${clientId}" is not registered with this EMR`);
  if (client.clientSecret && client.clientSecret !== clientSecret) throw invalidClient(`wrong or missing client secret for "${clientId}" (a confidential client)`);
  return client;
}

/**
 * Introspection needs an authenticated caller (RFC 7662 §2.1): a confidential client with its secret.
 * A public client has nothing to authenticate with, so it cannot introspect.
 */
export function authenticateIntrospection(form: Record<string, unknown>, authorization: string | undefined, store: Store, baseUrl: string): EmrClient {
  const client = authenticateClient(form, authorization, store, baseUrl);
  if (!client.clientSecret) throw invalidClient(`"${client.clientId}" is a public client: introspection needs a confidential client's credentials (RFC 7662 §2.1)`);
  return client;
}

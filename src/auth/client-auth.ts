// Authenticates a partner's client at the realm's token and introspection endpoints.
import type { Partner, Partners } from '../partners/index.js';
import { clientCredentials, invalidClient } from './oauth-error.js';

/** The partner whose client credentials these are (HTTP Basic or form), else an `invalid_client` OAuthError. */
export function authenticatePartner(partners: Partners, authorization: string | undefined, form: Record<string, unknown>): Partner {
  const { clientId, clientSecret } = clientCredentials(authorization, form);
  if (!clientId) throw invalidClient('client_id is missing: send it in the form or as HTTP Basic credentials');
  const partner = partners.byClientId(clientId);
  if (!partner || partner.clientSecret !== clientSecret) throw invalidClient(`invalid client credentials for client "${clientId}"`);
  return partner;
}

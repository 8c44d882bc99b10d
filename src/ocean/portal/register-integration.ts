// Registering an integration (Portal > Admin > Integrations): validates the endpoint with Ocean's challenge.
import { randomBytes, randomUUID } from 'node:crypto';
import { businessRule, conflict, invalid, notFound } from '../../fhir/errors.js';
import { PAYLOAD_VERSIONS, type PayloadVersion } from '../codes.js';
import type { OceanContext } from '../context.js';
import type { IntegrationAuth, OceanIntegration } from '../model.js';
import { DEFAULT_EVENTS } from '../referrals/notify.js';
import { challengeEndpoint } from './challenge.js';

export interface RegisterIntegrationInput {
  siteNum: string;
  name?: string;
  url: string;
  auth?: IntegrationAuth;
  payloadVersion?: PayloadVersion;
  events?: string[];
  externalServiceId?: string;
  /** Listings of the site to link (their External Service ID is set to this integration's). */
  listings?: string[];
}

function assertAuth(auth: unknown): IntegrationAuth {
  const a = (auth ?? { type: 'none' }) as Partial<IntegrationAuth> & Record<string, unknown>;
  if (a.type === 'none') return { type: 'none' };
  if (a.type === 'basic' && typeof a.username === 'string' && typeof a.password === 'string') return { type: 'basic', username: a.username, password: a.password };
  if (a.type === 'oauth' && typeof a.tokenUrl === 'string' && typeof a.clientId === 'string' && typeof a.clientSecret === 'string') {
    return { type: 'oauth', tokenUrl: a.tokenUrl, clientId: a.clientId, clientSecret: a.clientSecret, ...(typeof a.scope === 'string' ? { scope: a.scope } : {}) };
  }
  throw invalid('auth must be {"type":"none"}, {"type":"basic","username","password"} or {"type":"oauth","tokenUrl","clientId","clientSecret","scope"?}');
}

/**
 * Validates the endpoint (`{"challenge": ...}` echoed back with 200), then stores the integration and links
 * the listings. Ocean forces HTTPS; the sandbox allows http for loopback hosts and warns otherwise.
 * See: docs/ocean.md#webhook-registration.
 */
export async function registerIntegration(ctx: OceanContext, input: RegisterIntegrationInput): Promise<{ integration: OceanIntegration; warnings: string[] }> {
  const site = ctx.repo.site(input.siteNum);
  if (!site) throw notFound(`Ocean site ${input.siteNum} does not exist`);
  let url: URL;
  try {
    url = new URL(input.url);
  } catch {
    throw invalid(`url "${input.url}" is not an absolute URL`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw invalid('the webhook URL must be http(s)');
  const warnings: string[] = [];
  const loopback = ['localhost', '127.0.0.1', '[::1]', 'host.docker.internal'].includes(url.hostname);
  if (url.protocol === 'http:' && !loopback) warnings.push('Ocean forces webhook endpoints to be HTTPS; the sandbox accepts http only for testing');
  const version = input.payloadVersion ?? 'v0.11';
  if (!PAYLOAD_VERSIONS.includes(version)) throw invalid(`payloadVersion must be one of ${PAYLOAD_VERSIONS.join(', ')}`);
  const events = input.events ?? [...DEFAULT_EVENTS];
  const unknown = events.filter((e) => !DEFAULT_EVENTS.includes(e));
  if (unknown.length) throw invalid(`unknown events ${unknown.join(', ')}; Ocean notifies ${DEFAULT_EVENTS.join(', ')}`);
  const auth = assertAuth(input.auth);
  const assertListings = () =>
    (input.listings ?? []).map((ref) => {
      const l = ctx.repo.listing(ref);
      if (!l) throw notFound(`listing ${ref} does not exist`);
      if (l.siteNum !== site.siteNum) throw businessRule(`listing ${ref} belongs to site ${l.siteNum}, not ${site.siteNum}`);
      return l;
    });
  const listings = assertListings();
  await challengeEndpoint(ctx, input.url, auth, randomBytes(16).toString('hex'), site.partner);
  // The challenge waited on the endpoint: what was read before it may have changed (a listing edited, a reset or a
  // restore), so the site and the listings are read again and checked again; what is written is the current record.
  const current = assertListings();
  const now = ctx.repo.site(site.siteNum);
  if (!now) throw notFound(`Ocean site ${site.siteNum} no longer exists (the sandbox was reset or restored during the challenge)`);
  // A hand-over during the challenge: the endpoint was challenged as the earlier owner's, and an integration
  // registered now would put that owner's webhook on the new owner's site, its deliveries counted as the new owner's.
  if (now.partner !== site.partner) {
    throw conflict(`Ocean site ${site.siteNum} was handed from ${site.partner ?? 'no partner'} to ${now.partner ?? 'no partner'} during the challenge: register the integration again with the site's current credentials.`);
  }
  const integration: OceanIntegration = {
    id: randomUUID(),
    siteNum: site.siteNum,
    name: input.name ?? `Integration ${ctx.repo.integrations(site.siteNum).length + 1}`,
    url: input.url,
    auth,
    payloadVersion: version,
    events,
    externalServiceId: input.externalServiceId ?? (listings.length ? `svc-${randomBytes(4).toString('hex')}` : undefined),
    validatedAt: ctx.deps.clock.iso(),
    createdAt: ctx.deps.clock.iso(),
  };
  ctx.repo.putIntegration(integration);
  for (const l of current) ctx.repo.putListing({ ...l, externalServiceId: integration.externalServiceId });
  return { integration, warnings };
}

// Test support for Ocean: a sandbox with Ocean mounted, a webhook receiver that answers challenges, tokens, inbound messages.
import request from 'supertest';
import type { Sandbox } from '../../../src/app.js';
import type { SystemFactory } from '../../../src/app-deps.js';
import type { ConfigOverrides } from '../../../src/config.js';
import type * as fhir from '../../../src/fhir/types.js';
import { EVENT_SYSTEM, EXT } from '../../../src/ocean/codes.js';
import { oceanContext, type OceanContext } from '../../../src/ocean/context.js';
import { createOceanSystem } from '../../../src/ocean/index.js';
import type { OceanIntegration, Referral } from '../../../src/ocean/model.js';
import { startOceanWebhook, type Receiver } from '../../support/receiver.js';
import { createTestSandbox } from '../../support/sandbox.js';

export interface OceanWorld {
  sandbox: Sandbox;
  ctx: OceanContext;
  /** The receiving listing (the imaging fixture) and its site. */
  listingRef: string;
  receiverSite: string;
  /** The sending site (another seeded site). */
  senderSite: string;
  receiver: Receiver;
  close(): Promise<void>;
}

/** A receiver that echoes Ocean's challenge and answers everything else by its status script. */
export const startWebhook = startOceanWebhook;

export async function createOceanWorld(options: { version?: 'v0.10' | 'v0.11'; config?: ConfigOverrides; systems?: readonly SystemFactory[] } = {}): Promise<OceanWorld> {
  const sandbox = await createTestSandbox({ systems: options.systems ?? [createOceanSystem], config: options.config });
  const ctx = oceanContext(sandbox.deps);
  const listingRef = sandbox.deps.population.fixtures.imagingListingRef;
  const listing = ctx.repo.listing(listingRef)!;
  const senderSite = ctx.repo.sites().find((s) => s.siteNum !== listing.siteNum)!.siteNum;
  const receiver = await startWebhook();
  await registerIntegration(sandbox, { siteNum: listing.siteNum, url: `${receiver.url}/receiver`, listings: [listingRef], payloadVersion: options.version });
  return {
    sandbox,
    ctx,
    listingRef,
    receiverSite: listing.siteNum,
    senderSite,
    receiver,
    async close() {
      await sandbox.close();
      await receiver.close();
    },
  };
}

export async function registerIntegration(sandbox: Sandbox, body: Record<string, unknown>): Promise<OceanIntegration> {
  const res = await request(sandbox.app).post('/admin/ocean/integrations').send(body);
  if (res.status !== 201) throw new Error(`integration registration failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as OceanIntegration;
}

/** Creates a referral through the admin API (Ocean acting as the sender) and lets deliveries settle. */
export async function sendReferral(world: OceanWorld, extra: Record<string, unknown> = {}): Promise<Referral> {
  const phn = world.sandbox.deps.population.fixtures.ordinaryPatientPhn;
  const res = await request(world.sandbox.app).post('/admin/ocean/referrals').send({ phn, listingRef: world.listingRef, siteNum: world.senderSite, ...extra });
  if (res.status !== 201) throw new Error(`referral creation failed: ${res.status} ${JSON.stringify(res.body)}`);
  await world.sandbox.deps.delivery.idle();
  return res.body as Referral;
}

/** A world with one referral sent to the receiving site, and that site's token: where most inbound tests start. */
export async function sentReferral(): Promise<{ world: OceanWorld; ref: string; token: string }> {
  const world = await createOceanWorld();
  const { ref } = await sendReferral(world);
  return { world, ref, token: await siteToken(world, world.receiverSite) };
}

/** A bearer token for a site, from Ocean's token endpoint (form-body variant). */
export async function siteToken(world: OceanWorld, siteNum: string): Promise<string> {
  const site = world.ctx.repo.site(siteNum)!;
  const res = await request(world.sandbox.app)
    .post('/ocean/svc/oauth2/token')
    .type('form')
    .send({ grant_type: 'client_credentials', client_id: site.clientId, client_secret: site.clientSecret });
  if (res.status !== 200) throw new Error(`token failed: ${res.status} ${JSON.stringify(res.body)}`);
  return (res.body as { access_token: string }).access_token;
}

/** An inbound message as OceanMD's autorouter builds it: header with the referral ref extension, then resources. */
export function inbound(event: string, ref: string, resources: fhir.FhirResource[], header: Partial<fhir.MessageHeader> = {}): fhir.Bundle {
  const mh: fhir.MessageHeader = {
    resourceType: 'MessageHeader',
    id: crypto.randomUUID(),
    meta: { profile: ['http://ehealthontario.ca/fhir/StructureDefinition/ca-on-eReferral-profile-MessageHeader|1.0.1'] },
    extension: [{ url: EXT.referralIdentifier, valueIdentifier: { system: 'id-ereferral-reference', value: ref } }],
    eventCoding: { system: EVENT_SYSTEM, code: event },
    source: { endpoint: 'https://pos.example/fhir' },
    focus: resources[0]?.id ? [{ reference: `${resources[0].resourceType}/${resources[0].id}` }] : [],
    ...header,
  };
  return { resourceType: 'Bundle', type: 'message', entry: [mh, ...resources].map((r) => ({ fullUrl: `urn:uuid:${r.id ?? crypto.randomUUID()}`, resource: r })) };
}

/** A message between referrer and receiver about the referral, as either side posts it. */
export function communication(ref: string, text: string): fhir.Communication {
  return { resourceType: 'Communication', id: crypto.randomUUID(), status: 'completed', basedOn: [{ reference: `ServiceRequest/${ref}` }], payload: [{ contentString: text }] };
}

export function task(ref: string, status: string, extra: Partial<fhir.Task> = {}): fhir.Task {
  return { resourceType: 'Task', id: crypto.randomUUID(), status: status as fhir.Task['status'], intent: 'order', basedOn: [{ reference: `ServiceRequest/${ref}` }], ...extra };
}

/** Posts a message to $process-messages with a site's token. */
export async function post(world: OceanWorld, token: string, bundle: unknown) {
  const res = await request(world.sandbox.app).post('/ocean/svc/fhir/v1/$process-messages').set('Authorization', `Bearer ${token}`).set('Content-Type', 'application/fhir+json').send(JSON.stringify(bundle));
  await world.sandbox.deps.delivery.idle();
  return res;
}

/** Webhook bodies received so far with the given event code. */
export function receivedEvents(receiver: Receiver): Array<{ event: string; bundle: fhir.Bundle }> {
  return receiver.received
    .map((r) => safeJson(r.body) as fhir.Bundle | undefined)
    .filter((b): b is fhir.Bundle => b?.resourceType === 'Bundle')
    .map((bundle) => ({ event: (bundle.entry![0]!.resource as fhir.MessageHeader).eventCoding!.code!, bundle }));
}

export { fhirSchemaErrors } from '../../support/fhir-schema.js';

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

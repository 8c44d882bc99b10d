// /admin/ocean: the portal's admin (sites, credentials, listings, integrations) and Ocean-as-sender referrals.
import { randomBytes } from 'node:crypto';
import express, { type Request } from 'express';
import { withoutSecrets } from '../../admin/secrets.js';
import { conflict, forbidden, invalid, notFound } from '../../fhir/errors.js';
import { FOLDERS, FORWARDED_FOLDER, PAYLOAD_VERSIONS, type PayloadVersion } from '../codes.js';
import type { OceanContext } from '../context.js';
import { currentReceiver, type OceanSite, type Referral } from '../model.js';
import { createReferral } from '../referrals/create-referral.js';
import { cancelReferral, messageFromSender, resendReferral } from '../referrals/sender-actions.js';
import { registerIntegration } from './register-integration.js';
import { referralRequestFromAdmin } from './admin-referral-input.js';

/** A referral as the portal shows it: its folders on both sides and its Event Log. */
export function referralView(ctx: OceanContext, r: Referral) {
  const hop = currentReceiver(r);
  return {
    ...r,
    folders: { sent: FOLDERS[r.state].sent, received: FOLDERS[r.state].received, forwardedBy: r.receivers.slice(0, -1).map((h) => ({ listingRef: h.listingRef, folder: FORWARDED_FOLDER })) },
    receiver: hop,
    events: ctx.repo.events(r.ref),
  };
}

const body = (req: Request) => (req.body ?? {}) as Record<string, unknown>;
const str = (v: unknown) => (typeof v === 'string' && v ? v : undefined);

export function createOceanAdminRouter(ctx: OceanContext): express.Router {
  const router = express.Router();
  const { repo } = ctx;

  router.get('/sites', (_req, res) => void res.json(withoutSecrets(repo.sites())));
  router.get('/sites/:siteNum', (req, res) => {
    const site = repo.site(req.params.siteNum);
    if (!site) throw notFound(`Ocean site ${req.params.siteNum} does not exist`);
    res.json({ ...site, integrations: repo.integrations(site.siteNum), listings: repo.listings().filter((l) => l.siteNum === site.siteNum) });
  });
  const newCredentials = (site: OceanSite) => ({ clientId: `ocean-site-${site.siteNum}-${randomBytes(3).toString('hex')}`, clientSecret: randomBytes(18).toString('base64url') });
  const credentialsOf = (site: OceanSite) => ({ siteNum: site.siteNum, partner: site.partner, clientId: site.clientId, clientSecret: site.clientSecret, tokenUrl: `${ctx.host}/svc/oauth2/token` });
  router.post('/sites/:siteNum/credentials', (req, res) => {
    const site = repo.site(req.params.siteNum);
    if (!site) throw notFound(`Ocean site ${req.params.siteNum} does not exist`);
    if (str(body(req).sharedEncryptionKey) !== site.sharedEncryptionKey) throw forbidden('generating API credentials requires the site\'s Shared Encryption Key (sharedEncryptionKey)');
    const { partner: _owner, ...created } = credentialsOf(repo.putSite({ ...site, ...newCredentials(site) }));
    res.status(201).json(created);
  });
  // Sandbox-only: which partner's POS a site is. Its calls, and the deliveries to its webhooks, are that partner's
  // evidence; new API credentials make sure nobody else calls as the site from then on.
  router.put('/sites/:siteNum/partner', (req, res) => {
    const site = repo.site(req.params.siteNum);
    if (!site) throw notFound(`Ocean site ${req.params.siteNum} does not exist`);
    const name = str(body(req).partner);
    const partner = name === undefined ? undefined : ctx.deps.partners.get(name);
    if (!partner) throw invalid(`partner must name a partner of this sandbox (${name === undefined ? 'none given' : `"${name}" is not one`}; known: ${ctx.deps.partners.list().map((p) => p.name).join(', ')})`);
    const registered = repo.integrations(site.siteNum);
    if (registered.length && site.partner !== partner.name) {
      throw conflict(`Ocean site ${site.siteNum} has ${registered.length} integration(s) registered while it was ${site.partner ?? 'no partner'}'s (${registered.map((i) => i.id).join(', ')}): delete them first (DELETE /admin/ocean/integrations/{id}), so their deliveries do not count as ${partner.name}'s`);
    }
    res.json(credentialsOf(repo.putSite({ ...site, partner: partner.name, ...newCredentials(site) })));
  });

  router.get('/listings', (req, res) => void res.json(repo.listings().filter((l) => !req.query.site || l.siteNum === req.query.site)));
  router.patch('/listings/:ref', (req, res) => {
    const listing = repo.listing(req.params.ref);
    if (!listing) throw notFound(`listing ${req.params.ref} does not exist`);
    const b = body(req);
    if (b.externalServiceId !== undefined && b.externalServiceId !== null && typeof b.externalServiceId !== 'string') throw invalid('externalServiceId must be a string or null');
    if (b.acceptsReferrals !== undefined && typeof b.acceptsReferrals !== 'boolean') throw invalid('acceptsReferrals must be true or false');
    res.json(repo.putListing({ ...listing, externalServiceId: b.externalServiceId === null ? undefined : (str(b.externalServiceId) ?? listing.externalServiceId), acceptsReferrals: (b.acceptsReferrals as boolean | undefined) ?? listing.acceptsReferrals }));
  });

  router.get('/integrations', (req, res) => void res.json(withoutSecrets(repo.integrations(str(req.query.site)))));
  router.post('/integrations', async (req, res) => {
    const b = body(req);
    const siteNum = str(b.siteNum);
    const url = str(b.url);
    if (!siteNum || !url) throw invalid('siteNum and url are required');
    if (b.payloadVersion !== undefined && !PAYLOAD_VERSIONS.includes(b.payloadVersion as PayloadVersion)) throw invalid(`payloadVersion must be one of ${PAYLOAD_VERSIONS.join(', ')}`);
    if (b.events !== undefined && !(Array.isArray(b.events) && b.events.every((e) => typeof e === 'string'))) throw invalid('events must be an array of event codes');
    if (b.listings !== undefined && !(Array.isArray(b.listings) && b.listings.every((e) => typeof e === 'string'))) throw invalid('listings must be an array of listing refs');
    const { integration, warnings } = await registerIntegration(ctx, {
      siteNum,
      url,
      name: str(b.name),
      auth: b.auth as never,
      payloadVersion: b.payloadVersion as PayloadVersion | undefined,
      events: b.events as string[] | undefined,
      externalServiceId: str(b.externalServiceId),
      listings: b.listings as string[] | undefined,
    });
    res.status(201).json({ ...integration, warnings });
  });
  router.delete('/integrations/:id', (req, res) => {
    if (!repo.removeIntegration(req.params.id)) throw notFound(`integration ${req.params.id} does not exist`);
    res.status(204).end();
  });

  router.get('/referrals', (req, res) => {
    const site = str(req.query.site);
    const list = repo.referrals().filter((r) => !site || r.senderSiteNum === site || r.receivers.some((h) => h.siteNum === site));
    res.json(list.map((r) => ({ ref: r.ref, createdAt: r.createdAt, sender: r.senderSiteNum, receiver: currentReceiver(r).listingRef, folder: FOLDERS[r.state] })));
  });
  router.post('/referrals', (req, res) => {
    const referral = createReferral(ctx, referralRequestFromAdmin(ctx, body(req)));
    res.status(201).json(referralView(ctx, referral));
  });
  router.get('/referrals/:ref', (req, res) => {
    const r = repo.referral(req.params.ref);
    if (!r) throw notFound(`referral ${req.params.ref} does not exist`);
    res.json(referralView(ctx, r));
  });
  router.get('/referrals/:ref/events', (req, res) => {
    if (!repo.referral(req.params.ref)) throw notFound(`referral ${req.params.ref} does not exist`);
    res.json(repo.events(req.params.ref));
  });
  router.post('/referrals/:ref/cancel', (req, res) => void res.json(referralView(ctx, cancelReferral(ctx, req.params.ref, str(body(req).reason)))));
  router.post('/referrals/:ref/messages', (req, res) => {
    const text = str(body(req).text);
    if (!text) throw invalid('text is required: the message the referrer writes to the receiver');
    res.status(201).json(referralView(ctx, messageFromSender(ctx, req.params.ref, text)));
  });
  router.post('/referrals/:ref/resend', (req, res) => {
    const mode = body(req).mode ?? 'new';
    if (mode !== 'new' && mode !== 'updated') throw invalid('mode must be "new" or "updated"');
    const { referral, deliveryId } = resendReferral(ctx, req.params.ref, mode);
    res.status(202).json({ ref: referral.ref, mode, deliveryId });
  });
  return router;
}


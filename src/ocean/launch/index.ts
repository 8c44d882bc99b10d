// Ocean's side of the SMART EHR launch (`/ocean/sso/smart/...`) and the allow-list admin API; mounted by the Ocean system.
import express, { type Request, type Response } from 'express';
import type { AppDeps } from '../../app-deps.js';
import { invalid, notFound } from '../../fhir/index.js';
import { newestOf } from '../../store/index.js';
import { completeLaunch } from './complete-launch.js';
import { PAGE_CSP } from './html.js';
import { createIssuerRegistry, normalizeIss, type AllowedIssuer } from './issuers.js';
import { LaunchError } from './launch-error.js';
import { createLaunchStore, SENT_KEEP } from './launch-store.js';
import { renderLaunchedPage, renderLaunchError } from './launched-page.js';
import { sendReferral } from './send-referral.js';
import { styleCss } from './smart-style.js';
import { startLaunch } from './start-launch.js';
import { LAUNCH_CSS, LAUNCH_ICON } from './styles.js';

export { OCEAN_SCOPES, OCEAN_ACTIONS } from './start-launch.js';
export { referenceEmrIssuer, type AllowedIssuer } from './issuers.js';

const SSO = '/sso/smart';

/** Routes under the Ocean router (`/ocean`): `/sso/smart/auth`, `/callback`, `/session/:id`, `/session/:id/send`. */
export function createLaunchRouter(deps: AppDeps): express.Router {
  const router = express.Router();
  const base = `${deps.config.baseUrl}/ocean`;
  const assets = `${base}${SSO}/assets`;
  const redirectUri = `${base}${SSO}/callback`;
  const issuers = createIssuerRegistry(deps.store, deps.config.baseUrl);
  const launches = createLaunchStore(deps.store);
  const page = (res: Response, status: number, markup: string) => void res.status(status).set({ 'Content-Security-Policy': PAGE_CSP, 'Cache-Control': 'no-store', 'Referrer-Policy': 'no-referrer' }).type('html').send(markup);
  const failed = (res: Response, err: unknown) => {
    if (!(err instanceof LaunchError)) throw err;
    deps.log.warn('SMART launch stopped', { step: err.step, reason: err.message });
    page(res, err.status, renderLaunchError(err.step, err.message, assets, err.fix));
  };

  router.get(`${SSO}/assets/ocean.css`, (_req, res) => void res.type('text/css').send(LAUNCH_CSS));
  router.get(`${SSO}/assets/icon.svg`, (_req, res) => void res.type('image/svg+xml').send(LAUNCH_ICON));

  router.get(`${SSO}/auth`, async (req: Request, res: Response) => {
    try {
      res.redirect(302, await startLaunch(req.query as Record<string, unknown>, { app: deps, issuers, launches, redirectUri }));
    } catch (err) {
      failed(res, err);
    }
  });

  router.get(`${SSO}/callback`, async (req: Request, res: Response) => {
    try {
      const session = await completeLaunch(req.query as Record<string, unknown>, { app: deps, issuers, launches, redirectUri });
      res.redirect(303, `${base}${SSO}/session/${session.id}?view=${encodeURIComponent(session.action)}`);
    } catch (err) {
      failed(res, err);
    }
  });

  router.get(`${SSO}/session/:id`, (req: Request, res: Response) => {
    const session = launches.session(String(req.params.id));
    if (!session) return page(res, 404, renderLaunchError('session', 'This Ocean session does not exist (or the sandbox was reset). Launch Ocean again from the EHR.', assets));
    const q = req.query as Record<string, unknown>;
    const str = (k: string) => (typeof q[k] === 'string' ? (q[k] as string) : undefined);
    const maxKm = str('maxKm') && Number.isFinite(Number(str('maxKm'))) ? Number(str('maxKm')) : undefined;
    const notice = str('sent') ? `Referral ${str('sent')} sent.` : undefined;
    page(res, 200, renderLaunchedPage({ session, view: str('view') ?? session.action, service: str('service') ?? '', maxKm, listingRef: str('listing'), listings: deps.population.oceanListings(), path: `${base}${SSO}/session/${session.id}`, assets, notice }));
  });

  router.get(`${SSO}/session/:id/style.css`, (req: Request, res: Response) => {
    const session = launches.session(String(req.params.id));
    res.status(session ? 200 : 404).set('Cache-Control', 'no-store').type('text/css').send(session?.style ? styleCss(session.style) : '');
  });

  router.post(`${SSO}/session/:id/send`, express.urlencoded({ extended: false, limit: '1mb' }), async (req: Request, res: Response) => {
    const session = launches.session(String(req.params.id));
    if (!session) return page(res, 404, renderLaunchError('session', 'This Ocean session does not exist (or the sandbox was reset). Launch Ocean again from the EHR.', assets));
    try {
      const result = await sendReferral(deps, session, (req.body ?? {}) as Record<string, unknown>);
      const path = `${base}${SSO}/session/${session.id}`;
      if (!result.ok) {
        return page(res, result.status, renderLaunchedPage({ session, view: 'referDirect', service: '', listings: deps.population.oceanListings(), path, assets, error: result.message }));
      }
      // Read again: the send waited on the EHR (attachments by URL), and another send from this session, or a reset,
      // may have come meanwhile; a session a reset removed is not brought back.
      const current = launches.session(session.id);
      if (current) {
        current.sent = newestOf([...current.sent, { referralRef: result.referralRef, listingRef: result.listingRef, at: deps.clock.iso() }], SENT_KEEP);
        launches.putSession(current);
      }
      res.redirect(303, `${path}?view=portal&sent=${encodeURIComponent(result.referralRef)}`);
    } catch (err) {
      failed(res, err);
    }
  });
  return router;
}

/** `/admin/ocean/smart-issuers`: the allow-list (GET, POST {iss, clientId, clientSecret?, prefix?, label?}, DELETE ?iss=). */
export function createLaunchAdminRouter(deps: AppDeps): express.Router {
  const router = express.Router();
  const issuers = createIssuerRegistry(deps.store, deps.config.baseUrl);
  const hide = (i: AllowedIssuer) => (i.clientSecret ? { ...i, clientSecret: '***' } : i);
  router.get('/smart-issuers', (_req, res) => void res.json(issuers.list().map(hide)));
  router.post('/smart-issuers', (req, res) => {
    const b = (req.body ?? {}) as Partial<AllowedIssuer>;
    if (typeof b.iss !== 'string' || !URL.canParse(b.iss)) throw invalid('iss must be the absolute FHIR base URL the EHR sends as iss');
    if (typeof b.clientId !== 'string' || !b.clientId) throw invalid("clientId is required (Ocean's client id at the EHR)");
    if (b.clientSecret !== undefined && (typeof b.clientSecret !== 'string' || !b.clientSecret)) throw invalid("clientSecret must be Ocean's client secret at the EHR, or omitted when the EHR registered Ocean as a public (PKCE) client");
    if (b.prefix !== undefined && typeof b.prefix !== 'boolean') throw invalid('prefix must be true (allow every FHIR base below iss) or false');
    if (b.prefix && normalizeIss(new URL(b.iss).pathname) === '') throw invalid('a prefix must include a path (e.g. https://launcher.example/v/r4/sim), not a whole host');
    const entry: AllowedIssuer = { iss: b.iss, clientId: b.clientId, label: typeof b.label === 'string' ? b.label : undefined };
    if (b.clientSecret) entry.clientSecret = b.clientSecret;
    if (b.prefix) entry.prefix = true;
    res.status(201).json(hide(issuers.put(entry)));
  });
  router.delete('/smart-issuers', (req, res) => {
    const iss = typeof req.query.iss === 'string' ? req.query.iss : '';
    if (!issuers.remove(iss)) throw notFound(`${iss || '(no iss given)'} is not on the allow-list`);
    res.status(204).end();
  });
  return router;
}

// The referral page's document links: the $letter PDF and attachment bytes, fetched from Ocean as the sending site would.
import express from 'express';
import type { AppDeps } from '../app-deps.js';
import { fhirError, notFound, operationOutcome, type fhir } from '../fhir/index.js';
import { contentDisposition, fileNameOf } from '../http/content-disposition.js';
import { SANDBOX_UI_HEADER } from '../journal/index.js';

/** Types a browser may show inline from this origin; anything else a POS attached is offered as a download. */
const INLINE_TYPES = new Set(['application/pdf', 'image/png', 'image/jpeg', 'image/gif', 'text/plain']);

interface SiteCredentials {
  clientId: string;
  clientSecret: string;
}

/**
 * `/ui/api/ocean/referrals/:ref/letter` and `/ui/api/ocean/referrals/:ref/attachments/:id`: Ocean's document
 * routes need a site token, so the dashboard's server gets one for the referral's sending site (credentials from
 * the portal admin API, token from Ocean's token endpoint) and streams the answer. Every hop is a real HTTP
 * exchange on the sandbox, so it shows on the timeline. See: docs/ocean.md#authentication (token), #the-fhir-api ($letter, $binary).
 */
export function createOceanDocumentRoutes(deps: AppDeps): express.Router {
  const router = express.Router();
  const base = () => deps.config.baseUrl;

  /** fetch, with a refused connection reported as a 502 outcome rather than a bug. */
  async function call(url: string, init?: RequestInit): Promise<Response> {
    try {
      return await fetch(url, init);
    } catch (err) {
      throw upstream(`the sandbox at ${base()}`, 0, err instanceof Error ? err.message : String(err));
    }
  }

  async function json<T>(url: string): Promise<T> {
    const res = await call(url, { headers: deps.admin?.headers() ?? {} });
    if (res.status === 404) throw notFound(`${url.replace(base(), '')} does not exist`);
    if (!res.ok) throw upstream('the admin API', res.status, await res.text());
    return (await res.json()) as T;
  }

  /** A token for the referral's sending site, the way a POS gets one. */
  async function siteToken(ref: string): Promise<string> {
    const referral = await json<{ senderSiteNum: string }>(`${base()}/admin/ocean/referrals/${encodeURIComponent(ref)}`);
    const site = await json<SiteCredentials>(`${base()}/admin/ocean/sites/${encodeURIComponent(referral.senderSiteNum)}`);
    const res = await call(`${base()}/ocean/svc/oauth2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${Buffer.from(`${site.clientId}:${site.clientSecret}`).toString('base64')}` },
      body: 'grant_type=client_credentials',
    });
    if (!res.ok) throw upstream('the Ocean token endpoint', res.status, await res.text());
    return ((await res.json()) as { access_token: string }).access_token;
  }

  async function relay(res: express.Response, ref: string, path: string, download: boolean): Promise<void> {
    const token = await siteToken(ref);
    // Marked as the dashboard's own call: the site's token does not make it the partner's evidence.
    const answer = await call(`${base()}/ocean/svc/fhir/v1/${path}`, { headers: { authorization: `Bearer ${token}`, accept: '*/*', [SANDBOX_UI_HEADER]: '1' } });
    const bytes = Buffer.from(await answer.arrayBuffer());
    if (!answer.ok) throw upstream('Ocean', answer.status, bytes.toString('utf8'));
    const type = (answer.headers.get('content-type') ?? 'application/octet-stream').split(';')[0]!.trim().toLowerCase();
    const inline = !download && INLINE_TYPES.has(type);
    const name = fileNameOf(answer.headers.get('content-disposition')) ?? 'document';
    res.setHeader('Content-Type', inline ? (answer.headers.get('content-type') ?? type) : 'application/octet-stream');
    res.setHeader('Content-Disposition', contentDisposition(inline ? 'inline' : 'attachment', name));
    res.setHeader('Cache-Control', 'no-store');
    res.send(bytes);
  }

  router.get('/referrals/:ref/letter', async (req, res) => {
    const query = req.query.attachments === 'true' ? '?attachments=true' : '';
    await relay(res, req.params.ref, `ServiceRequest/${encodeURIComponent(req.params.ref)}/$letter${query}`, false);
  });
  router.get('/referrals/:ref/attachments/:id', async (req, res) => {
    await relay(res, req.params.ref, `DocumentReference/${encodeURIComponent(req.params.id)}/$binary`, req.query.download === '1');
  });
  return router;
}

/** Ocean's own 4xx answers pass through; anything else becomes a 502 naming who failed. */
function upstream(who: string, status: number, text: string) {
  let outcome: fhir.OperationOutcome | undefined;
  try {
    const body = JSON.parse(text) as { resourceType?: string };
    if (body.resourceType === 'OperationOutcome') outcome = body as fhir.OperationOutcome;
  } catch {
    outcome = undefined;
  }
  if (status >= 400 && status < 500 && outcome) return fhirError(status, outcome);
  const what = status ? `answered HTTP ${status}` : 'could not be reached';
  return fhirError(502, operationOutcome({ code: 'transient', diagnostics: `${who} ${what}: ${text.slice(0, 300)}` }));
}

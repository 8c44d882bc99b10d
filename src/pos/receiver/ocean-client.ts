// The receiver's HTTP client for Ocean: site credentials (from the portal admin API), OAuth token, $process-messages.
import type { AppDeps } from '../../app-deps.js';
import type * as fhir from '../../fhir/types.js';

export interface OceanAnswer {
  status: number;
  outcome?: string;
}

/** Marks the reference POS's own calls to Ocean, so a conformance run never counts them as a partner's evidence. */
export const REFERENCE_POS_HEADER = 'x-hie-reference-pos';

/** Posts a message Bundle to Ocean as the receiving site, as a POS would (client credentials, then the Bundle). */
export function createOceanClient(deps: AppDeps) {
  const base = deps.config.baseUrl;
  const tokens = new Map<string, { token: string; until: number }>();

  async function token(siteNum: string): Promise<string | undefined> {
    const cached = tokens.get(siteNum);
    if (cached && cached.until > deps.clock.now()) return cached.token;
    const site = await fetch(`${base}/admin/ocean/sites/${encodeURIComponent(siteNum)}`, { headers: deps.admin?.headers() ?? {} });
    if (!site.ok) return undefined;
    const { clientId, clientSecret } = (await site.json()) as { clientId: string; clientSecret: string };
    const res = await fetch(`${base}/ocean/svc/oauth2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}` },
      body: 'grant_type=client_credentials',
    });
    if (!res.ok) return undefined;
    const json = (await res.json()) as { access_token: string; expires_in?: number };
    tokens.set(siteNum, { token: json.access_token, until: deps.clock.now() + ((json.expires_in ?? 300) - 30) * 1000 });
    return json.access_token;
  }

  /**
   * A call as the site; refused with 401 (the sandbox's clock can tick past the token's hour between getting it and
   * using it, when a scenario waits), once more with a new token, as an OAuth client does.
   */
  async function asSite(siteNum: string | undefined, call: (bearer: string | undefined) => Promise<Response>): Promise<Response> {
    const res = await call(siteNum ? await token(siteNum) : undefined);
    if (res.status !== 401 || !siteNum) return res;
    await res.arrayBuffer();
    tokens.delete(siteNum);
    return call(await token(siteNum));
  }
  const authorization = (bearer: string | undefined): Record<string, string> => (bearer ? { authorization: `Bearer ${bearer}` } : {});

  return {
    fhirBase: `${base}/ocean/svc/fhir/v1`,
    /** GETs a document (`$letter`, `$binary`) as the site. */
    async get(siteNum: string | undefined, url: string): Promise<{ status: number; bytes: number; contentType?: string }> {
      const res = await asSite(siteNum, (bearer) => fetch(url, { headers: { [REFERENCE_POS_HEADER]: '1', ...authorization(bearer) } }));
      const bytes = (await res.arrayBuffer()).byteLength;
      return { status: res.status, bytes, contentType: res.headers.get('content-type') ?? undefined };
    },
    processMessagesUrl: `${base}/ocean/svc/fhir/v1/$process-messages`,
    async post(siteNum: string | undefined, bundle: fhir.Bundle): Promise<OceanAnswer> {
      const body = JSON.stringify(bundle);
      const res = await asSite(siteNum, (bearer) =>
        fetch(`${base}/ocean/svc/fhir/v1/$process-messages`, { method: 'POST', headers: { 'content-type': 'application/fhir+json', [REFERENCE_POS_HEADER]: '1', ...authorization(bearer) }, body }),
      );
      const answer = (await res.json().catch(() => undefined)) as { issue?: Array<{ diagnostics?: string }> } | undefined;
      return { status: res.status, outcome: answer?.issue?.map((i) => i.diagnostics).filter(Boolean).join('; ') };
    },
  };
}
export type OceanClient = ReturnType<typeof createOceanClient>;

// An EHR set up unlike the reference EMR, shaped like the SMART Health IT launcher: an `iss` minted per launch
// under /v/r4/sim/{sim}/fhir, Ocean as a public PKCE client, need_patient_banner false, a smart_style_url, an
// encounter in context, and FHIR reads proxied (without a token) to the sandbox's EMR.
import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import express from 'express';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';

export interface IndependentEhr {
  url: string;
  /** The FHIR base (the `iss`) of one simulated launch. */
  issFor(sim: string): string;
  /** What Ocean sent to authorize and token. */
  seen: { authorize?: URLSearchParams; token?: { authorization?: string; body: URLSearchParams } };
  /** Launch context the next token response carries. */
  context: { patient?: string; encounter?: string; fhirUser?: string };
  style: Record<string, string>;
  close(): Promise<void>;
}

export async function startIndependentEhr(o: { clientId: string; upstreamFhir: string }): Promise<IndependentEhr> {
  const { publicKey, privateKey } = await generateKeyPair('RS256', { extractable: true });
  const jwks = { keys: [{ ...(await exportJWK(publicKey)), kid: 'sim-1', alg: 'RS256', use: 'sig' }] };
  const codes = new Map<string, { challenge: string; nonce?: string; sim: string }>();
  const app = express();
  const server: Server = createServer(app);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  const issFor = (sim: string) => `${url}/v/r4/sim/${sim}/fhir`;
  const state: IndependentEhr = { url, issFor, seen: {}, context: {}, style: {}, close: async () => undefined };

  const discovery = (sim: string) => ({
    issuer: issFor(sim),
    authorization_endpoint: `${url}/v/r4/sim/${sim}/auth/authorize`,
    token_endpoint: `${url}/v/r4/sim/${sim}/auth/token`,
    jwks_uri: `${url}/keys`,
    token_endpoint_auth_methods_supported: ['private_key_jwt', 'client_secret_basic', 'none'],
    grant_types_supported: ['authorization_code'],
    code_challenge_methods_supported: ['S256'],
    capabilities: ['launch-ehr', 'client-public', 'context-ehr-patient', 'context-ehr-encounter', 'sso-openid-connect', 'permission-v2'],
  });
  app.get('/v/r4/sim/:sim/fhir/.well-known/:doc', (req, res) => void res.json(discovery(String(req.params.sim))));
  app.get('/keys', (_req, res) => void res.json(jwks));
  app.get('/smart-style.json', (_req, res) => void res.json(state.style));
  app.get('/v/r4/sim/:sim/auth/authorize', (req, res) => {
    const q = new URLSearchParams(req.url.split('?')[1]);
    state.seen.authorize = q;
    const back = new URL(q.get('redirect_uri')!);
    if (q.get('client_id') !== o.clientId || q.get('code_challenge_method') !== 'S256' || !q.get('code_challenge')) back.searchParams.set('error', 'invalid_request');
    else {
      const code = `code-${codes.size + 1}`;
      codes.set(code, { challenge: q.get('code_challenge')!, nonce: q.get('nonce') ?? undefined, sim: String(req.params.sim) });
      back.searchParams.set('code', code);
    }
    back.searchParams.set('state', q.get('state') ?? '');
    res.redirect(302, back.toString());
  });
  app.post('/v/r4/sim/:sim/auth/token', express.urlencoded({ extended: false }), async (req, res) => {
    const body = new URLSearchParams(req.body as Record<string, string>);
    state.seen.token = { authorization: req.headers.authorization, body };
    // A public client: no client authentication, its client_id, and the PKCE verifier.
    if (req.headers.authorization || body.has('client_secret')) return void res.status(400).json({ error: 'invalid_request', error_description: 'public clients do not authenticate' });
    const grant = codes.get(body.get('code') ?? '');
    const verifier = body.get('code_verifier') ?? '';
    if (!grant || body.get('client_id') !== o.clientId || createHash('sha256').update(verifier).digest('base64url') !== grant.challenge) return void res.status(400).json({ error: 'invalid_grant' });
    codes.delete(body.get('code')!);
    const iss = issFor(grant.sim);
    const now = Math.floor(Date.now() / 1000);
    const idToken = await new SignJWT({ fhirUser: state.context.fhirUser ? `${iss}/${state.context.fhirUser}` : undefined, ...(grant.nonce ? { nonce: grant.nonce } : {}) })
      .setProtectedHeader({ alg: 'RS256', kid: 'sim-1' }).setIssuer(iss).setAudience(o.clientId).setSubject('sim-user').setIssuedAt(now).setExpirationTime(now + 300).sign(privateKey);
    res.set({ 'Cache-Control': 'no-store', Pragma: 'no-cache' }).json({
      access_token: 'sim-access-token', token_type: 'Bearer', expires_in: 3600, scope: 'launch openid fhirUser patient/*.read',
      id_token: idToken, patient: state.context.patient, encounter: state.context.encounter, need_patient_banner: false, smart_style_url: `${url}/smart-style.json`,
    });
  });
  // FHIR reads go to the EMR without the token, as the launcher proxies to its own backing server.
  app.get('/v/r4/sim/:sim/fhir/*rest', async (req, res) => {
    const path = req.url.replace(/^\/v\/r4\/sim\/[^/]+\/fhir/, '');
    const upstream = await fetch(`${o.upstreamFhir}${path}`, { headers: { accept: 'application/fhir+json' } });
    res.status(upstream.status).type(upstream.headers.get('content-type') ?? 'application/json').send(await upstream.text());
  });
  state.close = () => new Promise<void>((r) => {
    server.close(() => r());
    server.closeAllConnections();
  });
  return state;
}

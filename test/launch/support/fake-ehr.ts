// A deliberately configurable EHR on port 0, to check that each launch failure or sloppiness gives Ocean a clear message.
import express from 'express';
import { createServer, type Server } from 'node:http';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';

export interface FakeEhrMode {
  /**
   * `minimal`: OIDC fields only (no SMART REQUIRED fields, no S256); `post-only`: client_secret_post; `not-json`: HTML at both;
   * `smart-only`: no openid-configuration; `no-smart`: no smart-configuration; `jwks-in-smart-only`: jwks_uri only in smart-configuration; `no-issuer`: openid-configuration without issuer.
   */
  discovery: 'ok' | 'missing' | 'no-jwks' | 'minimal' | 'post-only' | 'not-json' | 'smart-only' | 'no-smart' | 'jwks-in-smart-only' | 'no-issuer';
  authorize: 'ok' | 'deny' | 'no-code' | 'no-state';
  /** `sloppy`: no scope, no Cache-Control/Pragma, token_type "bearer-ish". */
  token: 'ok' | 'invalid_client' | 'html' | 'no-access-token' | 'sloppy' | 'server-error';
  idToken: 'ok' | 'missing' | 'foreign-key' | 'wrong-aud' | 'wrong-iss' | 'expired' | 'hs256' | 'bad-nonce' | 'no-sub' | 'garbage' | 'es256';
  jwks: 'ok' | 'down';
  /** `none`: no patient in the token; `paged`: $everything with a next link and a partial total, CPP without narrative. */
  /** `hostile`: markup in every string Ocean shows (names, narratives, attachment titles). */
  fhir: 'none' | 'ok' | 'paged' | 'patient-404' | 'hostile';
}

export interface FakeEhr {
  url: string;
  fhirBase: string;
  mode: FakeEhrMode;
  /** What Ocean sent: the last authorize query and token request. */
  seen: { authorize?: URLSearchParams; token?: { authorization?: string; body: URLSearchParams } };
  reset(): void;
  close(): Promise<void>;
}

const DEFAULT_MODE: FakeEhrMode = { discovery: 'ok', authorize: 'ok', token: 'ok', idToken: 'ok', jwks: 'ok', fhir: 'none' };

export async function startFakeEhr(clientId: string): Promise<FakeEhr> {
  const good = await generateKeyPair('RS256', { extractable: true });
  const ec = await generateKeyPair('ES256', { extractable: true });
  const foreign = await generateKeyPair('RS256');
  const keys = [{ ...(await exportJWK(good.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' }, { ...(await exportJWK(ec.publicKey)), kid: 'k2', alg: 'ES256', use: 'sig' }];
  const mode: FakeEhrMode = { ...DEFAULT_MODE };
  const seen: FakeEhr['seen'] = {};
  let nonce: string | undefined;
  const app = express();
  const server: Server = createServer(app);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  const fhirBase = `${url}/fhir`;
  const meta = (doc: string) => {
    const noJwks = mode.discovery === 'no-jwks' || (mode.discovery === 'jwks-in-smart-only' && doc === 'openid-configuration');
    const oidc = { ...(mode.discovery === 'no-issuer' ? {} : { issuer: fhirBase }), authorization_endpoint: `${url}/authorize`, token_endpoint: `${url}/token`, ...(noJwks ? {} : { jwks_uri: `${url}/jwks` }) };
    if (mode.discovery === 'minimal') return oidc;
    return { ...oidc, code_challenge_methods_supported: ['S256'], grant_types_supported: ['authorization_code'], capabilities: ['launch-ehr', 'context-ehr-patient', 'sso-openid-connect'], ...(mode.discovery === 'post-only' ? { token_endpoint_auth_methods_supported: ['client_secret_post'] } : {}) };
  };
  app.get('/fhir/.well-known/:doc', (req, res) => {
    const doc = req.params.doc;
    const absent = mode.discovery === 'missing' || (mode.discovery === 'smart-only' && doc === 'openid-configuration') || (mode.discovery === 'no-smart' && doc === 'smart-configuration');
    if (absent) return void res.status(404).send('Not Found');
    if (mode.discovery === 'not-json') return void res.status(200).type('html').send('<html>sign in</html>');
    res.json(meta(doc));
  });
  app.get('/jwks', (_req, res) => void (mode.jwks === 'down' ? res.status(503).send('down') : res.json({ keys })));
  app.get('/authorize', (req, res) => {
    seen.authorize = new URLSearchParams(req.url.split('?')[1]);
    nonce = seen.authorize.get('nonce') ?? undefined;
    const back = new URL(String(req.query.redirect_uri));
    if (mode.authorize === 'deny') back.searchParams.set('error', 'access_denied');
    else if (mode.authorize !== 'no-code') back.searchParams.set('code', 'code-1');
    if (mode.authorize !== 'no-state') back.searchParams.set('state', String(req.query.state));
    res.redirect(302, back.toString());
  });
  app.post('/token', express.urlencoded({ extended: false }), async (req, res) => {
    seen.token = { authorization: req.headers.authorization, body: new URLSearchParams(req.body as Record<string, string>) };
    if (mode.token === 'invalid_client') return void res.status(401).json({ error: 'invalid_client', error_description: 'bad secret' });
    if (mode.token === 'server-error') return void res.status(500).type('text').send('java.lang.NullPointerException');
    if (mode.token === 'html') return void res.status(200).type('html').send('<html>login</html>');
    const tokenBody = { token_type: mode.token === 'sloppy' ? 'mac' : 'Bearer', ...(mode.token === 'sloppy' ? {} : { scope: 'openid fhirUser launch' }), ...(mode.token === 'no-access-token' ? {} : { access_token: 'at' }), ...(mode.idToken === 'missing' ? {} : { id_token: await idToken() }), ...(mode.fhir === 'none' ? {} : { patient: 'p1' }), ...(mode.token === 'sloppy' ? {} : { oceanSharedEncryptionKey: Buffer.from('sek-of-the-fake-site').toString('base64') }) };
    if (mode.token !== 'sloppy') res.set({ 'Cache-Control': 'no-store', Pragma: 'no-cache' });
    res.json(tokenBody);
  });
  const idToken = async () => {
    if (mode.idToken === 'garbage') return 'not.a.jwt';
    const now = Math.floor(Date.now() / 1000);
    const claims = { fhirUser: `${fhirBase}/Practitioner/u1`, ...(mode.idToken === 'bad-nonce' ? { nonce: 'not-the-one-sent' } : nonce ? { nonce } : {}) };
    const jwt = new SignJWT(claims).setIssuer(mode.idToken === 'wrong-iss' ? 'http://elsewhere.example/fhir' : fhirBase).setAudience(mode.idToken === 'wrong-aud' ? 'someone-else' : clientId);
    if (mode.idToken !== 'no-sub') jwt.setSubject('u1');
    if (mode.idToken === 'expired') jwt.setIssuedAt(now - 7200).setExpirationTime(now - 3600);
    else jwt.setIssuedAt(now).setExpirationTime(now + 3600);
    if (mode.idToken === 'hs256') return jwt.setProtectedHeader({ alg: 'HS256', kid: 'k1' }).sign(new TextEncoder().encode('a-shared-secret-of-32-bytes-long!'));
    if (mode.idToken === 'es256') return jwt.setProtectedHeader({ alg: 'ES256', kid: 'k2' }).sign(ec.privateKey);
    return jwt.setProtectedHeader({ alg: 'RS256', kid: 'k1' }).sign(mode.idToken === 'foreign-key' ? foreign.privateKey : good.privateKey);
  };
  const narrative = (text: string) => ({ status: 'generated', div: `<div xmlns="http://www.w3.org/1999/xhtml">${text}</div>` });
  const XSS = '"><script>alert(1)</script><img src=x onerror=alert(2)>';
  const hostile = () => mode.fhir === 'hostile';
  const patient = () => ({ resourceType: 'Patient', id: 'p1', text: narrative('Pat Fake'), name: [{ family: hostile() ? `Fake${XSS}` : 'Fake', given: ['Pat'] }], birthDate: '1970-01-01', gender: 'female', address: hostile() ? [{ line: [XSS], city: XSS }] : undefined });
  app.get('/fhir/Practitioner/u1', (_req, res) => void res.json({ resourceType: 'Practitioner', id: 'u1', name: [{ family: hostile() ? `Welby${XSS}` : 'Welby', given: ['Marcus'], prefix: ['Dr.'] }] }));
  app.get('/fhir/Patient/p1', (_req, res) => void (mode.fhir === 'patient-404' ? res.status(404).json({ resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'not-found' }] }) : res.json(patient())));
  app.get('/fhir/Patient/p1/\\$everything', (_req, res) => {
    const condition = { resourceType: 'Condition', id: 'c1', subject: { reference: 'Patient/p1' }, clinicalStatus: { coding: [{ code: 'active' }] }, code: { text: 'Asthma' } };
    const paged = mode.fhir === 'paged';
    const extra = hostile() ? [{ resource: { resourceType: 'DocumentReference', id: 'd1', status: 'current', subject: { reference: 'Patient/p1' }, content: [{ attachment: { contentType: 'text/plain', title: `note${XSS}.txt`, data: 'aGk=' } }] } }] : [];
    res.json({ resourceType: 'Bundle', type: 'searchset', ...(paged ? { total: 40, link: [{ relation: 'next', url: `${fhirBase}/Patient/p1/$everything?page=2` }] } : {}), entry: [{ resource: patient() }, { resource: paged ? condition : { ...condition, text: narrative(hostile() ? `Asthma ${XSS.replace(/</g, '&lt;')}` : 'Asthma, active') } }, ...extra] });
  });
  return {
    url,
    fhirBase,
    mode,
    seen,
    reset: () => {
      Object.assign(mode, DEFAULT_MODE);
      delete seen.authorize;
      delete seen.token;
    },
    close: () => new Promise<void>((r) => {
      server.close(() => r());
      server.closeAllConnections();
    }),
  };
}

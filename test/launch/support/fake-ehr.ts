// A deliberately configurable EHR on port 0, to check that each launch failure gives Ocean a clear message.
import express from 'express';
import { createServer, type Server } from 'node:http';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';

export interface FakeEhrMode {
  discovery: 'ok' | 'missing' | 'no-jwks';
  authorize: 'ok' | 'deny';
  token: 'ok' | 'invalid_client' | 'html' | 'no-access-token';
  idToken: 'ok' | 'missing' | 'foreign-key' | 'wrong-aud';
}

export interface FakeEhr {
  url: string;
  fhirBase: string;
  mode: FakeEhrMode;
  close(): Promise<void>;
}

export async function startFakeEhr(clientId: string): Promise<FakeEhr> {
  const good = await generateKeyPair('RS256', { extractable: true });
  const foreign = await generateKeyPair('RS256');
  const jwk = { ...(await exportJWK(good.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
  const mode: FakeEhrMode = { discovery: 'ok', authorize: 'ok', token: 'ok', idToken: 'ok' };
  const app = express();
  const server: Server = createServer(app);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  const url = `http://127.0.0.1:${port}`;
  const fhirBase = `${url}/fhir`;
  const meta = () => ({ issuer: fhirBase, authorization_endpoint: `${url}/authorize`, token_endpoint: `${url}/token`, ...(mode.discovery === 'no-jwks' ? {} : { jwks_uri: `${url}/jwks` }), code_challenge_methods_supported: ['S256'], grant_types_supported: ['authorization_code'], capabilities: ['launch-ehr', 'context-ehr-patient', 'sso-openid-connect'] });
  app.get('/fhir/.well-known/:doc', (_req, res) => void (mode.discovery === 'missing' ? res.status(404).send('Not Found') : res.json(meta())));
  app.get('/jwks', (_req, res) => void res.json({ keys: [jwk] }));
  app.get('/authorize', (req, res) => {
    const back = new URL(String(req.query.redirect_uri));
    if (mode.authorize === 'deny') back.searchParams.set('error', 'access_denied');
    else back.searchParams.set('code', 'code-1');
    back.searchParams.set('state', String(req.query.state));
    res.redirect(302, back.toString());
  });
  app.post('/token', async (_req, res) => {
    if (mode.token === 'invalid_client') return void res.status(401).json({ error: 'invalid_client', error_description: 'bad secret' });
    if (mode.token === 'html') return void res.status(200).type('html').send('<html>login</html>');
    const now = Math.floor(Date.now() / 1000);
    const key = mode.idToken === 'foreign-key' ? foreign.privateKey : good.privateKey;
    const idToken = await new SignJWT({ fhirUser: `${fhirBase}/Practitioner/u1` }).setProtectedHeader({ alg: 'RS256', kid: 'k1' }).setIssuer(fhirBase).setAudience(mode.idToken === 'wrong-aud' ? 'someone-else' : clientId).setSubject('u1').setIssuedAt(now).setExpirationTime(now + 3600).sign(key);
    res.set('Cache-Control', 'no-store').json({ token_type: 'Bearer', scope: 'openid', ...(mode.token === 'no-access-token' ? {} : { access_token: 'at' }), ...(mode.idToken === 'missing' ? {} : { id_token: idToken }) });
  });
  return { url, fhirBase, mode, close: () => new Promise<void>((r) => server.close(() => r())) };
}

// A tiny SMART app built on the independent `fhirclient` library (its Node adapter), on port 0: /launch and /app.
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import express from 'express';
import smart from 'fhirclient';

/** fhirclient's Client, as `ready()` returns it. */
export type Client = Awaited<ReturnType<ReturnType<typeof smart>['ready']>>;

export interface FhirclientApp {
  url: string;
  /** Whatever /app's handler got from the EHR (set once a launch completes). */
  result?: { client: Client; patient: Record<string, unknown>; everything: Record<string, unknown>; accessToken?: string; refreshedAccessToken?: string; patientAfterRefresh?: Record<string, unknown> };
  /** The last error fhirclient raised, as text. */
  error?: string;
  close(): Promise<void>;
}

/**
 * Without `clientSecret` the app is a public client (PKCE only, and no client authentication on refresh).
 * fhirclient's default Node storage keeps its state in `req.session`; a cookie-keyed map stands in for
 * express-session, so the launch needs a browser-like cookie jar as a real app would.
 */
export async function startFhirclientApp(o: { clientId: string; clientSecret?: string; scope: string }): Promise<FhirclientApp> {
  const sessions = new Map<string, Record<string, unknown>>();
  const app = express();
  const state: FhirclientApp = { url: '', close: async () => undefined };
  app.use((req, res, next) => {
    const sid = /(?:^|;\s*)sid=([\w-]+)/.exec(req.headers.cookie ?? '')?.[1] ?? randomBytes(16).toString('base64url');
    if (!sessions.has(sid)) sessions.set(sid, {});
    (req as unknown as IncomingMessage & { session: Record<string, unknown> }).session = sessions.get(sid)!;
    res.setHeader('Set-Cookie', `sid=${sid}; Path=/; HttpOnly`);
    next();
  });
  app.get('/launch', (req, res) => {
    smart(req, res)
      .authorize({ clientId: o.clientId, clientSecret: o.clientSecret, scope: o.scope, redirectUri: '/app' })
      .catch((err: Error) => {
        state.error = err.message;
        res.status(500).send(err.message);
      });
  });
  app.get('/app', async (req, res) => {
    try {
      const client = await smart(req, res).ready();
      const patient = (await client.patient.read()) as Record<string, unknown>;
      const everything = (await client.request(`Patient/${client.patient.id}/$everything`)) as Record<string, unknown>;
      state.result = { client, patient, everything, accessToken: client.state.tokenResponse?.access_token };
      const refreshed = await client.refresh();
      state.result.refreshedAccessToken = refreshed.tokenResponse?.access_token;
      state.result.patientAfterRefresh = (await client.patient.read()) as Record<string, unknown>;
      res.json({ ok: true, patient: client.patient.id });
    } catch (err) {
      state.error = (err as Error).message;
      res.status(500).send(state.error);
    }
  });
  const server: Server = createServer(app);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  state.url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  state.close = () => new Promise<void>((r) => {
    server.close(() => r());
    server.closeAllConnections();
  });
  return state;
}

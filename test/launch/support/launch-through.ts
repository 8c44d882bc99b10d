// Runs a launch through the fake EHR with supertest on Ocean's side: /auth, the EHR's authorize, /callback, the page.
import request from 'supertest';
import { expect } from 'vitest';
import type { Sandbox } from '../../../src/app.js';
import type { FakeEhr } from './fake-ehr.js';

/** Ocean's /auth query for a launch by the fake EHR; `over` replaces its launch parameters (`action`, `siteNum`; undefined leaves one out). */
export function launchQuery(ehr: FakeEhr, over: Record<string, string | undefined> = {}): Record<string, string> {
  const query: Record<string, string | undefined> = { iss: ehr.fhirBase, launch: 'L1', action: 'viewMap', siteNum: '1001', ...over };
  return Object.fromEntries(Object.entries(query).filter((e): e is [string, string] => e[1] !== undefined));
}

/** Launches and returns the launched session's URL (its path and query, on a dummy origin); the launch must not stop. */
export async function launchedSession(sandbox: Sandbox, ehr: FakeEhr, over: Record<string, string | undefined> = {}): Promise<URL> {
  const start = await request(sandbox.app).get('/ocean/sso/smart/auth').query(launchQuery(ehr, over)).expect(302);
  const auth = await fetch(start.headers.location!, { redirect: 'manual' });
  const back = new URL(auth.headers.get('location')!);
  const callback = await request(sandbox.app).get(`${back.pathname}${back.search}`);
  expect(callback.status, callback.text).toBe(303);
  return new URL(callback.headers.location!, 'http://x');
}

/** Launches and returns the launched page (`view` picks the landing view); the launch must not stop. */
export async function launchedPage(sandbox: Sandbox, ehr: FakeEhr, view?: string): Promise<{ text: string; csp: string | undefined }> {
  const session = await launchedSession(sandbox, ehr);
  if (view) session.searchParams.set('view', view);
  const page = await request(sandbox.app).get(`${session.pathname}${session.search}`).expect(200);
  return { text: page.text, csp: page.headers['content-security-policy'] };
}

// Runs a launch through the fake EHR with supertest on Ocean's side: /auth, the EHR's authorize, /callback, the page.
import request from 'supertest';
import { expect } from 'vitest';
import type { Sandbox } from '../../../src/app.js';
import type { FakeEhr } from './fake-ehr.js';

/** Launches and returns the launched page (`view` picks the landing view); the launch must not stop. */
export async function launchedPage(sandbox: Sandbox, ehr: FakeEhr, view?: string): Promise<{ text: string; csp: string | undefined }> {
  const start = await request(sandbox.app).get('/ocean/sso/smart/auth').query({ iss: ehr.fhirBase, launch: 'L1', action: 'viewMap', siteNum: '1001' }).expect(302);
  const auth = await fetch(start.headers.location!, { redirect: 'manual' });
  const back = new URL(auth.headers.get('location')!);
  const callback = await request(sandbox.app).get(`${back.pathname}${back.search}`);
  expect(callback.status, callback.text).toBe(303);
  const session = new URL(callback.headers.location!, 'http://x');
  if (view) session.searchParams.set('view', view);
  const page = await request(sandbox.app).get(`${session.pathname}${session.search}`).expect(200);
  return { text: page.text, csp: page.headers['content-security-policy'] };
}

// The EMR's launch contexts, codes and refresh tokens stay within their bounds however many unauthenticated launches come.
import request from 'supertest';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../src/app.js';
import { createPosSystem } from '../../src/pos/index.js';
import { createGrantStore, GRANT_KEEP, type GrantStore } from '../../src/pos/emr/grants.js';
import { oceanClient } from '../../src/pos/emr/registration.js';
import { emrUrls } from '../../src/pos/emr/smart-configuration.js';
import { createTestSandbox } from '../support/sandbox.js';

let sandbox: Sandbox;
let grants: GrantStore;
let ocean: ReturnType<typeof oceanClient>;
let urls: ReturnType<typeof emrUrls>;

beforeEach(async () => {
  sandbox = await createTestSandbox({ systems: [createPosSystem] });
  grants = createGrantStore(sandbox.deps.store);
  ocean = oceanClient(sandbox.deps.config.baseUrl);
  urls = emrUrls(sandbox.deps.config.baseUrl);
});
afterEach(async () => sandbox.close());

const now = () => sandbox.deps.clock.now();
const count = (collection: string) => sandbox.deps.store.count(collection);
const path = (url: string) => url.replace(sandbox.deps.config.baseUrl, '');
const basic = () => `Basic ${Buffer.from(`${ocean.clientId}:${ocean.clientSecret}`).toString('base64')}`;
const grant = (expiresAt: number) => ({ clientId: ocean.clientId, scope: 'launch openid fhirUser online_access', patientIndex: 0, userIpc: 'x', expiresAt });
/** Half the bound live, then half expired behind them: a trim that only took the oldest would take live ones. */
const liveThenExpired = (keep: number, put: (key: string, expiresAt: number) => void) => {
  for (let i = 0; i < keep; i++) put(i < keep / 2 ? `live-${i}` : `expired-${i}`, i < keep / 2 ? now() + 600_000 : now() - 1);
};

async function clickLaunch(): Promise<string> {
  const res = await request(sandbox.app).post('/pos/emr/patients/pt-0/launch').type('form').send({}).expect(303);
  return new URL(res.headers.location!).searchParams.get('launch')!;
}

function authorize(launch: string) {
  const q = { response_type: 'code', client_id: ocean.clientId, redirect_uri: ocean.redirectUris[0]!, scope: 'launch openid fhirUser patient/Patient.read online_access', state: 'st', aud: urls.fhirBase, launch };
  return request(sandbox.app).get(path(urls.authorize)).query(q).expect(302).then((res) => new URL(res.headers.location!).searchParams);
}

const token = (form: Record<string, string>) => request(sandbox.app).post(path(urls.token)).type('form').set('authorization', basic()).send(form);

describe('launch contexts', () => {
  it('stays within the bound however often Launch is clicked, dropping expired launches first, and the newest still authorizes', async () => {
    const keep = GRANT_KEEP.launches;
    liveThenExpired(keep, (id, expiresAt) => grants.putLaunch({ id, patientIndex: 0, userIpc: 'x', clientId: ocean.clientId, expiresAt }, now()));
    let launch = '';
    for (let i = 0; i < 25; i++) {
      launch = await clickLaunch();
      expect(count('pos.launches')).toBeLessThanOrEqual(keep);
    }
    for (let i = 0; i < keep / 2; i++) expect(grants.launch(`live-${i}`), `live-${i}`).toBeDefined();
    expect((await authorize(launch)).get('code')).toEqual(expect.any(String));
  });
  it('drops the oldest when none has expired, and refuses a dropped launch as unknown', async () => {
    const keep = GRANT_KEEP.launches;
    for (let i = 0; i < keep; i++) grants.putLaunch({ id: `live-${i}`, patientIndex: 0, userIpc: 'x', clientId: ocean.clientId, expiresAt: now() + 600_000 }, now());
    const launch = await clickLaunch();
    expect(count('pos.launches')).toBeLessThanOrEqual(keep);
    expect(grants.launch('live-0')).toBeUndefined();
    expect(grants.launch(`live-${keep - 1}`)).toBeDefined();
    expect((await authorize('live-0')).get('error_description')).toContain('unknown or has expired');
    expect((await authorize(launch)).get('code')).toEqual(expect.any(String));
  });
  it('still refuses an expired launch it keeps', async () => {
    grants.putLaunch({ id: 'stale', patientIndex: 0, userIpc: 'x', clientId: ocean.clientId, expiresAt: now() - 1 }, now());
    expect((await authorize('stale')).get('error_description')).toContain('unknown or has expired');
  });
});

describe('authorization codes', () => {
  it('stay within the bound however many authorize requests come, dropping expired codes first, and the newest still redeems', async () => {
    const keep = GRANT_KEEP.codes;
    liveThenExpired(keep, (code, expiresAt) => grants.putCode(code, { ...grant(expiresAt), redirectUri: ocean.redirectUris[0]! }, now()));
    const launch = await clickLaunch();
    let code = '';
    for (let i = 0; i < 25; i++) {
      code = (await authorize(launch)).get('code')!;
      expect(count('pos.codes')).toBeLessThanOrEqual(keep);
    }
    expect(count('pos.codes')).toBeGreaterThan(keep / 2);
    for (let i = 0; i < keep / 2; i++) expect(sandbox.deps.store.has('pos.codes', `live-${i}`), `live-${i}`).toBe(true);
    await token({ grant_type: 'authorization_code', code, redirect_uri: ocean.redirectUris[0]! }).expect(200);
  });
});

describe('refresh tokens', () => {
  it('stay within the bound however many launches get one, dropping expired tokens first, and the newest still refreshes', async () => {
    const keep = GRANT_KEEP.refreshTokens;
    liveThenExpired(keep, (t, expiresAt) => grants.putRefresh(t, grant(expiresAt), now()));
    let refresh = '';
    for (let i = 0; i < 3; i++) {
      const code = (await authorize(await clickLaunch())).get('code')!;
      refresh = (await token({ grant_type: 'authorization_code', code, redirect_uri: ocean.redirectUris[0]! }).expect(200)).body.refresh_token as string;
      expect(count('pos.refresh')).toBeLessThanOrEqual(keep);
    }
    for (let i = 0; i < keep / 2; i++) expect(grants.peekRefresh(`live-${i}`), `live-${i}`).toBeDefined();
    const res = await token({ grant_type: 'refresh_token', refresh_token: refresh }).expect(200);
    expect(res.body.refresh_token).toEqual(expect.any(String));
    expect(grants.peekRefresh(refresh)).toBeUndefined();
  });
  it('still refuses an expired refresh token it keeps', async () => {
    grants.putRefresh('stale', grant(now() - 1), now());
    expect((await token({ grant_type: 'refresh_token', refresh_token: 'stale' }).expect(400)).body.error).toBe('invalid_grant');
  });
});

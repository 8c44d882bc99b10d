// The conformance panel: what a sloppy launching EHR did wrong is flagged on the page and in the journal, and Ocean goes on.
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { launchedSession, launchedPage as launch } from './support/launch-through.js';
import { useOceanWithFakeEhr } from './support/ocean-with-fake-ehr.js';

const world = useOceanWithFakeEhr();

const launchedPage = async () => (await launch(world.sandbox, world.ehr)).text;
const panel = (page: string) => /<section class="panel[^"]*" id="conformance">([\s\S]*?)<\/section>/.exec(page)![1]!;

describe('how Ocean talks to the EHR', () => {
  it('sends state, aud, launch, its scope list and an S256 challenge, then authenticates with Basic and the code_verifier', async () => {
    await launchedPage();
    const a = world.ehr.seen.authorize!;
    expect(a.get('aud')).toBe(world.ehr.fhirBase);
    expect(a.get('launch')).toBe('L1');
    expect(Buffer.from(a.get('state')!, 'base64url').length * 8).toBeGreaterThanOrEqual(122);
    expect(a.get('scope')).toContain('launch/patient');
    expect(a.get('code_challenge_method')).toBe('S256');
    const t = world.ehr.seen.token!;
    expect(Buffer.from(t.authorization!.replace(/^Basic /, ''), 'base64').toString()).toBe('ocean-at-fake:s3cret');
    expect(t.body.get('code_verifier')).toEqual(expect.any(String));
    expect(t.body.get('client_secret')).toBeNull();
  });
  it('posts the client secret in the form when the EHR offers only client_secret_post', async () => {
    world.ehr.mode.discovery = 'post-only';
    await launchedPage();
    expect(world.ehr.seen.token!.authorization).toBeUndefined();
    expect(world.ehr.seen.token!.body.get('client_id')).toBe('ocean-at-fake');
    expect(world.ehr.seen.token!.body.get('client_secret')).toBe('s3cret');
  });
  it('accepts an ES256 id_token and names the user from fhirUser', async () => {
    world.ehr.mode.idToken = 'es256';
    expect(await launchedPage()).toContain('signed in as Dr. Marcus Welby');
  });
});

describe('the conformance panel', () => {
  it('flags a smart-configuration without its REQUIRED fields and goes on without PKCE', async () => {
    world.ehr.mode.discovery = 'minimal';
    const text = panel(await launchedPage());
    for (const field of ['grant_types_supported', 'capabilities', 'code_challenge_methods_supported']) expect(text).toContain(`smart-configuration has no ${field} (REQUIRED)`);
    expect(world.ehr.seen.authorize!.get('code_challenge')).toBeNull();
    const journal = world.sandbox.deps.journal.query().filter((e) => e.method === 'CONFORMANCE');
    expect(journal.map((e) => e.request?.body)).toContain('WARN [discovery] smart-configuration has no code_challenge_methods_supported (REQUIRED)');
  });
  it('flags an EHR without smart-configuration and goes on with its OpenID Connect metadata', async () => {
    world.ehr.mode.discovery = 'no-smart';
    expect(panel(await launchedPage())).toContain('.well-known/smart-configuration is missing or not JSON (SMART 2.x requires it)');
    expect(world.ehr.seen.authorize!.get('code_challenge_method')).toBe('S256');
  });
  it('flags a launch URL without an action and opens the map', async () => {
    const session = await launchedSession(world.sandbox, world.ehr, { action: undefined });
    const page = await request(world.sandbox.app).get(`${session.pathname}${session.search}`).expect(200);
    expect(panel(page.text)).toContain('the launch URL has no action');
    const journal = world.sandbox.deps.journal.query().filter((e) => e.method === 'CONFORMANCE');
    expect(journal.some((e) => String(e.request?.body).startsWith("WARN [request] the launch URL has no action: OceanMD's reference client requires one (viewMap,"))).toBe(true);
  });
  it('flags a token response without scope, no-store or a Bearer token_type', async () => {
    world.ehr.mode.token = 'sloppy';
    const text = panel(await launchedPage());
    expect(text).toContain('token response has no scope (REQUIRED)');
    expect(text).toContain('lacks Cache-Control: no-store');
    expect(text).toContain('lacks Pragma: no-cache');
    expect(text).toContain('token_type is &quot;mac&quot;');
  });
  it('flags a launch without a patient and opens without patient context', async () => {
    const page = await launchedPage();
    expect(panel(page)).toContain('token response has no patient');
    expect(page).toContain('No patient context');
  });
  it('flags a paged, partial $everything and CPP resources without narrative, and still pre-fills from what came', async () => {
    world.ehr.mode.fhir = 'paged';
    const page = await launchedPage();
    const text = panel(page);
    expect(text).toContain('$everything is paged (link next');
    expect(text).toContain('$everything is partial: total 40 but 2 entries');
    expect(text).toContain('1 resource(s) without narrative (text.div): Condition');
    expect(page).toContain('<strong>Fake, Pat</strong>');
  });
  it('reports a clean launch as such', async () => {
    world.ehr.mode.fhir = 'ok';
    expect(panel(await launchedPage())).toContain('did everything Ocean checks');
    const [session] = world.sandbox.deps.store.list<{ sharedEncryptionKey?: string; user: { key: string } }>('ocean.smart-sessions');
    expect(session!.sharedEncryptionKey).toBe(Buffer.from('sek-of-the-fake-site').toString('base64'));
    expect(session!.user.key).toBe(`u1@${world.ehr.fhirBase}`);
  });
});

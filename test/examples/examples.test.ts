// Every script in examples/ runs as written against a live sandbox (port 0), in the README's order.
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as fhir from '../../src/fhir/types.js';
import type { RunningSandbox } from '../../src/main.js';
import { startTestSandboxOnSocket } from '../support/sandbox.js';

const EXAMPLES = fileURLToPath(new URL('../../examples/', import.meta.url));
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const README = `${ROOT}README.md`;
const scripts = readdirSync(EXAMPLES).filter((f) => /^\d\d-.*\.sh$/.test(f)).sort();

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

let sandbox: RunningSandbox;

/** Runs bash with these arguments against the test sandbox (asynchronously: the sandbox shares this event loop). */
function bash(args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', args, { cwd: ROOT, env: { ...process.env, HIE_SANDBOX_URL: sandbox.url, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Runs one example, as a reader would. */
const run = (script: string, args: string[] = [], env: Record<string, string> = {}) => bash([`${EXAMPLES}${script}`, ...args], env);

/** Runs an example that must succeed and returns its standard output. */
async function ok(script: string, args: string[] = [], env: Record<string, string> = {}): Promise<string> {
  const r = await run(script, args, env);
  expect(r.code, `${script} exited ${r.code}\n${r.stderr}\n${r.stdout}`).toBe(0);
  return r.stdout;
}

const admin = async <T>(path: string): Promise<T> => (await (await fetch(`${sandbox.url}${path}`)).json()) as T;
const outcomeCodes = (b: fhir.Bundle) =>
  (b.entry ?? []).flatMap((e) => (e.resource?.resourceType === 'OperationOutcome' ? e.resource.issue.map((i) => i.details?.coding?.[0]?.code) : []));
const jwtPayload = (jwt: string) => JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString('utf8')) as { aud: string[] };

/** What each example must show; an example without a check here fails the suite. */
const CHECKS: Record<string, () => Promise<void>> = {
  '01-token.sh': async () => {
    const body = JSON.parse(await ok('01-token.sh')) as { access_token: string; token_type: string; expires_in: number };
    expect(body).toMatchObject({ token_type: 'Bearer', expires_in: 300 });
    expect(jwtPayload(body.access_token).aud).toEqual(expect.arrayContaining(['plr', 'hcim']));
  },
  '02-plr-query.sh': async () => {
    const bundle = JSON.parse(await ok('02-plr-query.sh')) as fhir.Bundle;
    expect(bundle.type).toBe('searchset');
    expect(bundle.entry![0]!.resource!.resourceType).toBe('OperationOutcome');
    expect(outcomeCodes(bundle)).toContain('PRS.PRP.MTN.UNK.0.0.7067');
    expect(JSON.stringify(bundle)).toContain('"family":"Kowalski"');
  },
  '03-plr-maintain.sh': async () => {
    const answer = JSON.parse(await ok('03-plr-maintain.sh', [], { NURSE_ID: 'R90417' })) as fhir.Parameters;
    const maintained = answer.parameter!.find((p) => p.name === 'maintain')!.resource as fhir.Bundle;
    const practitioner = maintained.entry!.map((e) => e.resource!).find((r): r is fhir.Practitioner => r.resourceType === 'Practitioner')!;
    expect(practitioner.id).toMatch(/^IPC\.\d{8}\.BC\.PRS$/);
    expect(practitioner.identifier).toEqual(expect.arrayContaining([expect.objectContaining({ value: 'R90417' })]));
    const found = JSON.parse(await ok('02-plr-query.sh', [], { SURNAME: 'Tester' })) as fhir.Bundle;
    expect(JSON.stringify(found)).toContain(practitioner.id!);
  },
  '04-hcim-get-demographics.sh': async () => {
    const bundle = JSON.parse(await ok('04-hcim-get-demographics.sh')) as fhir.Bundle;
    expect(outcomeCodes(bundle)).toContain('BCHCIM.GD.0.0013');
    const patient = bundle.entry!.map((e) => e.resource!).find((r): r is fhir.Patient => r.resourceType === 'Patient')!;
    expect(patient.name![0]!.family).toBe('Thompson');
  },
  '05-hcim-soap-get-demographics.sh': async () => {
    const xml = await ok('05-hcim-soap-get-demographics.sh');
    const msg = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@_', removeNSPrefix: true }).parse(xml).Envelope.Body.HCIM_IN_GetDemographicsResponse;
    expect(msg.acceptAckCode['@_code']).toBe('NE');
    expect(msg.controlActProcess.queryAck.queryResponseCode['@_code']).toMatch(/^BCHCIM\.GD\.0\.0013 \| The get demographics query completed successfully\.$/);
    expect(msg.controlActProcess.subject.target.identifiedPerson.id['@_extension']).toBe('9876543218');
  },
  '06-ocean-register-webhook.sh': async () => {
    const integration = JSON.parse(await ok('06-ocean-register-webhook.sh')) as { siteNum: string; url: string; validatedAt?: string };
    expect(integration).toMatchObject({ siteNum: '1008', url: `${sandbox.url}/pos/receiver/$process-message` });
    expect(integration.validatedAt).toBeTruthy();
    await ok('06-ocean-register-webhook.sh');
    expect(await admin<unknown[]>('/admin/ocean/integrations?site=1008')).toHaveLength(1);
  },
  '07-ocean-receive-referral.sh': async () => {
    const ref = (await ok('07-ocean-receive-referral.sh')).trim();
    expect(ref).toMatch(/^[0-9a-f-]{36}$/);
    const filed = await admin<{ state: string; phn: string; events: Array<{ event: string }> }>(`/pos/receiver/referrals/${ref}`);
    expect(filed).toMatchObject({ state: 'received', phn: '9876543218' });
    expect(filed.events.map((e) => e.event)).toContain('add-service-request');
  },
  '08-ocean-token.sh': async () => {
    const body = JSON.parse(await ok('08-ocean-token.sh')) as { access_token: string; token_type: string };
    expect(body.token_type).toBe('Bearer');
    expect(body.access_token.length).toBeGreaterThan(20);
  },
  '09-ocean-status-update.sh': async () => {
    const ref = (await ok('07-ocean-receive-referral.sh')).trim();
    const outcome = JSON.parse(await ok('09-ocean-status-update.sh', [ref, 'accepted'])) as fhir.OperationOutcome;
    expect(outcome.issue[0]!.severity).toBe('information');
    expect(outcome.issue[0]!.diagnostics).toContain('Pending Booking');
    expect((await admin<{ state: string }>(`/admin/ocean/referrals/${ref}`)).state).toBe('pending-booking');
  },
};

describe('examples/', () => {
  beforeAll(async () => void (sandbox = await startTestSandboxOnSocket()));
  afterAll(async () => sandbox?.stop());

  it('has a check for every example, and every example is linked from the README', () => {
    expect(scripts).toEqual(Object.keys(CHECKS).sort());
    const readme = readFileSync(README, 'utf8');
    expect(scripts.filter((s) => !readme.includes(`examples/${s}`))).toEqual([]);
  });

  for (const script of Object.keys(CHECKS)) it(`runs ${script} as written`, async () => CHECKS[script]!(), 30_000);

  it("runs the README's walk-through block as written, from the repository folder", async () => {
    const readme = readFileSync(README, 'utf8');
    const block = /The same, in one go:\n\n```sh\n([\s\S]*?)\n```/.exec(readme)?.[1];
    expect(block, 'README.md has no "The same, in one go:" sh block').toBeTruthy();
    const r = await bash(['-euo', 'pipefail', '-c', block!]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('Pending Booking');
  }, 60_000);

  it('shows in the README only request bodies copied from the example that sends them', () => {
    const readme = readFileSync(README, 'utf8');
    const blocks = [...readme.matchAll(/<!-- body: examples\/([\w.-]+) -->\n```\w*\n([\s\S]*?)\n```/g)];
    expect(blocks.length).toBeGreaterThanOrEqual(3);
    for (const [, script, body] of blocks) expect(readFileSync(`${EXAMPLES}${script}`, 'utf8'), `README body for ${script}`).toContain(body);
  });

  it('fails loudly (non-zero exit) when the sandbox is not there', async () => {
    const r = await run('01-token.sh', [], { HIE_SANDBOX_URL: 'http://127.0.0.1:9' });
    expect(r.code).not.toBe(0);
  });

  it('refuses a status update without a referral reference, saying how to get one', async () => {
    const r = await run('09-ocean-status-update.sh');
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('07-ocean-receive-referral.sh');
  });
});

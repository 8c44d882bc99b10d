// The Postman collection, run by Postman's own runner (newman) against a live sandbox: the pre-request step
// fetches a token and the example requests are answered.
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSandbox } from '../../src/main.js';
import { startTestSandboxOnSocket } from '../support/sandbox.js';

interface Execution {
  item: { name: string };
  request: { method: string; url: { toString(): string } };
  response?: { code: number };
}
interface Newman {
  run(options: Record<string, unknown>, done: (err: Error | null, summary: { run: { executions: Execution[]; failures: unknown[] } }) => void): void;
}

const newman = createRequire(import.meta.url)('newman') as Newman;

let running: RunningSandbox;
let collection: Record<string, unknown>;
let environment: Record<string, unknown>;

const runFolder = (folder: string) =>
  new Promise<Execution[]>((resolve, reject) =>
    newman.run({ collection, environment, folder, reporters: [], timeoutRequest: 10_000 }, (err, summary) => (err ? reject(err) : resolve(summary.run.executions))),
  );

beforeAll(async () => {
  running = await startTestSandboxOnSocket();
  collection = (await (await fetch(`${running.url}/openapi/postman-collection.json`)).json()) as Record<string, unknown>;
  environment = (await (await fetch(`${running.url}/openapi/postman-environment.json`)).json()) as Record<string, unknown>;
});
afterAll(() => running.stop());

describe('the Postman collection', () => {
  it('has one folder per surface, every request on {{baseUrl}}, and an environment with the demo credentials', () => {
    const folders = collection.item as Array<{ name: string; item: Array<{ request: { url: { raw: string } } }> }>;
    expect(folders.map((f) => f.name)).toEqual(expect.arrayContaining(['Ocean FHIR API', 'PLR', 'HCIM FHIR', 'HCIM HL7v3 SOAP', 'Registry tokens', 'Admin']));
    for (const f of folders) for (const i of f.item) expect(i.request.url.raw.startsWith('{{baseUrl}}/')).toBe(true);
    const values = Object.fromEntries((environment.values as Array<{ key: string; value: string }>).map((v) => [v.key, v.value]));
    expect(values).toMatchObject({ baseUrl: running.url, clientId: 'demo-pos', clientSecret: 'demo-secret', userId: 'demo@IDIR' });
  });

  it('runs in newman: the pre-request step gets a registry token and the HCIM examples are answered', async () => {
    const executions = await runFolder('HCIM FHIR');
    const codes = executions.map((e) => `${e.item.name} ${e.response?.code}`);
    expect(executions.length).toBeGreaterThan(4);
    expect(codes.filter((c) => / 401$/.test(c))).toEqual([]);
    expect(codes).toContain('Patient GetDemographics 200');
    expect(codes.filter((c) => / 5\d\d$/.test(c))).toEqual([]);
  });

  it('runs the SOAP folder through the same token step', async () => {
    const executions = await runFolder('HCIM HL7v3 SOAP');
    // newman also lists the pre-request step's token call, under the first request of the folder.
    expect([...new Set(executions.map((e) => `${e.item.name.slice(0, 4)} ${e.response?.code}`))]).toEqual(['WSDL 200', 'HL7v 200']);
  });
});

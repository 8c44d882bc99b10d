import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listScenarios, runScenarios } from '../../src/scenarios/index.js';
import { DEFAULT_SYSTEMS } from '../../src/systems.js';
import { startReceiver, type Receiver } from '../support/receiver.js';
import { startListeningSandbox, type ListeningSandbox } from './support/listening-sandbox.js';

let sb: ListeningSandbox;
let wrong: Receiver;
beforeAll(async () => {
  sb = await startListeningSandbox(DEFAULT_SYSTEMS);
  // A deliberately wrong receiver: validates Ocean's challenge, then answers 500 to every message.
  wrong = await startReceiver((r) => {
    const challenge = (() => { try { return (JSON.parse(r.body) as { challenge?: string }).challenge; } catch { return undefined; } })();
    return challenge ? { status: 200, body: JSON.stringify({ challenge }) } : { status: 500 };
  });
});
afterAll(async () => {
  await wrong.close();
  await sb.close();
});

describe('the library against the reference POS', () => {
  it('passes every scenario, the 96-hour retries included, in well under a minute', async () => {
    const t0 = performance.now();
    const report = await runScenarios(await listScenarios('scenarios'), sb.target('demo', `${sb.url}/pos`));
    const failures = report.results.filter((r) => r.status !== 'passed').map((r) => `${r.id}: ${r.message}\n${r.diff ?? ''}`);
    expect(failures).toEqual([]);
    expect(performance.now() - t0).toBeLessThan(60_000);
  });

  it('fails exactly the scenarios that need a 2xx from a receiver that answers 500, with readable diffs', async () => {
    const scenarios = await listScenarios('scenarios');
    const report = await runScenarios(scenarios, { ...sb.target('demo', `${sb.url}/pos`), vars: { receiverUrl: `${wrong.url}/webhook` } });
    const failed = report.results.filter((r) => r.status !== 'passed');
    expect(failed.length).toBe(report.results.length);
    for (const r of failed) {
      expect(r.message).toMatch(/within PT\d+H \(simulated\)/);
      if (r.diff) expect(r.diff).toMatch(/"status": "2xx"[\s\S]*"status": 50\d/);
    }
  });
});

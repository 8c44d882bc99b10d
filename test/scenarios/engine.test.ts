import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { XMLParser } from 'fast-xml-parser';
import { parseScenarioText, renderJUnit, renderMarkdown, runScenarios, runScenario, ScenarioFormatError } from '../../src/scenarios/index.js';
import { startReceiver, type Receiver } from '../support/receiver.js';
import { relaySystem } from './support/relay-system.js';
import { startListeningSandbox, type ListeningSandbox } from './support/listening-sandbox.js';

let sb: ListeningSandbox;
let receiver: Receiver;
beforeAll(async () => {
  sb = await startListeningSandbox([relaySystem]);
  receiver = await startReceiver();
});
afterAll(async () => {
  await receiver.close();
  await sb.close();
});

const retryScenario = (url: string, failures: number) => `
id: relay-retries
title: A delivery that fails ${failures} times is retried on the simulated clock
system: ocean
role: receiver
useCases: [{ name: Receive New Service Request, list: receiver, priority: Required }]
vars: { url: "${url}" }
steps:
  - narrate: The sandbox delivers a message that the receiver refuses ${failures} times.
  - fault: { seam: delivery.ocean, status: 500, times: ${failures} }
  - call: { method: POST, path: /hcim/relay, body: { url: "\${url}", event: add-service-request }, status: 202, capture: { delivery: delivery } }
  - expect: { system: ocean, direction: outbound, event: add-service-request, status: 2xx, within: PT1H, capture: { attemptNo: "entry:correlation.attempt" } }
  - assert: { capture: attemptNo, fhirpath: "$this", equals: "${failures + 1}" }
  - assert: { get: "/admin/deliveries/\${delivery}", fhirpath: "state", equals: delivered }
`;

describe('scenario format', () => {
  it('names every problem of an invalid scenario with its path', () => {
    const bad = `id: X\ntitle: t\nsystem: ocean\nrole: boss\nuseCases: [{name: a, list: sender, priority: Maybe}]\nsteps:\n  - advance: soon\n  - expect: {within: PT1H}\n  - send: {as: ocean}\n  - wobble: 1\n`;
    try {
      parseScenarioText(bad, 'bad.yaml');
      expect.unreachable();
    } catch (err) {
      const problems = (err as ScenarioFormatError).problems.join('\n');
      for (const p of ['id:', 'role:', 'useCases[0].priority', 'steps[0].advance', 'steps[1].expect.system', 'steps[2].send.message', 'steps[3]: must have exactly one']) expect(problems).toContain(p);
    }
  });
});

describe('scenario runner on the foundation alone', () => {
  it('passes when a delivery succeeds after the armed faults, capturing values across steps', async () => {
    const result = await runScenario(parseScenarioText(retryScenario(receiver.url, 2)), sb.target());
    expect(result.status, result.message).toBe('passed');
    expect(result.steps.map((s) => s.status)).toEqual(['passed', 'passed', 'passed', 'passed', 'passed', 'passed']);
    expect(result.steps[0]!.narration).toContain('refuses 2 times');
    expect(result.evidence.length).toBeGreaterThan(0);
  });

  it('fails with a readable, masked diff when the expected value differs', async () => {
    const text = retryScenario(receiver.url, 1).replace('equals: "2"', 'equals: "3"');
    const result = await runScenario(parseScenarioText(text), sb.target());
    expect(result.status).toBe('failed');
    expect(result.message).toContain('step 5');
    expect(result.diff).toContain('- "3"');
    expect(result.diff).toContain('+ "2"');
  });

  it('times out an expect on the simulated clock and shows the nearest exchange', async () => {
    const text = retryScenario(receiver.url, 10).replace('within: PT1H', 'within: PT20M');
    const t0 = performance.now();
    const result = await runScenario(parseScenarioText(text), sb.target());
    expect(performance.now() - t0).toBeLessThan(5000);
    expect(result.status).toBe('failed');
    expect(result.message).toMatch(/no delivery from ocean event add-service-request answered 2xx within PT20M/);
    expect(result.diff).toContain('-   "status": "2xx"');
    expect(result.diff).toContain('+   "status": 500');
    const faults = await sb.target().sandbox.admin<unknown[]>('GET', '/faults');
    expect(faults).toEqual([]);
  });

  it('reports an undefined capture as an error of that step', async () => {
    const text = retryScenario(receiver.url, 1).replace('/admin/deliveries/${delivery}', '/admin/deliveries/${nope}');
    const result = await runScenario(parseScenarioText(text), sb.target());
    expect(result.status).toBe('error');
    expect(result.message).toContain('${nope} is not defined');
  });

  it('fails an expect whose capture finds nothing, rather than leave an empty value that later matches anything', async () => {
    const text = retryScenario(receiver.url, 1).replace('capture: { attemptNo: "entry:correlation.attempt" }', 'capture: { attemptNo: "entry:correlation.nothingHere" }');
    const result = await runScenario(parseScenarioText(text), sb.target());
    expect(result.status).toBe('failed');
    expect(result.message).toMatch(/capture attemptNo \(entry:correlation\.nothingHere\) found nothing in journal #\d+/);
  });

  it('asserts equality exactly: another UUID than the captured one is a failure, shown in the diff', async () => {
    const other = '1b4e28ba-2fa1-41d2-883f-0016d3cca427';
    const text = retryScenario(receiver.url, 1).replace('  - assert: { get: "/admin/deliveries/${delivery}", fhirpath: "state", equals: delivered }', `  - assert: { capture: delivery, fhirpath: "$this", equals: "${other}" }`);
    const result = await runScenario(parseScenarioText(text), sb.target());
    expect(result.status).toBe('failed');
    expect(result.diff).toContain(`- "${other}"`);
  });

  it('reads only the variables a run defined, never inherited names such as ${constructor}', async () => {
    const text = retryScenario(receiver.url, 1).replace('/admin/deliveries/${delivery}', '/admin/deliveries/${constructor}');
    const result = await runScenario(parseScenarioText(text), sb.target());
    expect(result.status).toBe('error');
    expect(result.message).toContain('${constructor} is not defined');
  });

  it('writes JUnit that parses, with one failure per failing scenario', async () => {
    const report = await runScenarios([parseScenarioText(retryScenario(receiver.url, 1)), parseScenarioText(retryScenario(receiver.url, 1).replace('relay-retries', 'relay-wrong').replace('equals: delivered', 'equals: dead'))], sb.target());
    expect(report.totals).toMatchObject({ passed: 1, failed: 1 });
    const xml = new XMLParser({ ignoreAttributes: false }).parse(renderJUnit(report));
    const suite = xml.testsuites.testsuite;
    expect(suite['@_tests']).toBe('2');
    expect(suite['@_failures']).toBe('1');
    const failed = suite.testcase.find((c: { failure?: unknown }) => c.failure);
    expect(failed['@_name']).toContain('relay-wrong');
    expect(failed.failure['#text']).toContain('- "dead"');
    expect(renderMarkdown(report)).toContain('| FAILED | relay-wrong');
  });
});

describe('expect steps and other partners', () => {
  it("never take another partner's delivery for the run partner's: a delivery to acme's endpoint is acme's evidence only", async () => {
    const text = `
id: relay-other-partner
title: Only the run partner's deliveries count
system: ocean
role: receiver
useCases: [{ name: Receive New Service Request, list: receiver, priority: Required }]
vars: { url: "${receiver.url}" }
steps:
  - call: { method: POST, path: /hcim/relay, body: { url: "\${url}", event: add-service-request, partner: other }, status: 202 }
  - expect: { system: ocean, direction: outbound, event: add-service-request, status: 2xx, within: PT1M }
`;
    const asAcme = await runScenario(parseScenarioText(text), sb.target('acme'));
    expect(asAcme.status).toBe('failed');
    const asOther = await runScenario(parseScenarioText(text), sb.target('other'));
    expect(asOther.status, asOther.message).toBe('passed');
  });
});

describe('expect steps about a referral', () => {
  it('match only exchanges the sandbox filed under that referral', async () => {
    const text = (referral: string) => `
id: relay-referral
title: An expect tied to the run's referral
system: ocean
role: receiver
useCases: [{ name: Receive New Service Request, list: receiver, priority: Required }]
vars: { url: "${receiver.url}" }
steps:
  - call: { method: POST, path: /hcim/relay, body: { url: "\${url}", event: add-service-request, referral: ref-a }, status: 202 }
  - expect: { system: ocean, direction: outbound, event: add-service-request, referral: ${referral}, status: 2xx, within: PT1M }
`;
    const other = await runScenario(parseScenarioText(text('ref-b')), sb.target());
    expect(other.status).toBe('failed');
    expect(other.message).toContain('about referral ref-b');
    expect(other.diff).toContain('+   "referral": "ref-a"');
    const same = await runScenario(parseScenarioText(text('ref-a')), sb.target());
    expect(same.status, same.message).toBe('passed');
  });
});

describe('expect steps when the journal has let exchanges of the run go', () => {
  // A journal of 8 entries: the delivery the step looks for falls off behind a few more relayed messages.
  let small: ListeningSandbox;
  beforeAll(async () => void (small = await startListeningSandbox([relaySystem], { journalSize: 8 })));
  afterAll(async () => small.close());

  const evicted = (expectStep: string) => `
id: relay-evicted
title: The exchange an expect step judges has fallen off the journal
system: ocean
role: receiver
useCases: [{ name: Receive New Service Request, list: receiver, priority: Required }]
vars: { url: "${receiver.url}" }
steps:
  - call: { method: POST, path: /hcim/relay, body: { url: "\${url}", event: add-service-request }, status: 202 }
  - advance: PT1M
${Array.from({ length: 6 }, () => '  - call: { method: POST, path: /hcim/relay, body: { url: "${url}", event: notify-update-service-request }, status: 202 }').join('\n')}
  - advance: PT1M
  - expect: ${expectStep}
`;

  it('does not pass "absent" when the journal no longer holds the whole run: no verdict in the partner\'s favour', async () => {
    const result = await runScenario(parseScenarioText(evicted('{ system: ocean, direction: outbound, event: add-service-request, within: PT1M, absent: true }')), small.target());
    expect(result.status).toBe('failed');
    expect(result.message).toMatch(/cannot tell whether there was no .* journal no longer holds exchanges #\d+ to #\d+ of this run .*HIE_SANDBOX_JOURNAL_SIZE/);
  });

  it('says why when an expected exchange may have fallen off', async () => {
    const result = await runScenario(parseScenarioText(evicted('{ system: ocean, direction: outbound, event: add-service-request, status: 2xx, within: PT1M }')), small.target());
    expect(result.status).toBe('failed');
    expect(result.message).toContain("the sandbox's journal no longer holds exchanges");
  });

  it('still passes "absent" on a journal that holds the whole run', async () => {
    const text = evicted('{ system: ocean, direction: outbound, event: add-patient, within: PT1M, absent: true }').replace(/ {2}- call: \{ method: POST, path: \/hcim\/relay, body: \{ url: "\$\{url\}", event: notify-update-service-request \}, status: 202 \}\n/g, '');
    const result = await runScenario(parseScenarioText(text), small.target());
    expect(result.status, result.message).toBe('passed');
  });
});

describe('GET /admin/journal', () => {
  it('says how many entries matched and the oldest it still holds, so a reader knows it saw them all', async () => {
    const small = await startListeningSandbox([relaySystem], { journalSize: 5 });
    try {
      // Seven exchanges (unknown routes, journaled all the same) in a journal of five.
      for (let i = 0; i < 7; i++) await small.target().sandbox.request('GET', `/hcim/nothing-${i}`);
      const res = await small.target().sandbox.request('GET', '/admin/journal?system=hcim&limit=2');
      expect(res.status).toBe(200);
      expect((res.json as Array<{ url: string }>).map((e) => e.url)).toEqual(['/hcim/nothing-5', '/hcim/nothing-6']);
      expect(res.headers['journal-matched']).toBe('5');
      expect(res.headers['journal-oldest-id']).toBe('3');
      // A limit above the journal's capacity asks for all it holds.
      expect(await small.target().sandbox.admin<unknown[]>('GET', '/journal?limit=100000')).toHaveLength(5);
    } finally {
      await small.close();
    }
  });
});

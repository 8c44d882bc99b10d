// Which exchanges are a partner's own evidence: never the sandbox's reference POS, however it is addressed.
import { describe, expect, it } from 'vitest';
import type { JournalEntry } from '../../src/journal/index.js';
import { isOwnExchange } from '../../src/scenarios/conformance/evidence.js';
import { isReferencePos } from '../../src/scenarios/conformance/partner-endpoints.js';
import { buildWorksheet } from '../../src/scenarios/conformance/worksheet.js';
import type { RunReport, ScenarioResult } from '../../src/scenarios/run-scenarios.js';

const sandbox = 'http://127.0.0.1:8900';

describe('the reference POS', () => {
  it('is recognised under any loopback name of the sandbox, any case of /pos/, and an explicit default port', () => {
    for (const url of [
      `${sandbox}/pos/receiver/$process-message`,
      'http://localhost:8900/pos/receiver/$process-message',
      'http://LOCALHOST:8900/POS/receiver/$process-message',
      'http://127.1:8900/pos/receiver/plr/distribution',
      'http://127.0.0.2:8900/Pos/receiver/hcim/notification',
      'http://[::1]:8900/pos/receiver/$process-message',
      'http://0.0.0.0:8900/pos/emr/fhir',
    ]) expect(isReferencePos(url, sandbox), url).toBe(true);
    expect(isReferencePos('http://localhost/pos/receiver', 'http://127.0.0.1:80')).toBe(true);
    for (const url of ['http://127.0.0.1:8901/pos/receiver/$process-message', 'https://pos.example/pos/receiver', `${sandbox}/ocean/pos/x`, 'not a url']) {
      expect(isReferencePos(url, sandbox), url).toBe(false);
    }
  });

  it("answers mark a delivery as the reference POS's whatever URL it went to: not the partner's evidence", () => {
    const delivery = (responseHeaders: Record<string, string>): JournalEntry => ({
      id: '1',
      seq: 1,
      time: '2026-03-02T09:00:00.000Z',
      system: 'ocean',
      partner: 'demo',
      direction: 'outbound',
      method: 'POST',
      url: 'http://pos-alias.internal:8080/hook',
      status: 200,
      durationMs: 1,
      request: { headers: {} },
      response: { headers: responseHeaders },
      correlation: {},
    });
    expect(isOwnExchange(delivery({ 'content-type': 'application/json' }), 'demo', sandbox)).toBe(true);
    expect(isOwnExchange(delivery({ 'X-HIE-Reference-POS': '1' }), 'demo', sandbox)).toBe(false);
  });

  it("a call is the partner's only when its credentials name the partner: none (authentication off) is anyone's", () => {
    const call = (partner: string | undefined): JournalEntry => ({
      id: '2',
      seq: 2,
      time: '2026-03-02T09:00:00.000Z',
      system: 'ocean',
      ...(partner ? { partner } : {}),
      direction: 'inbound',
      method: 'POST',
      url: '/ocean/svc/fhir/v1/$process-messages',
      status: 200,
      durationMs: 1,
      request: { headers: {} },
      correlation: {},
    });
    expect(isOwnExchange(call('demo'), 'demo', sandbox)).toBe(true);
    expect(isOwnExchange(call(undefined), 'demo', sandbox)).toBe(false);
    expect(isOwnExchange(call('acme'), 'demo', sandbox)).toBe(false);
  });
});

describe('a worksheet row decided by the partner\'s own exchanges', () => {
  const entry = (id: string, status: number): JournalEntry => ({
    id,
    seq: Number(id),
    time: '2026-03-02T09:00:00.000Z',
    system: 'ocean',
    partner: 'demo',
    direction: 'inbound',
    method: 'POST',
    url: '/ocean/svc/fhir/v1/$process-messages',
    status,
    durationMs: 1,
    request: { headers: {} },
    correlation: {},
  });
  const result = (evidence: string[]): ScenarioResult => ({
    id: 'recorded-status',
    title: 'A recorded flow',
    system: 'ocean',
    role: 'receiver',
    useCases: [{ name: 'Send Service Request Status', list: 'receiver', priority: 'Required' }],
    status: 'passed',
    steps: evidence.map((id, index) => ({ index, kind: 'expect', title: `expect ${id}`, status: 'passed', message: '', evidence: [id], durationMs: 1 })),
    unverified: 0,
    evidence,
    durationMs: 1,
  });
  const rowFor = (journal: JournalEntry[], evidence: string[]) => {
    const report: RunReport = { startedAt: '2026-03-02T09:00:00.000Z', sandbox, partner: 'demo', results: [result(evidence)], totals: { passed: 1, failed: 0, error: 0, durationMs: 1 } };
    const sheet = buildWorksheet({ report, journal, mode: 'partner', sandbox: { url: sandbox, version: 'test', where: 'running' }, generatedAt: '2026-03-02T09:00:00.000Z', lists: ['receiver'] });
    return sheet.rows.find((r) => r.useCase === 'Send Service Request Status')!;
  };

  it('passes on an exchange the sandbox accepted', () => {
    expect(rowFor([entry('1', 200)], ['1']).result).toBe('Pass');
  });

  it('fails when an exchange of the partner that decided a step was refused (a recorded 422 replayed is no conformance)', () => {
    const row = rowFor([entry('1', 200), entry('2', 422)], ['1', '2']);
    expect(row.result).toBe('Fail');
    expect(row.message).toContain('journal #2');
    expect(row.message).toContain('422');
  });
});

// A row decided by an exchange the sandbox accepted leniently (the real system may refuse it) is Not verified, not a Pass.
import { describe, expect, it } from 'vitest';
import { LENIENT_CORRELATION, type JournalEntry } from '../../src/journal/index.js';
import { exchangesOf } from '../../src/scenarios/conformance/evidence.js';
import { buildWorksheet } from '../../src/scenarios/conformance/worksheet.js';
import type { RunReport, ScenarioResult } from '../../src/scenarios/run-scenarios.js';

const sandbox = 'http://127.0.0.1:8900';
const useCase = { name: 'Send Service Request Status', priority: 'Required' as const, list: 'receiver' as const };

/** The partner's own $process-messages call (its credentials, no runner or reference-POS header), answered 200. */
const statusCall = (correlation: Record<string, string>): JournalEntry => ({
  id: '2',
  seq: 2,
  time: '2026-03-02T09:00:01.000Z',
  system: 'ocean',
  partner: 'demo',
  direction: 'inbound',
  method: 'POST',
  url: '/ocean/svc/fhir/v1/$process-messages',
  status: 200,
  durationMs: 1,
  request: { headers: {} },
  response: { headers: {}, body: '{"resourceType":"OperationOutcome","issue":[{"severity":"information","code":"informational"}]}' },
  correlation: { referral: 'r1', event: 'notify-update-process-request', ...correlation },
});

function row(entry: JournalEntry) {
  const r: ScenarioResult = { id: 'receiver-send-service-request-status', title: 'Status', system: 'ocean', role: 'receiver', useCases: [useCase], status: 'passed', steps: [{ index: 0, kind: 'expect', title: 'expect status', status: 'passed', message: '', evidence: [entry.id], durationMs: 1 }], unverified: 0, evidence: [entry.id], durationMs: 1 };
  const report: RunReport = { startedAt: '2026-03-02T09:00:00.000Z', sandbox, partner: 'demo', results: [r], totals: { passed: 1, failed: 0, error: 0, durationMs: 1 } };
  const sheet = buildWorksheet({ report, journal: [entry], mode: 'partner', sandbox: { url: sandbox, version: 'test', where: 'running' }, generatedAt: '2026-03-02T09:00:00.000Z', lists: ['receiver'] });
  return { row: sheet.rows.find((x) => x.useCase === useCase.name)!, exchanges: exchangesOf(r, new Map([[entry.id, entry]]), 'demo', sandbox) };
}

describe('lenient acceptance in the conformance worksheet', () => {
  it('passes a row its partner exchange decided when the sandbox accepted the message as Ocean would', () => {
    expect(row(statusCall({})).row.result).toBe('Pass');
  });

  it('makes the row Not verified, naming the journal entry and what was accepted, when the sandbox was lenient', () => {
    const { row: r, exchanges } = row(statusCall({ [LENIENT_CORRELATION]: 'MessageHeader.source.endpoint missing' }));
    expect(r.result).toBe('Not verified');
    expect(r.message).toContain('journal #2');
    expect(r.message).toContain('MessageHeader.source.endpoint missing');
    expect(exchanges[0]!.lenient).toBe('MessageHeader.source.endpoint missing');
  });

  it('reads the mark from the entry itself, not from what its correlation inherits', () => {
    const entry = statusCall({});
    entry.correlation = Object.assign(Object.create({ [LENIENT_CORRELATION]: 'inherited' }) as Record<string, string>, entry.correlation);
    expect(row(entry).row.result).toBe('Pass');
  });
});

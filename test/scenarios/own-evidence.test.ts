// Which exchanges are a partner's own evidence: never the sandbox's reference POS, however it is addressed.
import { describe, expect, it } from 'vitest';
import type { JournalEntry } from '../../src/journal/index.js';
import { decidedBy, isOwnExchange, judgeAnswer } from '../../src/scenarios/conformance/evidence.js';
import { isReferencePos } from '../../src/scenarios/conformance/partner-endpoints.js';
import { valuesIn } from '../../src/scenarios/conformance/status-map.js';
import { blockingRows, buildWorksheet } from '../../src/scenarios/conformance/worksheet.js';
import { renderWorksheetMarkdown } from '../../src/scenarios/conformance/render.js';
import { personRevisedNak, queryAck, queryHeader, revisedControlAct, soapEnvelope, wrapper } from '../../src/hcim/soap/v3-write.js';
import { HCIM_CODES } from '../../src/hcim/codes.js';
import { useCaseOf } from '../../src/scenarios/record/exchange-steps.js';
import { SANDBOX_UI_HEADER } from '../../src/journal/index.js';
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

describe('the reference POS under every address that reaches this machine', () => {
  it('is recognised behind IPv4-mapped IPv6, the unspecified address and this machine\'s own interface addresses', async () => {
    const { networkInterfaces } = await import('node:os');
    const own = Object.values(networkInterfaces()).flat().find((a) => a && a.family === 'IPv4' && !a.internal)?.address;
    for (const url of [
      'http://[::ffff:0:0]:8900/pos/receiver/$process-message',
      'http://[::ffff:127.0.0.1]:8900/pos/emr/fhir',
      'http://[::ffff:0.0.0.0]:8900/pos/emr/fhir',
      'http://[0:0:0:0:0:0:0:1]:8900/pos/emr/fhir',
      'http://[::]:8900/pos/emr/fhir',
      ...(own ? [`http://${own}:8900/pos/emr/fhir`] : []),
    ]) expect(isReferencePos(url, sandbox), url).toBe(true);
    expect(isReferencePos('http://[::ffff:808:808]:8900/pos/emr/fhir', sandbox)).toBe(false);
  });
});

describe('what an exchange shows', () => {
  const plr = (method: string, url: string): JournalEntry => ({ id: '9', seq: 9, time: '2026-03-02T09:00:00.000Z', system: 'plr', partner: 'demo', direction: 'inbound', method, url, status: 200, durationMs: 1, request: { headers: {} }, correlation: {} });

  it('is read from the path alone: a query string naming $maintain or $batch is a query, a plain read is no query', () => {
    expect(useCaseOf(plr('GET', '/plr/HSA-web/fhir-rs/Practitioner/$entityQuery?surname=$maintain'))?.name).toBe('Queries');
    expect(useCaseOf(plr('GET', '/plr/HSA-web/fhir-rs/Practitioner/$entityQuery?surname=Kowalski$batch'))?.name).toBe('Queries');
    expect(useCaseOf(plr('GET', '/plr/HSA-web/fhir-rs/Practitioner/IPC.00001234.BC.PRS'))).toBeUndefined();
    expect(useCaseOf(plr('POST', '/plr/HSA-web/fhir-rs/$maintain'))?.name).toBe('Maintain');
    expect(useCaseOf(plr('POST', '/plr/HSA-web/fhir-rs/$batch'))?.name).toBe('Batch');
    expect(useCaseOf(plr('GET', '/plr/HSA-web/fhir-rs/Organization/$dereference?identifier=X'))?.name).toBe('Queries');
  });
});

describe("exchanges that are not the partner's, whatever credentials they carry", () => {
  const inbound = (headers: Record<string, string>, correlation: Record<string, string> = {}): JournalEntry => ({ id: '3', seq: 3, time: '2026-03-02T09:00:00.000Z', system: 'ocean', partner: 'demo', direction: 'inbound', method: 'GET', url: '/ocean/svc/fhir/v1/ServiceRequest/r1/$letter', status: 200, durationMs: 1, request: { headers }, correlation });

  it("the sandbox's own dashboard fetching a letter or a document with a site's token", () => {
    expect(isOwnExchange(inbound({}), 'demo', sandbox)).toBe(true);
    expect(isOwnExchange(inbound({ [SANDBOX_UI_HEADER]: '1' }), 'demo', sandbox)).toBe(false);
  });

  it('an exchange a simulated fault answered, inbound or a delivery', () => {
    expect(isOwnExchange(inbound({}, { fault: 'ocean.letter' }), 'demo', sandbox)).toBe(false);
    const delivery: JournalEntry = { ...inbound({}), direction: 'outbound', method: 'POST', url: 'https://pos.example/hook', error: 'simulated fault: HTTP 200', correlation: { fault: 'delivery.ocean' } };
    expect(isOwnExchange(delivery, 'demo', sandbox)).toBe(false);
  });
});

describe('a refusal inside a 2xx answer', () => {
  const answered = (id: string, url: string, response: unknown): JournalEntry => ({ id, seq: Number(id), time: '2026-03-02T09:00:00.000Z', system: 'plr', partner: 'demo', direction: 'inbound', method: 'POST', url, status: 200, durationMs: 1, request: { headers: {} }, response: { headers: { 'content-type': 'application/fhir+json' }, body: JSON.stringify(response) }, correlation: {} });
  const batchResult = (evidence: string[]): ScenarioResult => ({ id: 'recorded-batch', title: 'A recorded batch', system: 'plr', role: 'receiver', useCases: [{ name: 'Batch', list: 'batch', priority: 'Required' }], status: 'passed', steps: evidence.map((id, index) => ({ index, kind: 'expect', title: `expect ${id}`, status: 'passed', message: '', evidence: [id], durationMs: 1 })), unverified: 0, evidence, durationMs: 1 });
  const rowFor = (journal: JournalEntry[]) => {
    const report: RunReport = { startedAt: '2026-03-02T09:00:00.000Z', sandbox, partner: 'demo', results: [batchResult(journal.map((e) => e.id))], totals: { passed: 1, failed: 0, error: 0, durationMs: 1 } };
    return buildWorksheet({ report, journal, mode: 'partner', sandbox: { url: sandbox, version: 'test', where: 'running' }, generatedAt: '2026-03-02T09:00:00.000Z', lists: ['batch'] }).rows.find((r) => r.useCase === 'Batch')!;
  };

  it('fails a batch whose every entry the registry refused, though the batch itself was answered 200', () => {
    const refused = { resourceType: 'Bundle', type: 'batch-response', entry: [{ response: { status: '400 Bad Request', outcome: { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'invalid', diagnostics: 'GRS.SYS.UNK.UNK.1.0.5000' }] } } }] };
    const row = rowFor([answered('1', '/plr/HSA-web/fhir-rs/$batch', refused)]);
    expect(row.result).toBe('Fail');
    expect(row.message).toContain('journal #1');
    expect(row.message).toMatch(/400 Bad Request|refus/);
  });

  it('fails on an error OperationOutcome answered with 200, and passes a batch whose entries were all created', () => {
    expect(rowFor([answered('1', '/plr/HSA-web/fhir-rs/$batch', { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'transient', diagnostics: 'simulated fault: HTTP 200' }] })]).result).toBe('Fail');
    const created = { resourceType: 'Bundle', type: 'batch-response', entry: [{ response: { status: '201 Created' } }, { response: { status: '200 OK', outcome: { resourceType: 'OperationOutcome', issue: [{ severity: 'information', code: 'informational' }] } } }] };
    expect(rowFor([answered('1', '/plr/HSA-web/fhir-rs/$batch', created)]).result).toBe('Pass');
  });
});

describe('a scenario that has the POS launch Ocean', () => {
  const delivery: JournalEntry = { id: '1', seq: 1, time: '2026-03-02T09:00:00.000Z', system: 'ocean', partner: 'demo', direction: 'outbound', method: 'POST', url: 'https://pos.example/hook', status: 200, durationMs: 1, request: { headers: {} }, response: { headers: {} }, correlation: {} };
  const chartRead = (url: string, responseHeaders: Record<string, string> = {}): JournalEntry => ({ id: '2', seq: 2, time: '2026-03-02T09:00:01.000Z', system: 'ocean', direction: 'outbound', method: 'GET', url, status: 200, durationMs: 1, request: { headers: {} }, response: { headers: responseHeaders }, correlation: { launch: 'state-1' } });
  const rowFor = (journal: JournalEntry[]) => {
    const result: ScenarioResult = { id: 'receiver-contextual-launch', title: 'Launch', system: 'ocean', role: 'receiver', useCases: [{ name: 'Contextual Launch into Ocean', list: 'receiver', priority: 'Required' }], status: 'passed', steps: journal.map((e, index) => ({ index, kind: 'expect', title: `expect ${e.id}`, status: 'passed', message: '', evidence: [e.id], durationMs: 1 })), unverified: 0, evidence: journal.map((e) => e.id), launches: true, durationMs: 1 };
    const report: RunReport = { startedAt: '2026-03-02T09:00:00.000Z', sandbox, partner: 'demo', results: [result], totals: { passed: 1, failed: 0, error: 0, durationMs: 1 } };
    return buildWorksheet({ report, journal, mode: 'partner', sandbox: { url: sandbox, version: 'test', where: 'running' }, generatedAt: '2026-03-02T09:00:00.000Z', lists: ['receiver'] }).rows.find((r) => r.useCase === 'Contextual Launch into Ocean')!;
  };

  it("is not the partner's launch when Ocean read the chart from the sandbox's reference EMR, whatever webhook answered", () => {
    const row = rowFor([delivery, chartRead(`${sandbox}/pos/emr/fhir/Patient/pt-0/$everything`, { 'x-hie-reference-pos': '1' })]);
    expect(row.result).toBe('Not verified');
    expect(row.message).toMatch(/Patient\/\$everything/);
    expect(rowFor([delivery]).result).toBe('Not verified');
  });

  it("passes when Ocean read the chart from the partner's own EHR", () => {
    expect(rowFor([delivery, chartRead('https://ehr.example/fhir/Patient/123/$everything')]).result).toBe('Pass');
  });
});

describe('messages between referrer and receiver', () => {
  const posted = (event: string): JournalEntry => ({ id: '5', seq: 5, time: '2026-03-02T09:00:00.000Z', system: 'ocean', partner: 'demo', direction: 'inbound', method: 'POST', url: '/ocean/svc/fhir/v1/$process-messages', status: 200, durationMs: 1, request: { headers: {}, body: JSON.stringify({ resourceType: 'Bundle', type: 'message', entry: [{ resource: { resourceType: 'MessageHeader', eventCoding: { code: event } } }, { resource: { resourceType: 'Communication', status: 'completed' } }] }) }, correlation: {} });

  it("show the receiver's Exchange Communications; one the referrer's POS posts shows none (Ocean takes no event from the sending POS)", () => {
    expect(useCaseOf(posted('send-communication-from-requester'))).toBeUndefined();
    expect(useCaseOf(posted('send-communication-from-provider'))).toMatchObject({ name: 'Exchange Communications', list: 'receiver' });
    expect(useCaseOf(posted('send-communication'))).toMatchObject({ name: 'Exchange Communications', list: 'receiver' });
  });

  it("leave the sender's message out of the Awaiting Reply row of the status map", () => {
    expect(valuesIn(posted('send-communication-from-requester'))).toEqual([]);
    expect(valuesIn(posted('send-communication-from-provider'))).toEqual(['send-communication-from-provider']);
  });
});

describe('refusals the answers of real systems carry inside a 2xx', () => {
  const at = (id: string, over: Partial<JournalEntry>): JournalEntry => ({ id, seq: Number(id), time: '2026-03-02T09:00:00.000Z', system: 'ocean', partner: 'demo', direction: 'outbound', method: 'POST', url: 'https://pos.example/hook', status: 200, durationMs: 1, request: { headers: {} }, response: { headers: {} }, correlation: {}, ...over });
  const answer = (body: unknown, extra: Partial<JournalEntry['response']> = {}) => ({ headers: {}, body: typeof body === 'string' ? body : JSON.stringify(body), ...extra });
  const refusedEntry = { response: { status: '400 Bad Request', outcome: { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'required', diagnostics: 'GRS.SYS.UNK.UNK.1.0.5000' }] } } };

  it("finds one in PLR's $batch answer, a Parameters holding the batch-response, and in the count the sandbox keeps of a batch's refused entries", () => {
    const params = { resourceType: 'Parameters', parameter: [{ name: 'batch', resource: { resourceType: 'Bundle', type: 'batch-response', entry: [refusedEntry] } }] };
    expect(judgeAnswer(at('1', { system: 'plr', direction: 'inbound', url: '/plr/HSA-web/fhir-rs/$batch', response: answer(params) })).refusal).toMatch(/400 Bad Request/);
    expect(judgeAnswer(at('2', { system: 'plr', direction: 'inbound', url: '/plr/HSA-web/fhir-rs/$batch', correlation: { refusedEntries: '3' }, response: answer({ resourceType: 'Parameters' }, { truncated: true }) })).refusal).toMatch(/3 of the batch's entries/);
  });

  it('finds one wrapped in Parameters, contained in a response message, coded on its MessageHeader, or written in FHIR XML', () => {
    const error = { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'processing', diagnostics: 'no' }] };
    expect(judgeAnswer(at('3', { response: answer({ resourceType: 'Parameters', parameter: [{ name: 'outcome', resource: error }] }) })).refusal).toBeDefined();
    expect(judgeAnswer(at('4', { response: answer({ resourceType: 'Bundle', type: 'message', entry: [{ resource: { resourceType: 'MessageHeader', response: { code: 'fatal-error' }, contained: [error] } }] }) })).refusal).toBeDefined();
    expect(judgeAnswer(at('5', { response: answer({ resourceType: 'Bundle', type: 'message', entry: [{ resource: { resourceType: 'MessageHeader', response: { code: 'fatal-error' } } }] }) })).refusal).toMatch(/fatal-error/);
    expect(judgeAnswer(at('6', { response: answer('<OperationOutcome xmlns="http://hl7.org/fhir"><issue><severity value="error"/><code value="invalid"/></issue></OperationOutcome>') })).refusal).toMatch(/error severity/);
    expect(judgeAnswer(at('7', { response: answer("<soap:Envelope><soap:Body><soap:Fault/></soap:Body></soap:Envelope>") })).refusal).toBe('a SOAP Fault');
    expect(judgeAnswer(at('8', { response: answer("<x><acknowledgement><typeCode code = 'AE'/></acknowledgement></x>") })).refusal).toMatch(/AE/);
  });

  it("cannot judge a partner's answer the journal cut, unless what it kept already refuses; a sandbox query's long answer is judged on its head", () => {
    const head = `{"resourceType":"OperationOutcome","issue":[{"severity":"information","diagnostics":"${'x'.repeat(500)}`;
    expect(judgeAnswer(at('9', { response: answer(head, { truncated: true }) })).unreadable).toMatch(/longer than the journal keeps/);
    expect(judgeAnswer(at('10', { response: answer(`{"resourceType":"OperationOutcome","issue":[{"severity":"error","diagnostics":"${'x'.repeat(500)}`, { truncated: true }) })).refusal).toMatch(/error severity/);
    expect(judgeAnswer(at('11', { system: 'plr', direction: 'inbound', method: 'GET', url: '/plr/HSA-web/fhir-rs/Practitioner/$entityQuery?family=S*', response: answer('{"resourceType":"Bundle","type":"searchset","entry":[{"resource":{"resourceType":"OperationOutcome","issue":[{"severity":"information"', { truncated: true }) }))).toEqual({});
    expect(judgeAnswer(at('12', { response: answer({ resourceType: 'OperationOutcome', issue: [{ severity: 'information' }, { severity: 'warning' }] }) }))).toEqual({});
  });
});

describe("a library scenario's row needs the partner's own part of the use case", () => {
  const sandboxUrl = sandbox;
  const delivery: JournalEntry = { id: '1', seq: 1, time: '2026-03-02T09:00:00.000Z', system: 'ocean', partner: 'demo', direction: 'outbound', method: 'POST', url: 'https://pos.example/hook', status: 200, durationMs: 1, request: { headers: {} }, response: { headers: {} }, correlation: {} };
  const appointment = (id: string, headers: Record<string, string>): JournalEntry => ({ id, seq: Number(id), time: '2026-03-02T09:00:01.000Z', system: 'ocean', partner: 'demo', direction: 'inbound', method: 'POST', url: '/ocean/svc/fhir/v1/$process-messages', status: 200, durationMs: 1, request: { headers }, correlation: {} });
  const rowFor = (journal: JournalEntry[], useCase: { name: string; priority: 'Required' | 'Strongly recommended' }, result: 'passed' | 'failed' = 'passed') => {
    const r: ScenarioResult = { id: 'receiver-send-appointment-update', title: 'Updates', system: 'ocean', role: 'receiver', useCases: [{ ...useCase, list: 'receiver' }], status: result, ...(result === 'failed' ? { message: 'step 3 failed' } : {}), steps: journal.map((e, index) => ({ index, kind: 'expect', title: `expect ${e.id}`, status: 'passed', message: '', evidence: [e.id], durationMs: 1 })), unverified: 0, evidence: journal.map((e) => e.id), durationMs: 1 };
    const report: RunReport = { startedAt: '2026-03-02T09:00:00.000Z', sandbox: sandboxUrl, partner: 'demo', results: [r], totals: { passed: 1, failed: 0, error: 0, durationMs: 1 } };
    return buildWorksheet({ report, journal, mode: 'partner', sandbox: { url: sandboxUrl, version: 'test', where: 'running' }, generatedAt: '2026-03-02T09:00:00.000Z', lists: ['receiver'] });
  };
  const updates = { name: 'Send Appointment Details (Updates)', priority: 'Strongly recommended' as const };

  it('is Not verified when only the webhook was the partner\'s and the appointments came from the reference POS', () => {
    const row = rowFor([delivery, appointment('2', { 'x-hie-reference-pos': '1' })], updates).rows.find((x) => x.useCase === updates.name)!;
    expect(row.result).toBe('Not verified');
    expect(row.message).toMatch(/calling the sandbox/);
  });

  it("passes when the partner's POS sent the appointments itself", () => {
    expect(rowFor([delivery, appointment('2', {})], updates).rows.find((x) => x.useCase === updates.name)!.result).toBe('Pass');
  });

  it("needs an Ocean delivery the partner's sending POS answered for every sender row: Ocean takes no event from the sending POS", () => {
    const senderRow = (journal: JournalEntry[], name: string) => {
      const r: ScenarioResult = { id: 'sender-row', title: name, system: 'ocean', role: 'sender', useCases: [{ name, priority: 'Strongly recommended', list: 'sender' }], status: 'passed', steps: journal.map((e, index) => ({ index, kind: 'expect', title: `expect ${e.id}`, status: 'passed', message: '', evidence: [e.id], durationMs: 1 })), unverified: 0, evidence: journal.map((e) => e.id), durationMs: 1 };
      const report: RunReport = { startedAt: '2026-03-02T09:00:00.000Z', sandbox: sandboxUrl, partner: 'demo', results: [r], totals: { passed: 1, failed: 0, error: 0, durationMs: 1 } };
      return buildWorksheet({ report, journal, mode: 'partner', sandbox: { url: sandboxUrl, version: 'test', where: 'running' }, generatedAt: '2026-03-02T09:00:00.000Z', lists: ['sender'] }).rows.find((x) => x.useCase === name)!;
    };
    for (const name of ['Send Supporting Information and attachments', 'Exchange Communications']) {
      expect(senderRow([appointment('2', {})], name).result, name).toBe('Not verified');
      expect(senderRow([delivery], name).result, name).toBe('Pass');
    }
    // Cancelling is a portal action that Ocean tells the sending POS nothing about: no delivery of its shows it.
    const cancel = senderRow([delivery], 'Cancel the Service Request');
    expect(cancel.result).toBe('Not verified');
    expect(cancel.message).toContain("Ocean's portal");
  });

  it("counts, for a scenario run's reports, the exchanges of the partner's own system and the others that decided its steps", () => {
    const r: ScenarioResult = { id: 'x', title: 'x', system: 'ocean', role: 'receiver', useCases: [], status: 'passed', steps: [{ index: 0, kind: 'expect', title: 'e', status: 'passed', message: '', evidence: ['1', '2', '3'], durationMs: 1 }], unverified: 0, evidence: ['1', '2', '3'], durationMs: 1 };
    const journal = new Map([delivery, appointment('2', {}), appointment('3', { 'x-hie-reference-pos': '1' })].map((e) => [e.id, e]));
    expect(decidedBy(r, journal, 'demo', sandboxUrl)).toEqual({ partner: 2, other: 1 });
    expect(decidedBy(r, new Map([['3', journal.get('3')!]]), 'demo', sandboxUrl)).toEqual({ partner: 0, other: 1 });
  });

  it('blocks the run (exit 1) on a Fail whatever the priority, not only on Required rows', () => {
    const sheet = rowFor([delivery, appointment('2', {})], updates, 'failed');
    expect(blockingRows(sheet).filter((x) => x.priority !== 'Required').map((x) => x.useCase)).toEqual([updates.name]);
  });
});

describe("the partner's own webhook, when the run knows it", () => {
  const delivery = (url: string): JournalEntry => ({ id: '1', seq: 1, time: '2026-03-02T09:00:00.000Z', system: 'ocean', partner: 'demo', direction: 'outbound', method: 'POST', url, status: 200, durationMs: 1, request: { headers: {} }, response: { headers: {} }, correlation: { delivery: 'd1' } });
  it("makes Ocean's deliveries to any other URL (another vendor's on a shared sandbox) not the partner's evidence", () => {
    expect(isOwnExchange(delivery('https://vendor-a.example/hook'), 'demo', sandbox, ['https://vendor-a.example/hook'])).toBe(true);
    expect(isOwnExchange(delivery('https://vendor-b.example/hook'), 'demo', sandbox, ['https://vendor-a.example/hook'])).toBe(false);
    expect(isOwnExchange(delivery('https://vendor-b.example/hook'), 'demo', sandbox)).toBe(true);
  });
});

describe('round three: what a delivery was, an answer that could not be read, and a partner\'s text in the worksheet', () => {
  const hcimOut = (url: string, correlation: Record<string, string>): JournalEntry => ({ id: '7', seq: 7, time: '2026-03-02T09:00:00.000Z', system: 'hcim', partner: 'acme', direction: 'outbound', method: 'POST', url, status: 200, durationMs: 1, request: { headers: {} }, response: { headers: {} }, correlation: { delivery: 'd', ...correlation } });

  it('tells an HCIM call-back from a notification by what it answers, not by its URL', () => {
    expect(useCaseOf(hcimOut('https://acme.example/hcim-callback', { callback: 'HCIM_IN_PersonRevised' }))?.name).toBe('.Async operations');
    expect(useCaseOf(hcimOut('https://acme.example/cb/Patient/$AddPatient', { callback: 'AddPatient' }))?.name).toBe('.Async operations');
    expect(useCaseOf(hcimOut('https://acme.example/notify/Patient/$AddPatient', { event: 'NEW', phn: '9876543218' }))?.name).toBe('Patient change notifications');
    expect(useCaseOf(hcimOut('https://acme.example/other', {}))).toBeUndefined();
  });

  it("cannot judge a partner's answer whose body broke off or did not decode", () => {
    const broken: JournalEntry = { ...hcimOut('https://acme.example/plr', {}), system: 'plr', response: { headers: { 'content-encoding': 'gzip' }, body: '', truncated: true } };
    expect(judgeAnswer(broken).unreadable).toMatch(/could not be read/);
  });

  it("keeps a partner's carriage returns and backticks from ending a worksheet row or its evidence block", () => {
    const report: RunReport = { startedAt: '2026-03-02T09:00:00.000Z', sandbox, partner: 'demo', results: [], totals: { passed: 0, failed: 0, error: 0, durationMs: 0 } };
    const sheet = buildWorksheet({ report, journal: [], mode: 'partner', sandbox: { url: sandbox, version: 'test', where: 'running' }, generatedAt: '2026-03-02T09:00:00.000Z', lists: ['receiver'] });
    const row = sheet.rows[0]!;
    row.result = 'Fail';
    row.message = 'refused\r| Receive New Service Request | Required | Pass |';
    row.exchanges = [{ journal: '1', time: '2026-03-02T09:00:00.000Z', system: 'ocean', direction: 'outbound', method: 'POST', url: 'https://pos.example/hook', status: 200, excerpt: 'answer: ```\n| Pass |', own: true, step: '1 expect', outcome: 'passed' }];
    const md = renderWorksheetMarkdown(sheet);
    const tableLines = md.split('\n').filter((l) => l.startsWith(`| ${row.useCase} |`));
    expect(tableLines).toHaveLength(1);
    expect(tableLines[0]).toContain('**Fail**');
    const block = md.slice(md.indexOf('<details>'), md.indexOf('</details>'));
    const fence = /\n(`{3,})text\n/.exec(block)![1]!;
    expect(fence.length).toBeGreaterThan(3);
    expect(block.split('\n').filter((l) => l === fence)).toHaveLength(1);
  });
});

describe('the review of this session: answers in the forms real systems write them', () => {
  const out = (body: string, correlation: Record<string, string> = {}): JournalEntry => ({ id: '9', seq: 9, time: '2026-03-02T09:00:00.000Z', system: 'hcim', partner: 'acme', direction: 'outbound', method: 'POST', url: 'https://acme.example/cb', status: 200, durationMs: 1, request: { headers: {} }, response: { headers: {}, body }, correlation: { delivery: 'd', ...correlation } });

  it("finds HCIM's own AE acknowledgement (a typeCode element, then an acknowledgementDetail with typeCode E), and CE/CR", () => {
    // The sandbox acknowledges AA (it refuses with a Nak); a partner's stack may answer AE or AR in the same wrapper.
    const envelope = (ackCode: 'AA' | 'AE' | 'AR') =>
      soapEnvelope(wrapper({ interaction: 'HCIM_IN_GetDemographicsResponse', requestId: 'r1', receiver: {}, at: '2026-03-02T09:00:00Z', code: ackCode === 'AA' ? HCIM_CODES.gdSuccess : HCIM_CODES.gdInvalid })).replace('typeCode="AA"', `typeCode="${ackCode}"`);
    expect(judgeAnswer(out(envelope('AE'))).refusal).toMatch(/AE acknowledgement/);
    expect(judgeAnswer(out(envelope('AR'))).refusal).toMatch(/AR acknowledgement/);
    expect(judgeAnswer(out(envelope('AA')))).toEqual({});
    expect(judgeAnswer(out('<MCCI_IN000002><acknowledgement typeCode="CR"/></MCCI_IN000002>')).refusal).toMatch(/CR acknowledgement/);
  });

  // The shape of HCIM's own Nak (moh-hcim-death-date-esb, hcimdd/DeathDate-war/src/test/resources/validHcimOut.xml):
  // acknowledgement typeCode CA, its detail untyped, the refusal only in the BCHCIM error code.
  const realNak = (code: string) => `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<MCCI_IN000002 xmlns="urn:hl7-org:v3">
    <typeId root="2.16.840.1.113883.3.51.1.1.2"/>
    <id root="2.16.840.1.113883.3.51.1.1.1" extension="9cfd3e0c-dbea-4f16-a383-c20ecc9dd859" assigningAuthorityName="BCHCIM" displayable="true"></id>
    <creationTime value="20171110154146.45"></creationTime>
    <interactionId root="2.16.840.1.113883.3.51.1.1.2" extension="HCIM_IN_PersonRevisedNak" assigningAuthorityName="BCHCIM" displayable="true"></interactionId>
    <processingCode code="P"></processingCode>
    <processingModeCode code="T"></processingModeCode>
    <acceptAckCode code="NE"></acceptAckCode>
    <acknowledgement typeCode="CA">
        <acknowledgementDetail>
            <code code="${code}" codeSystem="HCIM" codeSystemName="BC Client Identity Management System" codeSystemVersion="1" displayName="Error: The HL7 message is invalid. Please correct the HL7 message, and resubmit it. Error BCHCIM.BRV.2.0003. PHN Checksum has failed."></code>
            <text>Error: The HL7 message is invalid. Please correct the HL7 message, and resubmit it. Error BCHCIM.BRV.2.0003. PHN Checksum has failed.</text>
        </acknowledgementDetail>
        <targetMessage>
            <id root="2.16.840.1.113883.3.51.1.1.1" extension="e40593db-6844-451f-ae7c-495298541245" assigningAuthorityName="MOH_CRS"></id>
        </targetMessage>
    </acknowledgement>
</MCCI_IN000002>
`;

  it("finds a refusal in HCIM's real Nak (acknowledgement CA, an untyped detail with an error code) and in the sandbox's own", () => {
    expect(judgeAnswer(out(realNak('BCHCIM.RP.2.0006'))).refusal).toMatch(/BCHCIM\.RP\.2\.0006/);
    expect(judgeAnswer(out(realNak('BCHCIM.RP.2.0004'))).refusal).toMatch(/BCHCIM\.RP\.2\.0004/);
    const own = soapEnvelope({ MCCI_IN000002: personRevisedNak({ requestId: 'r1', receiver: {}, at: '2026-03-02T09:00:00Z', code: HCIM_CODES.rpInvalid, detail: 'PHN Checksum has failed' }) });
    expect(judgeAnswer(out(own)).refusal).toMatch(/BCHCIM\.RP\.2\.0006/);
  });

  it("finds a refusal in the sandbox's query errors, which carry no acknowledgement (the code in acceptAckCode and queryAck, as HNWeb's samples)", () => {
    const query = (code: (typeof HCIM_CODES)[keyof typeof HCIM_CODES]) =>
      soapEnvelope({ HCIM_IN_GetDemographicsResponse: { ...queryHeader({ interaction: 'HCIM_IN_GetDemographicsResponse', receiver: {}, at: '2026-03-02T09:00:00Z', code }), controlActProcess: { queryAck: queryAck(code, 0) } } });
    expect(judgeAnswer(out(query(HCIM_CODES.gdNotFound))).refusal).toMatch(/BCHCIM\.GD\.2\.0018/);
    expect(judgeAnswer(out(query(HCIM_CODES.gdInvalid))).refusal).toMatch(/BCHCIM\.GD\.2\.0006/);
    expect(judgeAnswer(out(query(HCIM_CODES.gdSuccess)))).toEqual({});
    expect(judgeAnswer(out(query(HCIM_CODES.gdMerged)))).toEqual({});
    expect(judgeAnswer(out(query(HCIM_CODES.fcMaxResults)))).toEqual({});
  });

  it('takes a commit acknowledgement (CA) whose detail is information or a warning as accepting', () => {
    expect(judgeAnswer(out(realNak('BCHCIM.RP.0.0007')))).toEqual({});
    expect(judgeAnswer(out(realNak('BCHCIM.RP.1.0023')))).toEqual({});
  });

  it("takes the sandbox's PersonRevised Result and Accepted (their codes in controlActProcess/reasonCode) as accepting, and finds an error code in a reasonCode (a Rejected's)", () => {
    const revised = (interaction: string, code: (typeof HCIM_CODES)[keyof typeof HCIM_CODES]) =>
      soapEnvelope({ [interaction]: { ...wrapper({ interaction, requestId: 'r1', receiver: {}, at: '2026-03-02T09:00:00Z', code }), ...revisedControlAct(code) } });
    expect(judgeAnswer(out(revised('HCIM_IN_PersonRevisedResult', HCIM_CODES.rpNewPhn)))).toEqual({});
    expect(judgeAnswer(out(revised('HCIM_IN_PersonRevisedResult', HCIM_CODES.rpMotherMerged)))).toEqual({});
    expect(judgeAnswer(out(revised('HCIM_IN_PersonRevisedAccepted', HCIM_CODES.rpAccepted)))).toEqual({});
    const rejected = '<HCIM_IN_PersonRevisedRejected xmlns="urn:hl7-org:v3"><controlActProcess classCode="CACT" moodCode="EVN"><reasonCode code="BCHCIM.RP.2.0015"><originalText>merged</originalText></reasonCode></controlActProcess></HCIM_IN_PersonRevisedRejected>';
    expect(judgeAnswer(out(rejected)).refusal).toMatch(/BCHCIM\.RP\.2\.0015/);
  });

  it("does not crash on an OperationOutcome whose issue is not a list, and finds a batch entry's numeric status", () => {
    expect(() => judgeAnswer(out(JSON.stringify({ resourceType: 'OperationOutcome', issue: { severity: 'error' } })))).not.toThrow();
    expect(judgeAnswer(out(JSON.stringify({ resourceType: 'Bundle', type: 'batch-response', entry: [{ response: { status: 500 } }] }))).refusal).toMatch(/500/);
  });

  it('matches own endpoints exactly: only a call-back goes below its base URL', () => {
    const delivery = (url: string, correlation: Record<string, string> = {}) => ({ ...out('', correlation), system: 'ocean', partner: 'demo', url, response: { headers: {} } }) as JournalEntry;
    expect(isOwnExchange(delivery('http://qa-box:9000/hook/b'), 'demo', sandbox, ['http://qa-box:9000/hook'])).toBe(false);
    expect(isOwnExchange(delivery('http://qa-box:9000/vendor-b/hook'), 'demo', sandbox, ['http://qa-box:9000/'])).toBe(false);
    expect(isOwnExchange(delivery('http://qa-box:9000/cb/Patient/$AddPatient', { callback: 'AddPatient' }), 'demo', sandbox, ['http://qa-box:9000/cb'])).toBe(true);
  });
});

describe('round four: refusals in the forms partner stacks write them', () => {
  const out = (body: string): JournalEntry => ({ id: '9', seq: 9, time: '2026-03-02T09:00:00.000Z', system: 'hcim', partner: 'demo', direction: 'outbound', method: 'POST', url: 'https://acme.example/cb', status: 200, durationMs: 1, request: { headers: {} }, response: { headers: {}, body }, correlation: { delivery: 'd' } });
  it.each([
    ['a SOAP-ENV: Fault (SAAJ, Spring-WS, PHP, gSOAP)', '<SOAP-ENV:Envelope><SOAP-ENV:Body><SOAP-ENV:Fault><faultcode>SOAP-ENV:Client</faultcode></SOAP-ENV:Fault></SOAP-ENV:Body></SOAP-ENV:Envelope>'],
    ['a prefixed acknowledgement', '<hl7-v3:MCCI_IN000002 xmlns:hl7-v3="urn:hl7-org:v3"><hl7-v3:acknowledgement typeCode="AE"/></hl7-v3:MCCI_IN000002>'],
    ['a lower-case code', '<x><acknowledgement typeCode="ae"/></x>'],
    ['a typeCode element far into the acknowledgement', `<x><acknowledgement>${'<note>'.padEnd(900, 'n')}</note><typeCode code="AR"/></acknowledgement></x>`],
    ['an MTOM part', '--uuid:1\r\nContent-Type: application/xop+xml\r\n\r\n<soap:Envelope><soap:Body><x><acknowledgement typeCode="AE"/></x></soap:Body></soap:Envelope>\r\n--uuid:1--'],
    ['a severity element with its attributes in another order', '<OperationOutcome xmlns="http://hl7.org/fhir"><issue><severity id="s1" value="error"/></issue></OperationOutcome>'],
    ['a capitalised severity', JSON.stringify({ resourceType: 'OperationOutcome', issue: [{ severity: 'Error' }] })],
    ['a single issue object', JSON.stringify({ resourceType: 'OperationOutcome', issue: { severity: 'error' } })],
    ['an entry status with a space before it', JSON.stringify({ resourceType: 'Bundle', type: 'batch-response', entry: [{ response: { status: ' 400 Bad Request' } }] })],
    ['a plain JSON error', JSON.stringify({ error: 'invalid_request', message: 'refused' })],
  ])('finds %s', (_what, body) => {
    expect(judgeAnswer(out(body)).refusal).toBeDefined();
  });

  it('still takes an accepting answer as one', () => {
    expect(judgeAnswer(out('<x><acknowledgement typeCode="AA"/><acknowledgementDetail typeCode="I"/></x>'))).toEqual({});
    expect(judgeAnswer(out(JSON.stringify({ resourceType: 'OperationOutcome', issue: [{ severity: 'information' }] })))).toEqual({});
    expect(judgeAnswer(out(JSON.stringify({ ok: true, error: null })))).toEqual({});
  });
});

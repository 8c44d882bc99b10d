// Sends fuzzed requests to a listening sandbox and tallies what came back: statuses, 5xx, network errors, slow answers.
import http from 'node:http';
import WebSocket from 'ws';
import type { FuzzRequest } from './requests.js';

/** Longest a single answer may take. */
export const SLOW_MS = 2_000;

export interface Outcome {
  status?: number;
  ms: number;
  /** Set when no HTTP answer came (reset, timeout). */
  error?: string;
  /** First bytes of the answer, for 5xx reports. */
  snippet?: string;
}

export interface FuzzReport {
  total: number;
  byStatus: Record<string, number>;
  /** 5xx answers that are not a deliberate fault (an armed fault seam, the deliberately wrong receiver). */
  failures: Array<{ request: string; outcome: Outcome }>;
  deliberate: number;
  slow: Array<{ request: string; ms: number }>;
  slowestMs: number;
  webSockets: number;
}

export function emptyReport(): FuzzReport {
  return { total: 0, byStatus: {}, failures: [], deliberate: 0, slow: [], slowestMs: 0, webSockets: 0 };
}

const describe = (r: FuzzRequest) => `${r.method} ${r.path.length > 160 ? `${r.path.slice(0, 160)}…(${r.path.length})` : r.path} [${r.label}${r.body ? `, ${r.body.length} B` : ''}]`;

/** Sends one request; never throws. */
export function send(base: URL, req: FuzzRequest, agent: http.Agent, timeoutMs = 30_000): Promise<Outcome> {
  const started = performance.now();
  return new Promise((resolve) => {
    let done = false;
    const finish = (o: Omit<Outcome, 'ms'>) => {
      if (!done) (done = true), resolve({ ...o, ms: performance.now() - started });
    };
    let r: http.ClientRequest;
    try {
      r = http.request({ host: base.hostname, port: base.port, method: req.method, path: req.path, headers: { ...req.headers, ...(req.body ? { 'content-length': String(req.body.length) } : {}) }, agent, timeout: timeoutMs }, (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (c: Buffer) => {
          if (size < 2048) chunks.push(c);
          size += c.length;
        });
        res.on('end', () => finish({ status: res.statusCode, snippet: Buffer.concat(chunks).toString('utf8').slice(0, 600) }));
        res.on('error', (e) => finish({ status: res.statusCode, error: e.message }));
      });
    } catch (e) {
      // The client library refused the request itself (an illegal path or header): nothing reached the server.
      return finish({ status: 0, error: `not sent: ${(e as Error).message}` });
    }
    r.on('timeout', () => r.destroy(new Error('timeout')));
    r.on('error', (e) => finish({ error: e.message }));
    r.end(req.body);
  });
}

/** Node's HTTP parser refuses a request line and headers over 16 KB with a 431 and closes the socket, often before a body is sent. */
export const HEADER_LIMIT = 16 * 1024;
const headerBytes = (r: FuzzRequest) => r.path.length + Object.entries(r.headers).reduce((n, [k, v]) => n + k.length + v.length + 4, 0) + 64;

/** Deliberate 5xx: an armed fault seam's answer, or the reference receiver told to answer 500. */
export const isDeliberate = (o: Outcome) => Boolean(o.snippet && (o.snippet.includes('simulated fault') || o.snippet.includes('wrong receiver: answer-500')));

/**
 * A SOAP 1.1 Fault blaming the client travels over HTTP 500 (SOAP 1.1 §6.2, WS-I BP R1126): the protocol's answer
 * to bad input, not a failure. A `soap:Server` fault (a sandbox bug) still counts.
 */
export const isSoapClientFault = (o: Outcome) => o.status === 500 && Boolean(o.snippet?.includes('<faultcode>soap:Client</faultcode>'));

export function tally(report: FuzzReport, req: FuzzRequest, o: Outcome): void {
  report.total++;
  // A reset while sending a request whose head is over the limit is that 431, and one with a method the
  // parser does not know is its 400: Node answers and closes before the body is read. Neither is a failure.
  if (!o.status && o.error && headerBytes(req) > HEADER_LIMIT) o = { ...o, status: 431, error: undefined };
  if (!o.status && o.error && !http.METHODS.includes(req.method)) o = { ...o, status: 400, error: undefined };
  const key = o.status ? String(o.status) : o.error?.startsWith('not sent') ? 'not sent' : 'no answer';
  report.byStatus[key] = (report.byStatus[key] ?? 0) + 1;
  if (o.status !== 0) report.slowestMs = Math.max(report.slowestMs, o.ms);
  if (o.ms > SLOW_MS && o.status !== 0) report.slow.push({ request: describe(req), ms: Math.round(o.ms) });
  if (isDeliberate(o)) report.deliberate++;
  else if (isSoapClientFault(o)) return;
  else if ((o.status !== undefined && o.status >= 500) || (o.status === undefined && o.error)) report.failures.push({ request: describe(req), outcome: o });
}

/**
 * Undoes what a fuzzed admin call may switch on that answers 5xx on purpose: an armed fault is cleared and
 * the wrong receiver made right again, so later answers are judged on their own.
 */
export async function undoDeliberateFaults(base: URL, req: FuzzRequest, o: Outcome, agent: http.Agent): Promise<void> {
  if (!o.status || o.status >= 300) return;
  const path = req.path.split('?')[0]!;
  if (req.method === 'POST' && path.startsWith('/admin/faults')) await send(base, { method: 'DELETE', path: '/admin/faults', headers: {}, label: 'undo' }, agent);
  if (req.method === 'PUT' && path.startsWith('/pos/receiver/wrong')) await send(base, { method: 'PUT', path: '/pos/receiver/wrong', headers: { 'content-type': 'application/json' }, body: Buffer.from('{"behaviours":[]}'), label: 'undo' }, agent);
}

/** Opens the journal feed with an odd origin, path or subprotocol, sends junk frames, closes; resolves whatever happens. */
export function probeWebSocket(base: URL, seedNum: number): Promise<void> {
  const paths = ['/admin/events', '/admin/events?since=constructor', '/admin/events/../events', '/admin/nothing', `/admin/events?${'a'.repeat(5000)}=1`];
  const origins = [undefined, 'http://evil.example', 'null', 'http://127.0.0.1'];
  return new Promise((resolve) => {
    const ws = new WebSocket(`ws://${base.host}${paths[seedNum % paths.length]}`, seedNum % 3 === 0 ? ['constructor'] : undefined, { origin: origins[seedNum % origins.length], handshakeTimeout: 5_000, maxPayload: 1 << 20 });
    const end = () => {
      clearTimeout(timer);
      resolve();
    };
    const timer = setTimeout(() => (ws.terminate(), end()), 3_000);
    ws.on('open', () => {
      ws.send('{"__proto__":{"x":1}}');
      ws.send(Buffer.alloc(64 * 1024, 0x5b));
      ws.send('['.repeat(10_000));
      ws.close(seedNum % 2 ? 1000 : 4000, 'x'.repeat(100));
    });
    ws.on('close', end);
    ws.on('error', end);
    ws.on('unexpected-response', end);
  });
}

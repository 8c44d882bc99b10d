// One autocannon run (10 connections by default) reduced to the figures the tables print.
import autocannon from 'autocannon';

export interface LoadRequest {
  method?: 'GET' | 'POST';
  path: string;
  headers?: Record<string, string>;
  /** A body per request (POSTs that need a fresh message id each time). */
  body?: () => string;
}

export interface LoadResult {
  rps: number;
  p50: number;
  p99: number;
  /** Bytes of one response body. */
  bytes: number;
  non2xx: number;
  errors: number;
  /** Requests completed in the run. */
  total: number;
}

export async function measure(base: string, req: LoadRequest, seconds: number, connections = 10): Promise<LoadResult> {
  const first = await fetch(`${base}${req.path}`, { method: req.method ?? 'GET', headers: req.headers, body: req.body?.() });
  const bytes = (await first.arrayBuffer()).byteLength;
  const r = await autocannon({
    url: base,
    connections,
    duration: seconds,
    requests: [{ method: req.method ?? 'GET', path: req.path, headers: req.headers, setupRequest: (q: Record<string, unknown>) => (req.body ? { ...q, body: req.body() } : q) }],
  });
  return { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, bytes, non2xx: r.non2xx, errors: r.errors, total: r.requests.total };
}

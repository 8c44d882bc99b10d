// A local HTTP receiver on port 0 that records what it gets and answers by a script of statuses.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';

export interface Received {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface Receiver {
  url: string;
  received: Received[];
  /** Statuses to answer with, in order; the last one repeats. */
  respondWith(...statuses: number[]): void;
  close(): Promise<void>;
}

export async function startReceiver(answer: (r: Received) => { status?: number; body?: string; headers?: Record<string, string> } | undefined = () => undefined): Promise<Receiver> {
  const received: Received[] = [];
  let statuses = [200];
  let served = 0;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const r: Received = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      received.push(r);
      const custom = answer(r);
      const status = custom?.status ?? statuses[Math.min(served, statuses.length - 1)]!;
      served += 1;
      res.writeHead(status, { 'content-type': 'application/json', ...custom?.headers });
      res.end(custom?.body ?? JSON.stringify({ status }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    respondWith(...s) {
      statuses = s;
      served = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** A receiver that echoes Ocean's `{"challenge": ...}` validation and answers everything else by its status script. */
export function startOceanWebhook(): Promise<Receiver> {
  return startReceiver((r) => {
    let challenge: unknown;
    try {
      challenge = (JSON.parse(r.body) as { challenge?: unknown }).challenge;
    } catch {
      return undefined;
    }
    return typeof challenge === 'string' ? { status: 200, body: JSON.stringify({ challenge }) } : undefined;
  });
}

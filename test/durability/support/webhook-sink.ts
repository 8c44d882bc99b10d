// A webhook receiver for the crash test: echoes Ocean's challenge, then holds or accepts deliveries.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';

export interface WebhookSink {
  url: string;
  /** Bodies of the deliveries answered 200. */
  received: string[];
  /** `hold`: never answer (the attempt is in flight when the sandbox dies); `accept`: answer 200. */
  mode: 'hold' | 'accept';
  close(): Promise<void>;
}

export async function startWebhookSink(): Promise<WebhookSink> {
  const held = new Set<ServerResponse>();
  const sink: WebhookSink = { url: '', received: [], mode: 'accept', close: async () => undefined };
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const challenge = /"challenge"\s*:\s*"([^"]*)"/.exec(body)?.[1];
      if (challenge !== undefined) return void res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ challenge }));
      if (sink.mode === 'hold') {
        held.add(res);
        res.on('close', () => held.delete(res));
        return;
      }
      sink.received.push(body);
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  sink.url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/hook`;
  sink.close = () =>
    new Promise<void>((resolve) => {
      for (const r of held) r.destroy();
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return sink;
}

// What a partner's endpoint answers is read only as far as the sandbox uses it: a webhook, a distribution endpoint or
// an integration's challenge answering hundreds of megabytes held them all in memory (and again on every retry).
import { createServer, type Server } from 'node:http';
import request from 'supertest';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../src/app.js';
import { createTestSandbox } from '../support/sandbox.js';

/** An endpoint that answers 200 with an endless body, 64 KiB at a time, and counts what it could write. */
interface Flood {
  url: string;
  /** Bytes written to each request's answer before the client let go. */
  written: number[];
  /** Resolves once a request's answer was cut off by the client. */
  cut(): Promise<void>;
  close(): Promise<void>;
}

async function startFlood(): Promise<Flood> {
  const written: number[] = [];
  const waiting: Array<() => void> = [];
  const chunk = Buffer.alloc(64 * 1024, 'x');
  const server: Server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/json' });
      let sent = 0;
      const pump = () => {
        while (!res.destroyed && sent < 512 * 1024 * 1024) {
          sent += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
      };
      res.on('close', () => {
        written.push(sent);
        waiting.splice(0).forEach((w) => w());
      });
      pump();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    written,
    cut: () => new Promise<void>((resolve) => waiting.push(resolve)),
    close: () => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve()))),
  };
}

let flood: Flood;
let sandbox: Sandbox;
beforeEach(async () => {
  flood = await startFlood();
  sandbox = await createTestSandbox();
});
afterEach(async () => {
  await sandbox.close();
  await flood.close();
});

/** Well above what any answer is read for (the journal keeps 64 KiB of a body), far below the flood. */
const READ_AT_MOST = 4 * 1024 * 1024;

describe("a partner endpoint's answer", () => {
  it('is read no further than the journal keeps of it, for a delivery', async () => {
    const cut = flood.cut();
    sandbox.deps.delivery.enqueue({ channel: 'ocean', url: flood.url, body: '{}' });
    await sandbox.deps.delivery.idle();
    await cut;
    expect(flood.written[0]).toBeLessThan(READ_AT_MOST);
    const entry = sandbox.deps.journal.query({ direction: 'outbound' }).at(-1)!;
    expect(entry.status).toBe(200);
    expect(entry.response?.truncated).toBe(true);
  });

  it("is read no further than a challenge's echo can be, when an integration is registered", async () => {
    const cut = flood.cut();
    const listing = sandbox.deps.population.fixtures.imagingListingRef;
    const site = (await request(sandbox.app).get('/admin/ocean/listings')).body.find((l: { ref: string }) => l.ref === listing).siteNum as string;
    const res = await request(sandbox.app).post('/admin/ocean/integrations').send({ siteNum: site, url: flood.url, listings: [listing] });
    await cut;
    expect(flood.written[0]).toBeLessThan(READ_AT_MOST);
    expect(res.status).toBe(422);
  });
});

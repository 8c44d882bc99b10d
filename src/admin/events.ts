// The live feed: journal entries pushed over WebSocket at /admin/events (filterable by query string).
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { WebSocket, WebSocketServer } from 'ws';
import type { HostNames } from '../http/host-names.js';
import type { Journal, JournalEntry } from '../journal/index.js';
import { lazyPackage } from '../lazy-package.js';
import type { AdminAccess } from './access.js';

/** The WebSocket library loads with the first subscriber, not at start. */
const wsLib = lazyPackage<typeof import('ws')>('ws');

export const EVENTS_PATH = '/admin/events';

/** Most subscribers at once; more are refused with 503 until one leaves. */
export const MAX_SUBSCRIBERS = 100;

/** Close code for a subscriber dropped because it stopped reading (RFC 6455 1008: policy violation). */
export const FELL_BEHIND = 1008;

/** Who may open the feed: a Host naming the sandbox, no foreign Origin, and the admin token when one is set. */
export interface FeedDoor {
  access: AdminAccess;
  names: HostNames;
}

/** Attaches the feed to an HTTP server; returns a function that closes it. */
export function attachEventFeed(server: Server, journal: Journal, options: { door?: FeedDoor; maxBufferedBytes?: number; maxSubscribers?: number } = {}): () => Promise<void> {
  const { door } = options;
  const maxBuffered = options.maxBufferedBytes ?? 4 * 1024 * 1024;
  // A dashboard or two and a few tools; each subscriber costs a send of every entry.
  const maxSubscribers = options.maxSubscribers ?? MAX_SUBSCRIBERS;
  // Every subscriber is sent the same text for an entry: made once (listeners run in turn for one entry at a time).
  let lastEntry: JournalEntry | undefined;
  let lastText = '';
  const textOf = (e: JournalEntry) => (e === lastEntry ? lastText : ((lastEntry = e), (lastText = JSON.stringify({ type: 'journal', entry: e }))));
  let wss: WebSocketServer | undefined;
  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname !== EVENTS_PATH) {
      socket.end('HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    const refusal = door && refusalOf(req, door);
    if (refusal) {
      socket.end(`HTTP/1.1 ${refusal}\r\nContent-Type: text/plain\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`);
      return;
    }
    // The feed reads nothing from subscribers: a message beyond a few bytes closes the socket (1009), where ws's
    // default would have buffered up to 100 MiB of one.
    if (wss && wss.clients.size >= maxSubscribers) {
      socket.end(`HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain\r\nRetry-After: 5\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`);
      return;
    }
    wss ??= new (wsLib().WebSocketServer)({ noServer: true, maxPayload: 1024 });
    wss.handleUpgrade(req, socket, head, (ws) => subscribe(ws, url.searchParams));
  };
  const subscribe = (ws: WebSocket, params: URLSearchParams) => {
    const system = params.get('system');
    const partner = params.get('partner');
    const correlation = params.get('correlation');
    const wanted = (e: JournalEntry) =>
      (!system || e.system === system) && (!partner || e.partner === partner) && (!correlation || Object.values(e.correlation).includes(correlation));
    const unsubscribe = journal.subscribe((e) => {
      if (!wanted(e) || ws.readyState !== ws.OPEN) return;
      if (ws.bufferedAmount > maxBuffered) return dropSlow(ws, unsubscribe);
      ws.send(textOf(e));
    });
    ws.on('close', unsubscribe);
    ws.on('error', unsubscribe);
    ws.send(JSON.stringify({ type: 'hello', journalSize: journal.size() }));
  };
  /** A subscriber that does not read is dropped, never buffered without limit. */
  const dropSlow = (ws: WebSocket, unsubscribe: () => void) => {
    unsubscribe();
    ws.close(FELL_BEHIND, `fell behind by more than ${maxBuffered} bytes unread; reconnect`);
    setTimeout(() => ws.terminate(), 1000).unref();
  };
  server.on('upgrade', onUpgrade);
  return () =>
    new Promise<void>((resolve) => {
      server.off('upgrade', onUpgrade);
      if (!wss) return resolve();
      for (const c of wss.clients) c.terminate();
      wss.close(() => resolve());
    });
}

/** The status line refusing an upgrade, or undefined when it may proceed. */
function refusalOf(req: IncomingMessage, door: FeedDoor): string | undefined {
  const host = req.headers.host;
  if (host !== undefined && !door.names.serves(host)) return '421 Misdirected Request';
  const origin = req.headers.origin;
  if (origin !== undefined && !door.names.sameOrigin(origin, host)) return '403 Forbidden';
  if (!door.access.admits(req)) return '401 Unauthorized';
  return undefined;
}

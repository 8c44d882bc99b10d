// Typed, frozen configuration: one documented default per key; only main/CLI read process.env.
import { parseDuration } from './clock/duration.js';
import { dirname, join } from 'node:path';
import type { PopulationSizes } from './population/types.js';

export type ClockMode = { kind: 'real' } | { kind: 'manual' } | { kind: 'accelerated'; factor: number };

export interface Config {
  /** TCP port to listen on. Default 8900. */
  readonly port: number;
  /** Interface to bind. Default 127.0.0.1 (0.0.0.0 inside the container). */
  readonly host: string;
  /** Public base URL used to mint identifier systems and links. Default http://{host}:{port}. */
  readonly baseUrl: string;
  /** lowdb JSON file, or undefined for an in-memory store (--ephemeral). Default ./data/sandbox.json. */
  readonly dataFile: string | undefined;
  /** Population seed. Default 1. */
  readonly seed: number;
  /** Population reference date. Default 2026-01-01. */
  readonly referenceDate: string;
  /** Population sizes. Default 10,000 patients, 2,500 practitioners, 400 organizations, 600 facilities. */
  readonly sizes: PopulationSizes;
  /** Simulated clock. Default real. */
  readonly clock: ClockMode;
  /** Require bearer tokens on PLR/HCIM/Ocean. Default true (--no-auth turns it off). */
  readonly auth: boolean;
  /** Largest accepted request body in bytes. Default 5 MB. */
  readonly bodyLimitBytes: number;
  /** Journal ring size. Default 10,000 entries. */
  readonly journalSize: number;
  /** Largest body kept per journal entry, in characters. Default 64 KiB. */
  readonly journalBodyCap: number;
  /** How long the store may wait to coalesce writes before it persists them (lowdb adapter mode only). Default 100 ms. */
  readonly storeFlushMs: number;
  /** Whether a commit of the write-ahead log also waits for the disk (fsync). Default true (--no-fsync). */
  readonly fsync: boolean;
  /** Bounds on everything that grows; see `Bounds`. */
  readonly bounds: Bounds;
  /** Lifetime of issued access tokens in seconds. Default 300 (Keycloak's default). */
  readonly tokenLifetimeSeconds: number;
  /** `tls`: HTTPS with the local CA's certificate; `mtls`: and a client certificate it issued is required. Default off. */
  readonly tls: 'off' | 'tls' | 'mtls';
  /** Where the local CA and certificates live: `tls/` beside the data file (./data/tls for --ephemeral). */
  readonly tlsDir: string;
  /** IANA time zone of Ocean's local timestamps (offsets in its payloads). Default America/Vancouver. */
  readonly timeZone: string;
  /** Token every admin call must present. Default none; required to listen beyond loopback. */
  readonly adminToken?: string;
}

/** The settable bounds on what the sandbox keeps, each shown in /admin/health (registry records a partner creates are data, kept like a real registry keeps them). */
export interface Bounds {
  /** Most named snapshots (each in its own file). Default 200 (a scenario session keeps one per step for Back) (HIE_SANDBOX_MAX_SNAPSHOTS). */
  readonly snapshots: number;
  /** Journal size in bytes of what the entries keep (bodies, headers, ids), besides `journalSize` entries. Default 16 MiB (HIE_SANDBOX_JOURNAL_BYTES). */
  readonly journalBytes: number;
  /** How long delivered and dead deliveries are kept, in simulated time (ISO 8601). Default P1D (HIE_SANDBOX_DELIVERY_RETENTION). */
  readonly deliveryRetention: string;
  /** Most delivered and dead deliveries kept whatever their age. Default 1,000 (HIE_SANDBOX_DELIVERY_KEEP). */
  readonly deliveryKeep: number;
  /**
   * Most deliveries pending at once; past it the oldest are given up as dead (a manual clock never reaches the give-up
   * time, so a dead endpoint's queue grew with every write). Default 10,000 (HIE_SANDBOX_DELIVERY_PENDING).
   */
  readonly deliveryPending: number;
  /** How long request message ids are remembered to refuse a replay, in simulated time. Default P1D (HIE_SANDBOX_MESSAGE_ID_WINDOW). */
  readonly messageIdWindow: string;
  /** Most message ids remembered per registry whatever their age (oldest forgotten first). Default 50,000 (HIE_SANDBOX_MESSAGE_ID_KEEP). */
  readonly messageIdKeep: number;
  /** Most registry messages the reference receiver keeps (oldest dropped). Default 1,000 (HIE_SANDBOX_RECEIVER_KEEP). */
  readonly receiverMessages: number;
  /** A WebSocket subscriber with more than this many bytes unsent is dropped (close 1008). Default 4 MiB. */
  readonly subscriberBufferBytes: number;
  /** Most Ocean referrals kept, with their Event Logs and attachments (oldest settled pruned first). Default 5,000 (HIE_SANDBOX_OCEAN_REFERRAL_KEEP). */
  readonly oceanReferrals: number;
  /**
   * Bytes of attachment data Ocean's referrals keep in all (as stored: base64, with the referral's key); past it the oldest referrals with
   * attachments go, settled ones first. A body may be 5 MiB, so the count bound alone let 5,000 referrals hold
   * gigabytes. Default 256 MiB (HIE_SANDBOX_OCEAN_ATTACHMENT_BYTES).
   */
  readonly oceanAttachmentBytes: number;
  /**
   * Bytes Ocean's referral records keep in all (as stored: patient, form, messages, appointments; attachment data
   * apart); past it the oldest referrals go, settled ones first, never the newest nor the one just written. One
   * referral's communications, and its appointments, keep at most a sixteenth of it each (oldest dropped, the newest
   * always kept): a receiver may send files inline in its messages. Default 256 MiB (HIE_SANDBOX_OCEAN_REFERRAL_BYTES).
   */
  readonly oceanReferralBytes: number;
  /** Most events one Ocean referral's Event Log keeps (oldest dropped; sequence numbers are not reused). Default 1,000 (HIE_SANDBOX_OCEAN_REFERRAL_EVENTS). */
  readonly oceanReferralEvents: number;
  /** Most communications, and most appointments, and most forwards one Ocean referral keeps (oldest dropped). Default 100 (HIE_SANDBOX_OCEAN_REFERRAL_ITEMS). */
  readonly oceanReferralItems: number;
  /** Most earlier revisions an HCIM person keeps for `history` (oldest dropped). Default 100 (HIE_SANDBOX_HCIM_REVISIONS). */
  readonly hcimRevisions: number;
  /** Most ended values each list of one PLR record keeps (names, addresses, licence statuses...; oldest dropped). Default 100 (HIE_SANDBOX_PLR_HISTORY). */
  readonly plrHistory: number;
  /** Most PLR change records kept (`GET /admin/plr/changes`; oldest pruned). Default 10,000 (HIE_SANDBOX_PLR_CHANGE_KEEP). */
  readonly plrChanges: number;
  /**
   * Bytes of serialized read answers kept to serve again ($everything charts, the EMR Patient, PLR query entities),
   * oldest dropped first; 0 keeps none. Default 16 MiB (HIE_SANDBOX_ANSWER_CACHE_BYTES).
   */
  readonly answerCacheBytes: number;
  /**
   * How far V8's heap may grow above the live data after each full collection, in percent (V8's
   * `--heap-growing-percent`). Default 30 (HIE_SANDBOX_HEAP_GROWTH); 0 lets V8 decide, which on a busy sandbox
   * means up to about four times the live data.
   */
  readonly heapGrowth: number;
  /** The live heap (MB) from which the growth bound applies; below it V8 decides. Default 64 (HIE_SANDBOX_HEAP_GROWTH_FLOOR); 0: always. */
  readonly heapGrowthFloorMb: number;
}

export const DEFAULT_PORT = 8900;
export const DEFAULT_HOST = '127.0.0.1';
export const DEFAULT_DATA_FILE = './data/sandbox.json';
const DEFAULT_TIME_ZONE = 'America/Vancouver';

/** Parses `real`, `manual` or `xFACTOR` (e.g. `x60`). */
export function parseClockMode(text: string): ClockMode {
  if (text === 'real') return { kind: 'real' };
  if (text === 'manual') return { kind: 'manual' };
  const m = /^x(\d+(?:\.\d+)?)$/.exec(text);
  if (m && Number(m[1]) > 0) return { kind: 'accelerated', factor: Number(m[1]) };
  throw new Error(`--clock must be real, manual or xFACTOR (e.g. x60), not "${text}"`);
}

export type ConfigOverrides = { -readonly [K in Exclude<keyof Config, 'sizes' | 'bounds'>]?: Config[K] } & { sizes?: Partial<PopulationSizes>; bounds?: Partial<Bounds> };

/** Builds a frozen Config from defaults, then HIE_SANDBOX_* environment variables, then explicit overrides. */
export function loadConfig(env: Record<string, string | undefined> = {}, overrides: ConfigOverrides = {}): Config {
  const port = overrides.port ?? intFrom(env.HIE_SANDBOX_PORT, DEFAULT_PORT);
  const host = overrides.host ?? env.HIE_SANDBOX_HOST ?? DEFAULT_HOST;
  const publicHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  const tls = overrides.tls ?? tlsModeFrom(env.HIE_SANDBOX_TLS);
  const dataFile = 'dataFile' in overrides ? overrides.dataFile : (env.HIE_SANDBOX_DATA ?? DEFAULT_DATA_FILE);
  const config: Config = {
    port,
    host,
    baseUrl: stripSlash(overrides.baseUrl ?? env.HIE_SANDBOX_BASE_URL ?? `${tls === 'off' ? 'http' : 'https'}://${publicHost}:${port}`),
    dataFile,
    seed: overrides.seed ?? intFrom(env.HIE_SANDBOX_SEED, 1),
    referenceDate: overrides.referenceDate ?? env.HIE_SANDBOX_REFERENCE_DATE ?? '2026-01-01',
    sizes: Object.freeze({
      patients: intFrom(env.HIE_SANDBOX_PATIENTS, 10_000),
      practitioners: intFrom(env.HIE_SANDBOX_PRACTITIONERS, 2_500),
      organizations: 400,
      facilities: 600,
      ...overrides.sizes,
    }),
    clock: overrides.clock ?? parseClockMode(env.HIE_SANDBOX_CLOCK ?? 'real'),
    auth: overrides.auth ?? env.HIE_SANDBOX_AUTH !== 'off',
    bodyLimitBytes: overrides.bodyLimitBytes ?? 5 * 1024 * 1024,
    journalSize: overrides.journalSize ?? intFrom(env.HIE_SANDBOX_JOURNAL_SIZE, 10_000),
    journalBodyCap: overrides.journalBodyCap ?? 64 * 1024,
    storeFlushMs: overrides.storeFlushMs ?? 100,
    fsync: overrides.fsync ?? env.HIE_SANDBOX_FSYNC !== 'off',
    bounds: Object.freeze({
      snapshots: intFrom(env.HIE_SANDBOX_MAX_SNAPSHOTS, 200),
      journalBytes: intFrom(env.HIE_SANDBOX_JOURNAL_BYTES, 16 * 1024 * 1024),
      deliveryRetention: env.HIE_SANDBOX_DELIVERY_RETENTION ?? 'P1D',
      deliveryKeep: intFrom(env.HIE_SANDBOX_DELIVERY_KEEP, 1_000),
      deliveryPending: intFrom(env.HIE_SANDBOX_DELIVERY_PENDING, 10_000),
      messageIdWindow: env.HIE_SANDBOX_MESSAGE_ID_WINDOW ?? 'P1D',
      messageIdKeep: intFrom(env.HIE_SANDBOX_MESSAGE_ID_KEEP, 50_000),
      receiverMessages: intFrom(env.HIE_SANDBOX_RECEIVER_KEEP, 1_000),
      subscriberBufferBytes: 4 * 1024 * 1024,
      oceanReferrals: intFrom(env.HIE_SANDBOX_OCEAN_REFERRAL_KEEP, 5_000),
      oceanAttachmentBytes: intFrom(env.HIE_SANDBOX_OCEAN_ATTACHMENT_BYTES, 256 * 1024 * 1024),
      oceanReferralBytes: intFrom(env.HIE_SANDBOX_OCEAN_REFERRAL_BYTES, 256 * 1024 * 1024),
      oceanReferralEvents: intFrom(env.HIE_SANDBOX_OCEAN_REFERRAL_EVENTS, 1_000),
      oceanReferralItems: intFrom(env.HIE_SANDBOX_OCEAN_REFERRAL_ITEMS, 100),
      hcimRevisions: intFrom(env.HIE_SANDBOX_HCIM_REVISIONS, 100),
      plrHistory: intFrom(env.HIE_SANDBOX_PLR_HISTORY, 100),
      plrChanges: intFrom(env.HIE_SANDBOX_PLR_CHANGE_KEEP, 10_000),
      answerCacheBytes: intFrom(env.HIE_SANDBOX_ANSWER_CACHE_BYTES, 16 * 1024 * 1024),
      heapGrowth: percentFrom('HIE_SANDBOX_HEAP_GROWTH', env.HIE_SANDBOX_HEAP_GROWTH, 30),
      heapGrowthFloorMb: wholeFrom('HIE_SANDBOX_HEAP_GROWTH_FLOOR', env.HIE_SANDBOX_HEAP_GROWTH_FLOOR, 64),
      ...overrides.bounds,
    }),
    tokenLifetimeSeconds: overrides.tokenLifetimeSeconds ?? 300,
    tls,
    tlsDir: overrides.tlsDir ?? join(dirname(dataFile ?? DEFAULT_DATA_FILE), 'tls'),
    timeZone: timeZoneFrom(overrides.timeZone ?? env.HIE_SANDBOX_TIME_ZONE ?? DEFAULT_TIME_ZONE),
    adminToken: overrides.adminToken ?? (env.HIE_SANDBOX_ADMIN_TOKEN || undefined),
  };
  for (const key of ['deliveryRetention', 'messageIdWindow'] as const) {
    if (parseDuration(config.bounds[key]) === undefined) throw new Error(`${key} must be an ISO 8601 duration such as P7D, not "${config.bounds[key]}"`);
  }
  return Object.freeze(config);
}

function intFrom(text: string | undefined, fallback: number): number {
  if (text === undefined || text === '') return fallback;
  const n = Number(text);
  if (!Number.isInteger(n)) throw new Error(`expected a whole number, not "${text}"`);
  return n;
}

function wholeFrom(name: string, text: string | undefined, fallback: number): number {
  const n = intFrom(text, fallback);
  if (n < 0) throw new Error(`${name} must be a whole number from 0, not "${text}"`);
  return n;
}

function percentFrom(name: string, text: string | undefined, fallback: number): number {
  const n = intFrom(text, fallback);
  if (n < 0 || n > 400) throw new Error(`${name} must be a whole percentage from 0 to 400, not "${text}"`);
  return n;
}

function tlsModeFrom(text: string | undefined): Config['tls'] {
  if (text === undefined || text === '' || text === 'off') return 'off';
  if (text === 'tls' || text === 'mtls') return text;
  throw new Error(`HIE_SANDBOX_TLS must be off, tls or mtls, not "${text}"`);
}

/** The canonical IANA name; the default is taken as it is (checking it loads ICU's time-zone data at every start). */
function timeZoneFrom(name: string): string {
  if (name === DEFAULT_TIME_ZONE) return name;
  try {
    return new Intl.DateTimeFormat('en-CA', { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    throw new Error(`the time zone must be an IANA name such as America/Vancouver, not "${name}"`);
  }
}

function stripSlash(url: string): string {
  return url.endsWith('/') ? url.slice(0, -1) : url;
}

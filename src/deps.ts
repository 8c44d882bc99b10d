// Builds the dependencies of one sandbox instance from its config: store, clock, faults, journal, delivery, tokens.
import { createAdminAccess } from './admin/access.js';
import type { AppDeps } from './app-deps.js';
import { createTokenIssuer, fileKeyCache } from './auth/index.js';
import { CLOCK_ANCHOR, createClock, instantInRange, parseDuration, readAnchor, resumeFrom } from './clock/index.js';
import type { Config } from './config.js';
import { createDelivery, DEFAULT_CHANNELS, type ChannelConfig, lastJournalId } from './delivery/index.js';
import { createFaults } from './faults/index.js';
import { createAnswerCache, type Logger } from './fhir/index.js';
import { createJournal } from './journal/index.js';
import { createPartners } from './partners/index.js';
import { createPopulation } from './population/index.js';
import type { Population } from './population/types.js';
import { openStore } from './store/index.js';
import { VERSION } from './version.js';

export interface BuildDepsOptions {
  log: Logger;
  /** Start of simulated time; defaults to now. */
  clockStart?: number;
  channels?: readonly ChannelConfig[];
  fetchImpl?: typeof fetch;
  /** A population built beforehand (benchmarks time it on its own); else one is generated from the config. */
  population?: Population;
  /** A file that keeps the signing key when the store does not (ephemeral starts, tests). */
  keyCacheFile?: string;
}

export async function buildDeps(config: Config, options: BuildDepsOptions): Promise<AppDeps> {
  const store = await openStore({ file: config.dataFile, flushMs: config.storeFlushMs, fsync: config.fsync, maxSnapshots: config.bounds.snapshots });
  const clock = createClock(config.clock, () => Date.now(), options.clockStart ?? Date.now());
  // Where the clock stood when the process stopped (it was answered to whoever moved it, and the data follows it).
  const anchor = readAnchor(store.view(CLOCK_ANCHOR.collection, CLOCK_ANCHOR.id));
  const resumed = anchor && resumeFrom(anchor, config.clock);
  if (resumed !== undefined && instantInRange(resumed)) await clock.set(resumed);
  const faults = createFaults(store);
  const journal = createJournal(config.journalSize, config.bounds.journalBytes, lastJournalId(store));
  const delivery = createDelivery({
    store,
    clock,
    journal,
    faults,
    channels: options.channels ?? DEFAULT_CHANNELS,
    journalBodyCap: config.journalBodyCap,
    fetchImpl: options.fetchImpl,
    retentionMs: parseDuration(config.bounds.deliveryRetention),
    keep: config.bounds.deliveryKeep,
    maxPending: config.bounds.deliveryPending,
  });
  const issuer = await createTokenIssuer(store, clock, config.baseUrl, options.keyCacheFile ? fileKeyCache(options.keyCacheFile) : undefined);
  const population = options.population ?? createPopulation({ seed: config.seed, referenceDate: config.referenceDate, sizes: config.sizes });
  return { config, store, clock, faults, journal, delivery, issuer, partners: createPartners(store), population, answers: createAnswerCache(config.bounds.answerCacheBytes), log: options.log, version: VERSION, admin: createAdminAccess(config.adminToken, { load: () => store.view('meta', 'admin-token'), save: (r) => void store.put('meta', 'admin-token', r) }) };
}

// What every system is built from, and what a system gives back to the app.
import type express from 'express';
import type { AdminAccess } from './admin/access.js';
import type { TokenIssuer } from './auth/index.js';
import type { Clock } from './clock/index.js';
import type { Config } from './config.js';
import type { Delivery } from './delivery/index.js';
import type { Faults } from './faults/index.js';
import type { AnswerCache, Logger } from './fhir/index.js';
import type { Journal } from './journal/index.js';
import type { Partners } from './partners/index.js';
import type { Population } from './population/types.js';
import type { Store } from './store/index.js';

/** Injected into createApp and every system factory; tests build their own. */
export interface AppDeps {
  config: Config;
  store: Store;
  clock: Clock;
  faults: Faults;
  journal: Journal;
  delivery: Delivery;
  issuer: TokenIssuer;
  partners: Partners;
  population: Population;
  /** Serialized read answers kept to serve again, bounded by `config.bounds.answerCacheBytes`. */
  answers: AnswerCache;
  log: Logger;
  version: string;
  /** The admin token (none on loopback by default); built from `config.adminToken` when absent. */
  admin?: AdminAccess;
}

/** A URL a POS configures, for the start banner and the README. */
export interface SystemEndpoint {
  label: string;
  url: string;
}

/** One simulated system (Ocean, PLR, HCIM, the reference POS). */
export interface SystemModule {
  /** `ocean`, `plr`, `hcim`, `pos`. */
  name: string;
  /** Express router mounted at `/{name}`. */
  router: express.Router;
  /**
   * Path prefixes the real system serves at its host's root, which the same mount (router, journal, errors) also
   * answers at the sandbox's root, unchanged: Ocean's `/svc`, since OceanMD's clients derive `{origin}/svc/...`.
   */
  rootPaths?: readonly string[];
  /** Optional admin routes mounted at `/admin/{name}`. */
  adminRouter?: express.Router;
  /** Writes the system's initial state into an empty store (first start, reset). */
  seed?(): void;
  /** Called after a snapshot is restored or the store reset, to re-arm timers. */
  resume?(): void;
  /** Counts for /admin/health. */
  counts?(): Record<string, number>;
  endpoints(): SystemEndpoint[];
  close?(): Promise<void>;
}

export type SystemFactory = (deps: AppDeps) => SystemModule | Promise<SystemModule>;

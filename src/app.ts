// createApp: builds the Express app and mounts every system on its path; it never listens.
import express from 'express';
import type { Server } from 'node:http';
import { adminAccessOf, attachEventFeed, controlGuard, createAdminRouter } from './admin/index.js';
import type { AppDeps, SystemFactory, SystemModule } from './app-deps.js';
import { carryRealmSessions, createKeycloakRouter, realmSessionBounds } from './auth/index.js';
import { fhirErrorHandler, fhirUnknownRoute, jsonBody, unknownRoute } from './fhir/index.js';
import { door } from './http/door.js';
import { createHostNames } from './http/host-names.js';
import { journalInbound } from './journal/index.js';
import { createOpenApiRouter } from './openapi/index.js';
import { boundHeapGrowth, type HeapBound } from './heap-bound.js';
import { acknowledgeWhenDurable } from './store/index.js';
import { keepAnchor } from './clock/index.js';
import { launchBounds } from './ocean/launch/launch-store.js';
import { referralBytes } from './ocean/referrals/retention.js';
import { grantBounds } from './pos/emr/grants.js';
import { REGISTRY_MESSAGE_BYTES } from './pos/receiver/model.js';
import { receiverReferralBounds } from './pos/receiver/retention.js';
import { createUiRouter } from './ui/index.js';

/** The mount points of the simulated systems, in banner order. */
export const SYSTEM_MOUNTS = ['ocean', 'plr', 'hcim', 'pos'] as const;

export interface Sandbox {
  readonly deps: AppDeps;
  readonly app: express.Express;
  readonly systems: readonly SystemModule[];
  /** Clears the store, brings the clock back to its configured mode and writes the seeded state again (snapshots stay). */
  reset(): void;
  /** Restores a named snapshot; false when there is none. */
  restore(name: string): boolean;
  counts(): Record<string, unknown>;
  /** The heap growth bound, started once the sandbox listens (building the population keeps V8's own growth). */
  readonly heap: HeapBound;
  /** Attaches the WebSocket feed to a listening server. */
  attach(server: Server): void;
  close(): Promise<void>;
}

/** Every bound on what grows, with what is held against it now (no collection is copied to count it). */
function bounds(deps: AppDeps, heap: HeapBound) {
  const b = deps.config.bounds;
  const stats = deps.store.stats();
  return {
    journal: { entries: deps.journal.size(), maxEntries: deps.journal.capacity, bytes: deps.journal.bytes(), maxBytes: deps.journal.maxBytes },
    snapshots: stats.snapshots,
    deliveries: { retention: b.deliveryRetention, keep: b.deliveryKeep, maxPending: b.deliveryPending },
    messageIdWindow: b.messageIdWindow,
    messageIdKeep: b.messageIdKeep,
    receiverMessages: { kept: deps.store.count('pos.receiver.registry'), max: b.receiverMessages, maxBytes: REGISTRY_MESSAGE_BYTES },
    // Fixed (no setting): the reference POS's referrals and SMART grants, Ocean's launch state.
    receiverReferrals: receiverReferralBounds(deps.store),
    emrGrants: grantBounds(deps.store),
    realmSessions: realmSessionBounds(deps.store),
    oceanLaunches: launchBounds(deps.store),
    subscriberBufferBytes: b.subscriberBufferBytes,
    oceanReferrals: { kept: deps.store.count('ocean.referrals'), max: b.oceanReferrals, eventsEach: b.oceanReferralEvents, itemsEach: b.oceanReferralItems, ...referralBytes(deps.store, b) },
    hcimRevisions: b.hcimRevisions,
    plrHistory: b.plrHistory,
    plrChanges: { kept: deps.store.count('plr.changes'), max: b.plrChanges },
    answerCache: deps.answers.stats(),
    heapGrowth: { percent: b.heapGrowth, floorMb: b.heapGrowthFloorMb, applied: heap.applied },
    writeAheadLog: { bytes: stats.walBytes, foldedAt: Math.max(8 * 1024 * 1024, stats.dataBytes) },
  };
}

/**
 * Hands requests below `prefix` (any case, as Express routes) to `handler` without stripping the prefix: a system's
 * root paths reach its router as they would under its mount point.
 */
function under(prefix: string, handler: express.RequestHandler): express.RequestHandler {
  const p = prefix.toLowerCase();
  return (req, res, next) => {
    const path = req.path.toLowerCase();
    if (path === p || path.startsWith(`${p}/`)) handler(req, res, next);
    else next();
  };
}

/** Builds the sandbox from its dependencies and the system factories to mount. */
export async function createApp(deps: AppDeps, factories: readonly SystemFactory[]): Promise<Sandbox> {
  const systems: SystemModule[] = [];
  for (const factory of factories) systems.push(await factory(deps));
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'extended');
  // No content-hash ETags: a FHIR ETag names a resource version (W/"versionId"), and hashing every body costs reads.
  app.set('etag', false);
  app.use(acknowledgeWhenDurable(deps.store));
  const detach: Array<() => Promise<void>> = [];
  const cap = deps.config.journalBodyCap;

  const seed = () => {
    deps.partners.seed(deps.clock.iso());
    for (const s of systems) s.seed?.();
    deps.store.put('meta', 'seeded', { at: deps.clock.iso(), seed: deps.config.seed, version: deps.version });
  };
  const resume = () => {
    deps.delivery.start();
    for (const s of systems) s.resume?.();
  };
  /**
   * What the process holds that a restart must find in the store as it was answered, though a reset or a restore
   * replaces the whole store: the realm key that signed the tokens issued, a rotated admin token, and where the clock stands.
   */
  const keepProcessState = () => {
    deps.issuer.keep();
    deps.admin?.keep();
    keepAnchor(deps.store, deps.clock);
  };

  const sandbox: Sandbox = {
    deps,
    app,
    systems,
    heap: boundHeapGrowth(deps.config.bounds.heapGrowth, deps.config.bounds.heapGrowthFloorMb * 1024 * 1024),
    reset() {
      deps.clock.reset();
      deps.store.clear();
      seed();
      keepProcessState();
      resume();
    },
    restore(name) {
      // Who is logged in to the realm is not the snapshot's to say: a logout after it must not be undone.
      const putBackSessions = carryRealmSessions(deps.store);
      if (!deps.store.restore(name)) return false;
      putBackSessions();
      keepProcessState();
      resume();
      return true;
    },
    counts() {
      return {
        store: deps.store.counts(),
        journal: deps.journal.size(),
        deliveries: deps.delivery.counts(),
        storage: deps.store.stats(),
        bounds: bounds(deps, sandbox.heap),
        population: deps.population.options.sizes,
        ...Object.fromEntries(systems.filter((s) => s.counts).map((s) => [s.name, s.counts!()])),
      };
    },
    attach(server) {
      detach.push(attachEventFeed(server, deps.journal, { door: { access: adminAccessOf(sandbox), names }, maxBufferedBytes: deps.config.bounds.subscriberBufferBytes }));
    },
    async close() {
      sandbox.heap.stop();
      await deps.delivery.stop();
      for (const s of systems) await s.close?.();
      for (const d of detach) await d();
      deps.clock.stop();
      await deps.store.close();
    },
  };

  if (!deps.store.get('meta', 'seeded')) seed();
  keepProcessState();
  resume();

  // The door, before every surface: the Host must name this sandbox, no web page on another origin changes
  // anything, every answer carries the security headers.
  const names = createHostNames(deps.config.baseUrl);
  app.use(door(names));
  const control = (label: string) => controlGuard(adminAccessOf(sandbox), label);

  app.use('/auth', journalInbound('auth', deps.journal, deps.clock, cap), createKeycloakRouter({ ...deps, tokenLifetimeSeconds: deps.config.tokenLifetimeSeconds }));

  const admin = express.Router();
  admin.use(control('admin API'));
  admin.use(jsonBody({ limitBytes: deps.config.bodyLimitBytes }));
  for (const s of systems) if (s.adminRouter) admin.use(`/${s.name}`, s.adminRouter);
  admin.use(createAdminRouter(sandbox));
  admin.use(fhirUnknownRoute('admin API'));
  admin.use(fhirErrorHandler(deps.log));
  app.use('/admin', admin);

  for (const name of SYSTEM_MOUNTS) {
    const system = systems.find((s) => s.name === name);
    const mount = express.Router();
    mount.use(journalInbound(name, deps.journal, deps.clock, cap));
    if (system) mount.use(system.router);
    else mount.use((req, _res, next) => next(unknownRoute(`${name.toUpperCase()} is not simulated in this build of the sandbox (${req.method} ${req.originalUrl})`)));
    mount.use(fhirUnknownRoute(name.toUpperCase()));
    mount.use(fhirErrorHandler(deps.log));
    app.use(`/${name}`, mount);
    for (const prefix of system?.rootPaths ?? []) app.use(under(prefix, mount));
  }
  for (const s of systems) {
    if (!(SYSTEM_MOUNTS as readonly string[]).includes(s.name)) app.use(`/${s.name}`, s.router, fhirErrorHandler(deps.log));
  }

  app.use(createOpenApiRouter(app, deps));
  app.use('/ui/api', control("dashboard's API"));
  app.use(createUiRouter(deps, { systems }));
  app.use(fhirUnknownRoute('sandbox'));
  app.use(fhirErrorHandler(deps.log));
  return sandbox;
}

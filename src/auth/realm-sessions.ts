// The realm's live user sessions, kept in the store as Keycloak keeps them: one per password-grant login, refreshed
// by its refresh tokens, ended by a logout. A token's `sid` is good only while its session is here, so whatever
// loses a record (a logout, a reset, the bound) logs a user out and never back in.
// See: https://www.keycloak.org/docs/latest/server_admin/#_timeouts
import { randomUUID } from 'node:crypto';
import type { Clock } from '../clock/index.js';
import type { Store } from '../store/index.js';

/** Keycloak's default SSO Session Idle: a session not refreshed for 30 minutes has ended. */
export const SSO_SESSION_IDLE_SECONDS = 1800;

/** Keycloak's default SSO Session Max: a session ends 10 hours after its login, however often it is refreshed. */
export const SSO_SESSION_MAX_SECONDS = 36_000;

/** Most sessions live at once; a new login past it logs out the one refreshed least recently. */
export const MAX_LIVE_SESSIONS = 10_000;

const COLLECTION = 'auth-sessions';
/** Where an older sandbox kept the logouts instead (a refresh token was good unless its session was listed). */
const RETIRED_COLLECTION = 'auth-ended-sessions';

export interface RealmSession {
  sid: string;
  clientId: string;
  username: string;
  /** Epoch seconds of the login. */
  started: number;
  /** Epoch seconds of the login or of its last refresh. */
  lastRefreshed: number;
}

export interface RealmSessions {
  /** Logs `username` in through `clientId`: a new live session, the idlest logged out first when the bound is reached. */
  start(clientId: string, username: string): Readonly<RealmSession>;
  /** The session `sid` names while it is live: not logged out, refreshed within the idle time, within its maximum. */
  live(sid: string): Readonly<RealmSession> | undefined;
  /** Records a refresh of a live session (it becomes the last to be evicted); undefined when it is not live. */
  refreshed(sid: string): Readonly<RealmSession> | undefined;
  /** Logs the session out; false when it was not kept. */
  end(sid: string): boolean;
  /** When a refresh token issued now for the session expires (epoch seconds): idle time or session end, the sooner. */
  refreshExpiry(session: Readonly<RealmSession>): number;
  /** When the session ends however often it is refreshed (epoch seconds); no token of it outlives this. */
  endsAt(session: Readonly<RealmSession>): number;
  count(): number;
}

export function createRealmSessions(store: Store, clock: Clock, max = MAX_LIVE_SESSIONS): RealmSessions {
  const bound = Math.max(1, Math.floor(max));
  const now = () => Math.floor(clock.now() / 1000);
  const endsAt = (s: Readonly<RealmSession>) => s.started + SSO_SESSION_MAX_SECONDS;
  const refreshExpiry = (s: Readonly<RealmSession>) => Math.min(s.lastRefreshed + SSO_SESSION_IDLE_SECONDS, endsAt(s));
  const isLive = (s: Readonly<RealmSession>, at: number) => at < refreshExpiry(s);
  // The store keeps insertion order and a refresh puts its session last, so the first is the idlest.
  const evictIdlest = () => {
    while (store.count(COLLECTION) >= bound) {
      const first = store.entries<RealmSession>(COLLECTION).next();
      if (first.done) return;
      store.remove(COLLECTION, first.value[0]);
    }
  };
  // The retired list only ever revived sessions; nothing reads it now.
  for (const id of [...store.entries(RETIRED_COLLECTION)].map(([k]) => k)) store.remove(RETIRED_COLLECTION, id);

  const sessions: RealmSessions = {
    start(clientId, username) {
      evictIdlest();
      const at = now();
      const session: RealmSession = { sid: randomUUID(), clientId, username, started: at, lastRefreshed: at };
      store.put(COLLECTION, session.sid, session);
      return session;
    },
    live(sid) {
      const s = store.view<RealmSession>(COLLECTION, sid);
      return s && isLive(s, now()) ? s : undefined;
    },
    refreshed(sid) {
      const s = sessions.live(sid);
      if (!s) return undefined;
      const next: RealmSession = { ...s, lastRefreshed: now() };
      store.remove(COLLECTION, sid);
      store.put(COLLECTION, sid, next);
      return next;
    },
    end: (sid) => store.remove(COLLECTION, sid),
    refreshExpiry,
    endsAt,
    count: () => store.count(COLLECTION),
  };
  return sessions;
}

/** The live sessions against their bound, for /admin/health. */
export const realmSessionBounds = (store: Store) => ({ kept: store.count(COLLECTION), max: MAX_LIVE_SESSIONS });

/**
 * Takes the realm's sessions as they stand before a snapshot restore, and returns what puts them back after it: a
 * restore rewinds the registries, not who is logged in (a logout after the snapshot stays, a login after it too).
 */
export function carryRealmSessions(store: Store): () => void {
  const kept = [...store.entries<RealmSession>(COLLECTION)];
  return () => {
    for (const [sid] of [...store.entries(COLLECTION)]) store.remove(COLLECTION, sid);
    for (const [sid, s] of kept) store.put(COLLECTION, sid, s);
  };
}

// What the EMR's authorization server remembers: launch contexts, authorization codes and refresh tokens.
import { randomBytes } from 'node:crypto';
import { removeOldestBeyond, type Store } from '../../store/index.js';

/** A launch the EMR started from a chart ("Launch Ocean"). */
export interface LaunchContext {
  id: string;
  patientIndex: number;
  userIpc: string;
  /** The app the launch was for: only that client may redeem it at authorize. */
  clientId: string;
  /** The Ocean site the launch is for; picks the shared encryption key sent with the token. */
  siteNum?: string;
  expiresAt: number;
}

/** What an authorization code or refresh token stands for. */
export interface Grant {
  clientId: string;
  scope: string;
  patientIndex?: number;
  userIpc: string;
  siteNum?: string;
  expiresAt: number;
}

export interface CodeGrant extends Grant {
  redirectUri: string;
  codeChallenge?: string;
  nonce?: string;
}

/**
 * Most launch contexts, codes and refresh tokens kept (each). Anyone can click Launch and Ocean's secret is public, so
 * each collection grows with unauthenticated requests; nothing else removes an unredeemed launch or code, or a refresh
 * token never rotated. A launch lasts 10 minutes and a code 1, both used within seconds, and a refresh token lives
 * its 8 hours (30 days offline): 1,000 is far more than a sandbox's users hold live at once. Past it, the expired go
 * first, then the oldest (a refresh token still in its lifetime is taken only when 1,000 newer ones are live).
 */
export const GRANT_KEEP = { launches: 1_000, codes: 1_000, refreshTokens: 1_000 } as const;

const LAUNCHES = 'pos.launches';
const CODES = 'pos.codes';
const REFRESH = 'pos.refresh';

/** A code or refresh token is the key of its grant; stored with the grant so that a trim can name what it removes. */
type Keyed<T> = T & { key: string };

/** An unguessable opaque value (256 bits, base64url). */
export function opaque(): string {
  return randomBytes(32).toString('base64url');
}

/** What the grants hold against GRANT_KEEP, for /admin/health (counts, no copies). */
export function grantBounds(store: Store) {
  const of = (collection: string, max: number) => ({ kept: store.count(collection), max });
  return { launches: of(LAUNCHES, GRANT_KEEP.launches), codes: of(CODES, GRANT_KEEP.codes), refreshTokens: of(REFRESH, GRANT_KEEP.refreshTokens) };
}

export function createGrantStore(store: Store) {
  /** Puts, then trims the collection to `keep` (judging expiry at `now`). */
  const put = <T extends { expiresAt: number }>(collection: string, keep: number, key: string, value: T, now: number) => {
    store.put<Keyed<T>>(collection, key, { ...value, key });
    removeOldestBeyond<Keyed<T>>(store, collection, keep, { keyOf: (v) => v.key, prefer: (v) => v.expiresAt < now });
  };
  const get = <T>(collection: string, key: string): T | undefined => {
    const stored = store.get<Keyed<T>>(collection, key);
    if (!stored) return undefined;
    const { key: _key, ...value } = stored;
    return value as T;
  };
  const take = <T>(collection: string, key: string): T | undefined => {
    const value = get<T>(collection, key);
    if (value) store.remove(collection, key);
    return value;
  };
  return {
    /** `now` judges which kept launches have expired, should the collection need trimming. */
    putLaunch: (l: LaunchContext, now: number) => put(LAUNCHES, GRANT_KEEP.launches, l.id, l, now),
    launch: (id: string) => get<LaunchContext>(LAUNCHES, id),
    putCode: (code: string, g: CodeGrant, now: number) => put(CODES, GRANT_KEEP.codes, code, g, now),
    /** Returns the code's grant and removes it: a code works once. */
    takeCode: (code: string) => take<CodeGrant>(CODES, code),
    putRefresh: (token: string, g: Grant, now: number) => put(REFRESH, GRANT_KEEP.refreshTokens, token, g, now),
    /** The refresh token's grant, left in place (to find its client before authenticating it). */
    peekRefresh: (token: string) => get<Grant>(REFRESH, token),
    takeRefresh: (token: string) => take<Grant>(REFRESH, token),
  };
}

export type GrantStore = ReturnType<typeof createGrantStore>;

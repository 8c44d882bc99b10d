// The admin token: required on every admin call when set (always when the sandbox listens beyond loopback), rotatable.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** The cookie the dashboard's sign-in link sets (HttpOnly, SameSite=Strict). */
export const ADMIN_COOKIE = 'hie-sandbox-admin';

export interface AdminAccess {
  /** True when admin calls must present the token. */
  readonly required: boolean;
  /** The current token, if any. */
  token(): string | undefined;
  /** True when the request presents the current token (Bearer header or the sign-in cookie), or none is required. */
  admits(req: IncomingMessage): boolean;
  /** True when `presented` is the current token. */
  accepts(presented: string | undefined): boolean;
  /** Replaces the token with a fresh one; the old one stops working at once, and after a restart too. */
  rotate(): string;
  /** Writes the rotation down again after a reset or a snapshot restore replaced the store. */
  keep(): void;
  /** Headers an in-process caller sends to the admin API. */
  headers(): Record<string, string>;
}

/** A fresh token: 32 random bytes, base64url. */
export function generateAdminToken(): string {
  return randomBytes(32).toString('base64url');
}

/** A rotation kept in the store: the token that replaced the configured one (named by its SHA-256). */
export interface KeptRotation {
  from: string;
  token: string;
}

/** Where a rotation is kept (the store, which already holds the realm's keys and the partners' secrets). */
export interface RotationKeeper {
  load(): unknown;
  save(rotation: KeptRotation): void;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * `initial` may be `generate` (HIE_SANDBOX_ADMIN_TOKEN=generate): a random token is made, each start. A rotation of a
 * configured token is kept (`keeper`): started again with that token, the sandbox takes the rotated one, since the
 * rotation said the old one stopped working; started with another, the operator's choice wins.
 */
export function createAdminAccess(initial: string | undefined, keeper?: RotationKeeper): AdminAccess {
  const from = initial !== undefined && initial !== 'generate' ? sha256(initial) : undefined;
  const kept = from ? (keeper?.load() as Partial<KeptRotation> | undefined) : undefined;
  let current = initial === 'generate' ? generateAdminToken() : kept?.from === from && typeof kept?.token === 'string' ? kept.token : initial;
  const keep = () => {
    if (from && current !== initial) keeper?.save({ from, token: current! });
  };
  const matches = (presented: string | undefined) => {
    if (current === undefined || presented === undefined) return false;
    const a = Buffer.from(presented);
    const b = Buffer.from(current);
    return a.length === b.length && timingSafeEqual(a, b);
  };
  return {
    required: initial !== undefined,
    token: () => current,
    admits(req) {
      if (current === undefined) return true;
      return matches(bearerOf(req.headers.authorization)) || matches(cookieOf(req.headers.cookie, ADMIN_COOKIE));
    },
    accepts: (presented) => matches(presented),
    rotate() {
      if (current === undefined) throw new Error('no admin token is set; start the sandbox with --admin-token to use one');
      current = generateAdminToken();
      keep();
      return current;
    },
    keep,
    headers: (): Record<string, string> => (current === undefined ? {} : { authorization: `Bearer ${current}` }),
  };
}

function bearerOf(header: string | undefined): string | undefined {
  const m = header ? /^bearer\s+(\S+)\s*$/i.exec(header) : null;
  return m?.[1];
}

function cookieOf(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const i = part.indexOf('=');
    if (i > 0 && part.slice(0, i).trim() === name) return part.slice(i + 1).trim();
  }
  return undefined;
}

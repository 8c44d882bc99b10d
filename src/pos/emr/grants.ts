// What the EMR's authorization server remembers: launch contexts, authorization codes and refresh tokens.
import { randomBytes } from 'node:crypto';
import type { Store } from '../../store/index.js';

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

/** An unguessable opaque value (256 bits, base64url). */
export function opaque(): string {
  return randomBytes(32).toString('base64url');
}

export function createGrantStore(store: Store) {
  return {
    putLaunch: (l: LaunchContext) => store.put('pos.launches', l.id, l),
    launch: (id: string) => store.get<LaunchContext>('pos.launches', id),
    putCode: (code: string, g: CodeGrant) => store.put('pos.codes', code, g),
    /** Returns the code's grant and removes it: a code works once. */
    takeCode(code: string): CodeGrant | undefined {
      const g = store.get<CodeGrant>('pos.codes', code);
      if (g) store.remove('pos.codes', code);
      return g;
    },
    putRefresh: (token: string, g: Grant) => store.put('pos.refresh', token, g),
    /** The refresh token's grant, left in place (to find its client before authenticating it). */
    peekRefresh: (token: string) => store.get<Grant>('pos.refresh', token),
    takeRefresh(token: string): Grant | undefined {
      const g = store.get<Grant>('pos.refresh', token);
      if (g) store.remove('pos.refresh', token);
      return g;
    },
  };
}

export type GrantStore = ReturnType<typeof createGrantStore>;

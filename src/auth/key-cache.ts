// A file that keeps the RS256 signing key across starts whose store does not (--ephemeral, tests), so a
// start reads a key instead of generating a 2048-bit RSA pair each time.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { JWK } from 'jose';
import { cacheDir } from '../cache-dir.js';

/** A signing key pair as JWKs (private and public, with kid). */
export interface StoredKey {
  privateJwk: JWK;
  publicJwk: JWK;
  /** Base64 DER of the key's self-signed certificate (added to keys stored before it existed). */
  certificate?: string;
}

export interface KeyCache {
  load(): StoredKey | undefined;
  save(key: StoredKey): void;
}

/** The default cache file of the signing key. */
export function defaultKeyCacheFile(): string {
  return join(cacheDir(), 'signing-key.json');
}

/** Reads and writes the key as JSON (mode 0600, written to a temporary name then renamed). */
export function fileKeyCache(file: string): KeyCache {
  return {
    load() {
      let parsed: unknown;
      try {
        parsed = JSON.parse(readFileSync(file, 'utf8'));
      } catch {
        return undefined; // absent or unreadable: a new key is made and saved
      }
      return isStoredKey(parsed) ? parsed : undefined;
    },
    save(key) {
      mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
      const temp = `${file}.${process.pid}.tmp`;
      writeFileSync(temp, JSON.stringify(key), { mode: 0o600 });
      renameSync(temp, file);
    },
  };
}

function isStoredKey(v: unknown): v is StoredKey {
  const k = v as Partial<StoredKey> | null;
  const rsa = (j: JWK | undefined) => typeof j === 'object' && j !== null && j.kty === 'RSA' && typeof j.n === 'string' && typeof j.e === 'string' && typeof j.kid === 'string';
  return typeof k === 'object' && k !== null && rsa(k.privateJwk) && typeof k.privateJwk?.d === 'string' && rsa(k.publicJwk) && k.privateJwk?.kid === k.publicJwk?.kid;
}

// The EMR's RS256 signing key (id_tokens and access tokens), created once and kept in the store.
import { calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK, type CryptoKey, type JWK, type JSONWebKeySet } from 'jose';
import type { Store } from '../../store/index.js';

interface StoredKey {
  privateJwk: JWK;
  publicJwk: JWK;
}

export interface EmrKeys {
  kid: string;
  privateKey: CryptoKey | Uint8Array;
  publicKey: CryptoKey | Uint8Array;
  jwks: JSONWebKeySet;
}

/** A new RS256 key pair as the store keeps it, its kid the JWK thumbprint (RFC 7638). */
async function generateStoredKey(): Promise<StoredKey> {
  const { publicKey, privateKey } = await generateKeyPair('RS256', { extractable: true });
  const publicJwk = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(publicJwk);
  return { privateJwk: { ...(await exportJWK(privateKey)), kid, alg: 'RS256' }, publicJwk: { ...publicJwk, kid, alg: 'RS256', use: 'sig' } };
}

/**
 * RSA generation kept one key ahead: the key a reset needs was made in the background after the last one, so
 * the first request after a reset does not wait for a prime search (hundreds of milliseconds, seconds on a
 * busy machine).
 */
function createKeyMaker(): { next(): Promise<StoredKey>; prime(): void } {
  let spare: Promise<StoredKey> | undefined;
  const start = () => {
    const made = generateStoredKey();
    made.catch(() => undefined); // a failed spare is reported to whoever takes it
    return made;
  };
  return {
    next() {
      const key = spare ?? start();
      spare = start();
      return key;
    },
    prime: () => void (spare ??= start()),
  };
}

/**
 * Returns the current keys, re-reading the store after a reset replaced them. Requests that ask while a key is
 * being generated share that one generation: each making its own would sign tokens with keys the JWKS no longer
 * publishes (the last one stored wins), and RSA generations piling up made answers take seconds.
 */
export function createKeyRing(store: Store): () => Promise<EmrKeys> {
  const maker = createKeyMaker();
  let current: { kid: string | undefined; keys: Promise<EmrKeys> } | undefined;
  return () => {
    const kid = store.view<StoredKey>('pos.keys', 'signing')?.publicJwk.kid;
    if (!current || current.kid !== kid) {
      const entry: { kid: string | undefined; keys: Promise<EmrKeys> } = { kid, keys: loadEmrKeys(store, maker.next) };
      entry.keys.then(
        (keys) => void (entry.kid = keys.kid),
        () => void (current === entry && (current = undefined)),
      );
      current = entry;
      maker.prime();
    }
    return current.keys;
  };
}

/** Loads the key pair from `pos.keys`, generating it on first use (and again after a reset). */
export async function loadEmrKeys(store: Store, generate: () => Promise<StoredKey> = generateStoredKey): Promise<EmrKeys> {
  let stored = store.get<StoredKey>('pos.keys', 'signing');
  if (!stored) {
    stored = await generate();
    store.put('pos.keys', 'signing', stored);
  }
  return {
    kid: stored.publicJwk.kid!,
    privateKey: await importJWK(stored.privateJwk, 'RS256'),
    publicKey: await importJWK(stored.publicJwk, 'RS256'),
    jwks: { keys: [stored.publicJwk] },
  };
}

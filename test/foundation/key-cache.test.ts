// The signing-key cache file: ephemeral starts reuse one RS256 key instead of generating a pair each time.
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createTokenIssuer, fileKeyCache } from '../../src/auth/index.js';
import { createClock } from '../../src/clock/index.js';
import { openStore } from '../../src/store/index.js';

const START = Date.parse('2026-03-02T09:00:00Z');
const issuerWith = async (file: string) => createTokenIssuer(await openStore({ file: undefined, flushMs: 5 }), createClock({ kind: 'manual' }, () => START, START), 'http://127.0.0.1:1', fileKeyCache(file));
const claims = { sub: 'svc', azp: 'svc', aud: 'plr' };

describe('the signing-key cache', () => {
  it('gives a second in-memory start the first one\'s key, so its tokens verify there', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'hie-key-')), 'key.json');
    const first = await issuerWith(file);
    const second = await issuerWith(file);
    expect(second.jwks().keys[0]!.kid).toBe(first.jwks().keys[0]!.kid);
    const verified = await second.verify(await first.issue(claims, 300), 'plr');
    expect(verified.ok).toBe(true);
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('replaces a corrupt or foreign cache file with a new valid key', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'hie-key-')), 'key.json');
    writeFileSync(file, '{"privateJwk":{"kty":"oct","k":"x"},"publicJwk":{}}');
    const issuer = await issuerWith(file);
    const saved = JSON.parse(readFileSync(file, 'utf8')) as { publicJwk: { kid: string; kty: string } };
    expect(saved.publicJwk).toMatchObject({ kty: 'RSA', kid: issuer.jwks().keys[0]!.kid });
    writeFileSync(file, 'not json');
    expect((await issuerWith(file)).jwks().keys[0]!.kid).not.toBe(issuer.jwks().keys[0]!.kid);
  });

  it('certifies a kept key again when its kept certificate does not parse (one in 512 had a zero-padded serial)', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'hie-key-')), 'key.json');
    const first = await issuerWith(file);
    const kept = JSON.parse(readFileSync(file, 'utf8')) as { certificate: string };
    writeFileSync(file, JSON.stringify({ ...kept, certificate: 'AAAA' }));
    const again = await issuerWith(file);
    const jwk = again.jwks().keys[0]!;
    expect(jwk.kid).toBe(first.jwks().keys[0]!.kid);
    expect(() => new X509Certificate(Buffer.from(jwk.x5c![0]!, 'base64'))).not.toThrow();
    expect((JSON.parse(readFileSync(file, 'utf8')) as { certificate: string }).certificate).toBe(jwk.x5c![0]);
  });
});

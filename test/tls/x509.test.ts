// The certificates the local CA and the signing key's self-signed certificate are made of: every one must parse.
import { createPublicKey, generateKeyPairSync, X509Certificate } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { issueClientCertificate, loadOrCreateCa } from '../../src/tls/local-ca.js';
import { issueCertificate, serialNumberOf } from '../../src/tls/x509.js';

const key = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
const issue = (serialBytes: number[]) =>
  issueCertificate({ subject: 'x', issuer: 'x', publicKey: createPublicKey(key), signingKey: key, notBefore: Date.now() - 1000, notAfter: Date.now() + 86_400_000 }, () => Buffer.from(serialBytes));

describe('a certificate serial', () => {
  // 0x00 then a byte under 0x80 came out as a zero-padded INTEGER, which OpenSSL refuses ("illegal padding"):
  // one certificate in 512, and with it a `--tls` start or a `partner cert`.
  it.each([
    ['a zero first byte before one under 0x80', [0x00, 0x01, 2, 3, 4, 5, 6, 7], '0101020304050607'],
    ['a zero first byte before one over 0x80', [0x00, 0x80, 2, 3, 4, 5, 6, 7], '0180020304050607'],
    ['a first byte with the high bit set', [0xff, 0x80, 2, 3, 4, 5, 6, 7], '7F80020304050607'],
    ['an ordinary first byte', [0x12, 0x34, 0x56, 0x78, 0x9a, 0xbc, 0xde, 0xf0], '123456789ABCDEF0'],
  ])('is positive and minimal, and the certificate parses, for %s', (_, bytes, serial) => {
    expect(new X509Certificate(issue(bytes)).serialNumber).toBe(serial);
    expect(serialNumberOf(Buffer.from(bytes))).toBe(serial.toLowerCase());
  });
});

describe('the local CA kept on disk', () => {
  it('is certified again, with the same key, when its kept certificate does not parse', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hie-ca-'));
    const first = loadOrCreateCa(dir, Date.now());
    const partner = new X509Certificate(issueClientCertificate(first, 'acme', Date.now()).certPem);
    writeFileSync(join(dir, 'ca.cert.pem'), '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n');
    const again = loadOrCreateCa(dir, Date.now());
    const cert = new X509Certificate(again.certPem);
    expect(cert.checkPrivateKey(first.key)).toBe(true);
    // What the CA signed before still chains to it.
    expect(partner.checkIssued(cert)).toBe(true);
    expect(partner.verify(cert.publicKey)).toBe(true);
    expect(readFileSync(join(dir, 'ca.cert.pem'), 'utf8')).toBe(again.certPem);
    expect(loadOrCreateCa(dir, Date.now()).certPem).toBe(again.certPem);
  });

  it('leaves no partly written file behind, and names a kept key that does not parse and what to do', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hie-ca-'));
    loadOrCreateCa(dir, Date.now());
    expect(readdirSync(dir).sort()).toEqual(['ca.cert.pem', 'ca.key.pem']);
    expect(statSync(join(dir, 'ca.key.pem')).mode & 0o777).toBe(0o600);
    // What a crash in the middle of writing it would have left before the files were written whole or not at all.
    writeFileSync(join(dir, 'ca.key.pem'), '');
    expect(() => loadOrCreateCa(dir, Date.now())).toThrow(`the local CA's key ${join(dir, 'ca.key.pem')} is not a private key; remove ${dir} to make a new CA (certificates it issued, partners' included, stop being trusted)`);
  });
});

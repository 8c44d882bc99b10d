// The sandbox's local certificate authority: kept in `{data dir}/tls`, it signs the server's and partners' certificates.
import { generateKeyPairSync, createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { join } from 'node:path';
import { writeFileDurablySync } from '../store/index.js';
import { certificateParses, issueCertificate } from './x509.js';

const DAY = 24 * 3600 * 1000;
const CA_NAME = 'hie-sandbox local CA';

export interface LocalCa {
  /** The CA certificate (PEM): what clients trust (`curl --cacert`) and what the server checks client certificates against. */
  certPem: string;
  key: KeyObject;
}

export interface IssuedCertificate {
  certPem: string;
  keyPem: string;
}

const newKey = () => generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
const pemOf = (key: KeyObject) => key.export({ type: 'pkcs8', format: 'pem' }).toString();
/** Where the CA of `dir` keeps its key and its certificate. */
const caFiles = (dir: string) => ({ keyFile: join(dir, 'ca.key.pem'), certFile: join(dir, 'ca.cert.pem') });

/**
 * Loads the CA from `dir` (ca.key.pem, ca.cert.pem), creating it on first use (valid ten years from `now`). A kept
 * certificate OpenSSL cannot read (a zero-padded serial, see serialNumberOf) is issued again for the same key: with
 * it every `--tls` start failed, and no client could have trusted it.
 */
export function loadOrCreateCa(dir: string, now: number): LocalCa {
  const { keyFile, certFile } = caFiles(dir);
  if (existsSync(keyFile) && existsSync(certFile)) {
    const kept = { key: keptKey(dir, keyFile), certPem: readFileSync(certFile, 'utf8') };
    if (certificateParses(kept.certPem)) return kept;
    return writeCa(dir, kept.key, now);
  }
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  return writeCa(dir, newKey(), now);
}

/** The CA's kept key; one that does not parse is named, with the way out (a new CA), not OpenSSL's decoder error. */
function keptKey(dir: string, keyFile: string): KeyObject {
  try {
    return createPrivateKey(readFileSync(keyFile, 'utf8'));
  } catch {
    throw new Error(`the local CA's key ${keyFile} is not a private key; remove ${dir} to make a new CA (certificates it issued, partners' included, stop being trusted)`);
  }
}

/** Certifies the CA's key (self-signed, valid ten years from `now`) and writes both beside each other. */
function writeCa(dir: string, key: KeyObject, now: number): LocalCa {
  const certPem = issueCertificate({
    subject: CA_NAME,
    issuer: CA_NAME,
    publicKey: createPublicKey(key),
    signingKey: key,
    notBefore: now - DAY,
    notAfter: now + 3650 * DAY,
    extensions: [
      { name: 'basicConstraints', cA: true, critical: true },
      { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
    ],
  });
  const { keyFile, certFile } = caFiles(dir);
  // Whole or not at all: a truncated key made every TLS start and `partner cert` fail until the folder was removed.
  writeFileDurablySync(keyFile, pemOf(key), 0o600);
  writeFileDurablySync(certFile, certPem);
  return { key, certPem };
}

function issueLeaf(ca: LocalCa, subject: string, now: number, days: number, extensions: object[]): IssuedCertificate {
  const key = newKey();
  const certPem = issueCertificate({
    subject,
    issuer: CA_NAME,
    publicKey: createPublicKey(key),
    signingKey: ca.key,
    notBefore: now - DAY,
    notAfter: now + days * DAY,
    extensions: [{ name: 'basicConstraints', cA: false }, { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true }, ...extensions],
  });
  return { certPem, keyPem: pemOf(key) };
}

/** The server's certificate: localhost, 127.0.0.1, ::1 and the configured host as subject alternative names. */
export function issueServerCertificate(ca: LocalCa, hosts: readonly string[], now: number): IssuedCertificate {
  const given = hosts.map((h) => h.replace(/^\[|\]$/g, '')).filter((h) => h && h !== '0.0.0.0' && h !== '::');
  const names = [...new Set(['localhost', '127.0.0.1', '::1', ...given])];
  const altNames = names.map((n) => (isIP(n) ? { type: 7, ip: n } : { type: 2, value: n }));
  return issueLeaf(ca, names.find((n) => !isIP(n)) ?? 'localhost', now, 825, [{ name: 'extKeyUsage', serverAuth: true }, { name: 'subjectAltName', altNames }]);
}

/** A partner's client certificate (CN = the partner's name), for a sandbox started with `--mtls`. */
export function issueClientCertificate(ca: LocalCa, name: string, now: number): IssuedCertificate {
  return issueLeaf(ca, name, now, 825, [{ name: 'extKeyUsage', clientAuth: true }]);
}

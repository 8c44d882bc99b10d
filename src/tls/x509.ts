// X.509 certificates built with node-forge's ASN.1 model and signed with node:crypto (fast, native RSA).
import { randomBytes, sign, X509Certificate, type KeyObject } from 'node:crypto';
import type forge from 'node-forge';
import { lazyPackage } from '../lazy-package.js';

/** node-forge loads with the first certificate issued (a start with a cached key issues none). */
const loadForge = lazyPackage<typeof forge>('node-forge');

export interface CertificateRequest {
  subject: string;
  issuer: string;
  /** The certified public key. */
  publicKey: KeyObject;
  /** The issuer's private key (the subject's own for a self-signed certificate). */
  signingKey: KeyObject;
  notBefore: number;
  notAfter: number;
  /** forge extension objects (basicConstraints, keyUsage, extKeyUsage, subjectAltName...). */
  extensions?: object[];
}

/**
 * A certificate serial from 8 random bytes, as hex: positive and in minimal DER form, its first byte 0x01-0x7f. A
 * leading zero byte before one under 0x80 is "illegal padding" to OpenSSL, which then refuses the whole certificate;
 * the serial was `0` + 16 random hex digits, and node-forge strips only one leading zero, so when the first random
 * byte was 0 and the next under 0x80 (1 certificate in 512: 5 of 3,000 here) a `--tls` start or `partner cert` failed.
 */
export function serialNumberOf(random: Buffer): string {
  const bytes = Buffer.from(random.subarray(0, 8));
  bytes[0] = bytes[0]! & 0x7f || 0x01;
  return bytes.toString('hex');
}

/** Issues an RSA/SHA-256 certificate; returns it as PEM. */
export function issueCertificate(r: CertificateRequest, random: (size: number) => Buffer = randomBytes): string {
  const lib = loadForge();
  const cert = lib.pki.createCertificate();
  cert.publicKey = lib.pki.publicKeyFromPem(r.publicKey.export({ type: 'spki', format: 'pem' }).toString());
  cert.serialNumber = serialNumberOf(random(8));
  cert.validity.notBefore = new Date(r.notBefore);
  cert.validity.notAfter = new Date(r.notAfter);
  cert.setSubject([{ name: 'commonName', value: r.subject }]);
  cert.setIssuer([{ name: 'commonName', value: r.issuer }]);
  if (r.extensions?.length) cert.setExtensions(r.extensions);
  const signed = cert as forge.pki.Certificate & { signatureOid: string; tbsCertificate: forge.asn1.Asn1 };
  signed.signatureOid = signed.siginfo.algorithmOid = lib.pki.oids.sha256WithRSAEncryption!;
  // getTBSCertificate is public in node-forge but missing from its type definitions.
  signed.tbsCertificate = (lib.pki as unknown as { getTBSCertificate(c: forge.pki.Certificate): forge.asn1.Asn1 }).getTBSCertificate(cert);
  const tbs = Buffer.from(lib.asn1.toDer(signed.tbsCertificate).getBytes(), 'binary');
  cert.signature = sign('sha256', tbs, r.signingKey).toString('binary');
  return lib.pki.certificateToPem(cert);
}

/** Whether OpenSSL reads a certificate (PEM, or base64 DER): one issued with a zero-padded serial does not. */
export function certificateParses(certificate: string): boolean {
  try {
    new X509Certificate(certificate.includes('-----BEGIN') ? certificate : Buffer.from(certificate, 'base64'));
    return true;
  } catch {
    return false;
  }
}

/** Base64 DER of a PEM certificate (a JWK `x5c` entry). */
export function pemToDerBase64(pem: string): string {
  return pem.replace(/-----(BEGIN|END) CERTIFICATE-----|\s/g, '');
}

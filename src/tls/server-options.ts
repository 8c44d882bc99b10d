// What `start --tls` / `--mtls` listens with: the local CA's server certificate, and for mTLS a required client certificate.
import type { ServerOptions } from 'node:https';
import { issueServerCertificate, loadOrCreateCa } from './local-ca.js';

export type TlsMode = 'off' | 'tls' | 'mtls';

/**
 * HTTPS options. With `mtls` the handshake itself is refused unless the client presents a certificate the
 * local CA issued (`hie-sandbox partner cert <name>`): the connection never reaches HTTP, as at a gateway that
 * requires client certificates. `now` is wall time: certificates are checked by real clients against real time.
 */
export function tlsServerOptions(mode: Exclude<TlsMode, 'off'>, dir: string, hosts: readonly string[], now: number): ServerOptions {
  const ca = loadOrCreateCa(dir, now);
  const server = issueServerCertificate(ca, hosts, now);
  const options: ServerOptions = { key: server.keyPem, cert: `${server.certPem}${ca.certPem}`, minVersion: 'TLSv1.2' };
  if (mode === 'mtls') Object.assign(options, { ca: ca.certPem, requestCert: true, rejectUnauthorized: true });
  return options;
}

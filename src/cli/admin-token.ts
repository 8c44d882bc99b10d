// `start --admin-token`: the token the admin API requires, and the rule that a sandbox beyond loopback has one.
import type { AddressInfo } from 'node:net';
import { generateAdminToken } from '../admin/index.js';
import type { Config } from '../config.js';
import { isLoopback } from '../http/host-names.js';
import { UsageError } from './errors.js';

/** `generate` (flag or HIE_SANDBOX_ADMIN_TOKEN) asks for a fresh random token, printed in the banner. */
export const GENERATE = 'generate';


/**
 * The config with its admin token settled: `--admin-token` wins over the environment, `generate` becomes a
 * random token, and a host beyond loopback without a token is refused (anyone who can reach the port could
 * otherwise read every secret and reset everything).
 */
export function settleAdminToken(config: Config, flag: string | undefined): Config {
  const asked = flag ?? config.adminToken;
  const token = asked === GENERATE ? generateAdminToken() : asked;
  if (token !== undefined && token.length < 16) throw new UsageError('--admin-token must be at least 16 characters (or "generate")');
  if (!token && !isLoopback(config.host)) {
    throw new UsageError(`refusing to listen on ${config.host} without an admin token: anyone who reaches the port could read every secret and reset the sandbox. Add --admin-token generate (printed in the banner) or set HIE_SANDBOX_ADMIN_TOKEN`);
  }
  return token === config.adminToken ? config : Object.freeze({ ...config, adminToken: token });
}

/** The truth about where it listens: the bound address, and who can reach it. */
export function listeningOn(address: AddressInfo | string | null): string {
  if (!address || typeof address === 'string') return String(address);
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const reach = isLoopback(address.address) ? 'this machine only' : address.address === '0.0.0.0' || address.address === '::' ? 'every network interface' : 'this interface';
  return `${host}:${address.port}, ${reach}`;
}

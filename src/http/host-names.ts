// Which Host and Origin values name this sandbox: the defence against DNS rebinding and cross-origin writes.
import { isIP } from 'node:net';

/**
 * The names a sandbox answers to: `localhost`, the host of its public base URL, and any IP literal. An IP
 * literal cannot be rebound (DNS rebinding needs a name the attacker controls), so every interface address
 * of a `0.0.0.0` listener is served without being listed.
 */
export interface HostNames {
  /** True when a Host header (`name[:port]`) names this sandbox. */
  serves(hostHeader: string): boolean;
  /** True when an Origin header is this sandbox's own origin as reached through `hostHeader`. */
  sameOrigin(origin: string, hostHeader: string | undefined): boolean;
}

export function createHostNames(baseUrl: string): HostNames {
  const base = new URL(baseUrl);
  const names = new Set(['localhost', hostnameOf(base.host)]);
  const servesName = (name: string) => names.has(name) || isIP(name) !== 0;
  return {
    serves: (hostHeader) => servesName(hostnameOf(hostHeader)),
    sameOrigin(origin, hostHeader) {
      let url: URL;
      try {
        url = new URL(origin);
      } catch {
        return false;
      }
      if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
      if (url.origin === base.origin) return true;
      return hostHeader !== undefined && url.host.toLowerCase() === hostHeader.toLowerCase() && servesName(url.hostname.replace(/^\[|\]$/g, ''));
    },
  };
}

/** `Name.Example:8900` -> `name.example`; `[::1]:8900` -> `::1`. */
function hostnameOf(hostHeader: string): string {
  const text = hostHeader.trim().toLowerCase();
  if (text.startsWith('[')) return text.slice(1, text.indexOf(']') > 0 ? text.indexOf(']') : undefined);
  const colon = text.lastIndexOf(':');
  return (colon >= 0 && text.indexOf(':') === colon ? text.slice(0, colon) : text).replace(/\.$/, '');
}

/** True for an address only this machine can reach (`localhost`, 127.0.0.0/8, `::1`). */
export function isLoopback(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[|\]$/g, '');
  return h === 'localhost' || h === '::1' || /^(?:::ffff:)?127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h);
}

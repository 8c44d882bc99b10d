// A partner's own registered endpoints, and which scenarios they let the conformance run decide.
import { networkInterfaces } from 'node:os';
import type { SandboxClient } from '../sandbox-client.js';
import type { Scenario } from '../types.js';

/** What the sandbox knows of the partner's system: only these make a worksheet row the partner's evidence. */
export interface PartnerEndpoints {
  partner: string;
  sandbox: string;
  /** Its Ocean webhook (an integration of a site the partner owns), unless that is the sandbox's reference POS. */
  ocean?: { url: string; siteNum: string };
  /**
   * The kinds of endpoint the partner has several of, with their URLs, when the run was not told which is its own:
   * on a shared sandbox each vendor registers its own under the same partner (the seeded sites are all demo's, and
   * `plr subscribe` defaults to demo), and a run must say which is its own (`--webhook`).
   */
  several?: Array<{ kind: string; need: EndpointNeed; urls: string[] }>;
  /** The run named its endpoints (`--webhook`): a kind it named none of has none. */
  pinned?: boolean;
  /** Why there is none (no site, no integration, or only the reference POS). */
  oceanGap?: string;
  /** A site the partner owns (for the registering command). */
  siteNum?: string;
  distributionUrl?: string;
  notificationUrl?: string;
  callbackUrl?: string;
}

/** Which of the partner's endpoints a scenario exercises, read from the endpoint variables it declares. */
export type EndpointNeed = 'ocean' | 'distribution' | 'notification' | 'callback';

/**
 * The sandbox's own reference POS (its webhook, its registry endpoints), however its URL is written: any name or
 * address that reaches this machine when the sandbox runs on it (see reachesThisMachine), on the sandbox's port, and
 * `/pos/` in any case (Express routes paths case-insensitively). Deliveries it answers also say so in a response
 * header (see REFERENCE_POS_HEADER).
 */
export function isReferencePos(url: string, sandbox: string): boolean {
  const u = parsed(url);
  const s = parsed(sandbox);
  if (!u || !s) return url.startsWith(`${sandbox.replace(/\/$/, '')}/pos/`);
  const port = (x: URL) => x.port || (x.protocol === 'https:' ? '443' : '80');
  const sameHost = u.hostname === s.hostname || (reachesThisMachine(u.hostname) && reachesThisMachine(s.hostname));
  return sameHost && port(u) === port(s) && u.pathname.toLowerCase().startsWith('/pos/');
}

const parsed = (url: string): URL | undefined => {
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
};

/**
 * Host names and addresses that reach this machine: loopback names, 127/8, the unspecified addresses (0.0.0.0, ::),
 * IPv4 addresses written as IPv6 (`[::ffff:7f00:1]`, `[::ffff:0:0]`), and this machine's own interface addresses.
 * The URL parser has already normalized IPv4 forms such as 127.1 and IPv6 ones such as [0:0:0:0:0:0:0:1].
 */
function reachesThisMachine(host: string): boolean {
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  const address = host.startsWith('[') ? ipv4Inside(host.slice(1, -1)) : host;
  if (/^127\.\d+\.\d+\.\d+$/.test(address) || address === '0.0.0.0' || address === '::1' || address === '::') return true;
  return localAddresses().has(address);
}

/** The IPv4 address an IPv4-mapped IPv6 address stands for (`::ffff:7f00:1` → 127.0.0.1); else the address as given. */
function ipv4Inside(v6: string): string {
  const m = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i.exec(v6);
  if (!m) return v6.toLowerCase();
  const [hi, lo] = [parseInt(m[1]!, 16), parseInt(m[2]!, 16)];
  return `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;
}

let ownAddresses: Set<string> | undefined;
/** This machine's interface addresses (read once). */
function localAddresses(): Set<string> {
  ownAddresses ??= new Set(Object.values(networkInterfaces()).flatMap((list) => (list ?? []).map((a) => a.address.toLowerCase().split('%')[0]!)));
  return ownAddresses;
}

type Site = { siteNum: string; partner?: string };
type Integration = { url: string; siteNum: string };

/** Reads the partner's Ocean integrations, PLR subscriptions and HCIM subscriptions and call-back through the admin API. */
export async function findPartnerEndpoints(client: SandboxClient, partner: string, pins: readonly string[] = []): Promise<PartnerEndpoints> {
  const sandbox = client.baseUrl;
  const out: PartnerEndpoints = { partner, sandbox, ...(pins.length ? { pinned: true } : {}) };
  const own = (url: string | undefined) => (url && !isReferencePos(url, sandbox) ? url : undefined);
  const list = <T>(path: string) => client.admin<T[]>('GET', path).catch(() => [] as T[]);
  /**
   * The partner's endpoint of a kind: the one a pin names; without pins, the only one (several are reported). Once
   * the run names its endpoints, a kind it named none of has none: another vendor's, registered under the same
   * partner, is not taken for it.
   */
  const choose = <T>(kind: string, need: EndpointNeed, candidates: T[], urlOf: (c: T) => string): T | undefined => {
    const pinned = candidates.find((c) => pins.includes(urlOf(c)));
    if (pinned || pins.length) return pinned;
    const urls = [...new Set(candidates.map(urlOf))];
    if (urls.length > 1) (out.several ??= []).push({ kind, need, urls });
    return candidates[0];
  };

  const sites = (await list<Site>('/ocean/sites')).filter((s) => s.partner === partner);
  out.siteNum = sites[0]?.siteNum;
  const integrations = (await Promise.all(sites.map((s) => list<Integration>(`/ocean/integrations?site=${encodeURIComponent(s.siteNum)}`)))).flat();
  const chosen = choose('Ocean webhook', 'ocean', integrations.filter((i) => own(i.url)), (i) => i.url);
  if (chosen) out.ocean = { url: chosen.url, siteNum: chosen.siteNum };
  else if (pins.length && integrations.some((i) => own(i.url))) out.oceanGap = `no --webhook of this run names one of partner "${partner}"'s Ocean webhooks`;
  else if (!sites.length) out.oceanGap = `partner "${partner}" owns no Ocean site (the seeded sites belong to ${(await list<Site>('/ocean/sites')).find((s) => s.partner)?.partner ?? 'another partner'})`;
  else if (integrations.length) out.oceanGap = `partner "${partner}"'s only Ocean webhook is the sandbox's reference POS (${integrations[0]!.url})`;
  else out.oceanGap = `partner "${partner}" has no Ocean webhook registered`;

  out.distributionUrl = choose('PLR distribution endpoint', 'distribution', (await list<{ partner: string; url: string }>('/plr/subscriptions')).filter((s) => s.partner === partner && own(s.url)), (s) => s.url)?.url;
  out.notificationUrl = choose('HCIM notification endpoint', 'notification', (await list<{ partner: string; endpoint: string }>('/hcim/subscriptions')).filter((s) => s.partner === partner && own(s.endpoint)), (s) => s.endpoint)?.endpoint;
  out.callbackUrl = choose('HCIM call-back endpoint', 'callback', (await list<{ partner: string; url: string }>('/hcim/callbacks')).filter((c) => c.partner === partner && own(c.url)), (c) => c.url)?.url;
  return out;
}

/** The URLs a run judges as the partner's own (see isOwnExchange): its chosen webhook and registry endpoints. */
export function ownEndpointsOf(e: PartnerEndpoints): string[] {
  return [e.ocean?.url, e.distributionUrl, e.notificationUrl, e.callbackUrl].filter((u): u is string => u !== undefined);
}

/** The endpoint a scenario needs, from the variables it declares (`receiverUrl`/`senderUrl`, `distributionUrl`, ...). */
export function endpointNeed(s: Scenario): EndpointNeed | undefined {
  const has = (k: string) => Object.hasOwn(s.vars, k);
  if (has('receiverUrl') || has('senderUrl')) return 'ocean';
  if (has('distributionUrl')) return 'distribution';
  if (has('notificationUrl')) return 'notification';
  if (has('callbackUrl')) return 'callback';
  return undefined;
}

export type ScenarioPlan = { run: true; vars: Record<string, unknown> } | { run: false; reason: string; command: string };

/**
 * Whether a scenario can be decided by the partner's own system, and with which variables. Scenarios that
 * only make calls themselves (registry queries, maintain, HCIM operations) cannot: the sandbox would be
 * testing itself with the partner's credentials.
 */
export function planScenario(s: Scenario, e: PartnerEndpoints): ScenarioPlan {
  const url = `--url ${e.sandbox}`;
  // A session recorded from the partner's own POS (scenario record) replays its own flow.
  if (s.tags.includes('recorded')) return { run: true, vars: {} };
  switch (endpointNeed(s)) {
    case 'ocean':
      if (e.ocean) return { run: true, vars: { receiverUrl: e.ocean.url, senderUrl: e.ocean.url, sendingSite: e.ocean.siteNum } };
      return {
        run: false,
        reason: `${e.oceanGap}: Ocean would deliver to nobody of yours`,
        command: e.siteNum
          ? `hie-sandbox ocean integrate --site ${e.siteNum} --webhook <your POS's webhook URL> --listing <a listing of site ${e.siteNum}> ${url}`
          : `hie-sandbox ocean assign <a site, from hie-sandbox ocean sites> --partner ${e.partner} ${url}, then hie-sandbox ocean integrate --site <that site> --webhook <your POS's webhook URL> --listing <a listing of that site> ${url}`,
      };
    case 'distribution':
      if (e.distributionUrl) return { run: true, vars: { distributionUrl: e.distributionUrl } };
      return { run: false, reason: `partner "${e.partner}" has no PLR distribution endpoint of its own${e.pinned ? ' named by --webhook' : ''}`, command: `hie-sandbox plr subscribe <your distribution endpoint URL> --partner ${e.partner} ${url}` };
    case 'notification':
      if (e.notificationUrl) return { run: true, vars: { notificationUrl: e.notificationUrl } };
      return { run: false, reason: `partner "${e.partner}" has no HCIM notification endpoint of its own${e.pinned ? ' named by --webhook' : ''}`, command: `curl -X POST ${e.sandbox}/admin/hcim/subscriptions -H 'content-type: application/json' -d '{"partner":"${e.partner}","endpoint":"<your notification URL>"}'` };
    case 'callback':
      if (e.callbackUrl) return { run: true, vars: { callbackUrl: e.callbackUrl } };
      return { run: false, reason: `partner "${e.partner}" has no HCIM .Async call-back endpoint of its own${e.pinned ? ' named by --webhook' : ''}`, command: `curl -X POST ${e.sandbox}/admin/hcim/callbacks -H 'content-type: application/json' -d '{"partner":"${e.partner}","url":"<your call-back base URL>"}'` };
    default:
      return {
        run: false,
        reason: `the library's ${s.id} makes these ${s.system.toUpperCase()} calls itself; only calls your system makes count`,
        command: `hie-sandbox scenario record --partner ${e.partner} --since <journal id before your session> --out ${s.id}-${e.partner}.yaml ${url}, then hie-sandbox scenario run ${s.id}-${e.partner}.yaml --partner ${e.partner} ${url}`,
      };
  }
}

// A partner's own registered endpoints, and which scenarios they let the conformance run decide.
import type { SandboxClient } from '../sandbox-client.js';
import type { Scenario } from '../types.js';

/** What the sandbox knows of the partner's system: only these make a worksheet row the partner's evidence. */
export interface PartnerEndpoints {
  partner: string;
  sandbox: string;
  /** Its Ocean webhook (an integration of a site the partner owns), unless that is the sandbox's reference POS. */
  ocean?: { url: string; siteNum: string };
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
 * The sandbox's own reference POS (its webhook, its registry endpoints), however its URL is written: any loopback
 * name for the sandbox's host (localhost, 127.x.x.x, [::1]) on its port, and `/pos/` in any case (Express routes
 * paths case-insensitively). Deliveries it answers also say so in a response header (see REFERENCE_POS_HEADER).
 */
export function isReferencePos(url: string, sandbox: string): boolean {
  const u = parsed(url);
  const s = parsed(sandbox);
  if (!u || !s) return url.startsWith(`${sandbox.replace(/\/$/, '')}/pos/`);
  const port = (x: URL) => x.port || (x.protocol === 'https:' ? '443' : '80');
  const sameHost = u.hostname === s.hostname || (isLoopback(u.hostname) && isLoopback(s.hostname));
  return sameHost && port(u) === port(s) && u.pathname.toLowerCase().startsWith('/pos/');
}

const parsed = (url: string): URL | undefined => {
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
};

/** Host names that reach this machine's loopback (the URL parser has already normalized IPv4 forms such as 127.1). */
const isLoopback = (host: string) =>
  host === 'localhost' || host.endsWith('.localhost') || /^127\.\d+\.\d+\.\d+$/.test(host) || host === '0.0.0.0' || host === '[::1]' || host === '[::]' || /^\[::ffff:7f[0-9a-f]{2}:[0-9a-f]{1,4}\]$/.test(host);

type Site = { siteNum: string; partner?: string };
type Integration = { url: string; siteNum: string };

/** Reads the partner's Ocean integrations, PLR subscriptions and HCIM subscriptions and call-back through the admin API. */
export async function findPartnerEndpoints(client: SandboxClient, partner: string): Promise<PartnerEndpoints> {
  const sandbox = client.baseUrl;
  const out: PartnerEndpoints = { partner, sandbox };
  const own = (url: string | undefined) => (url && !isReferencePos(url, sandbox) ? url : undefined);
  const list = <T>(path: string) => client.admin<T[]>('GET', path).catch(() => [] as T[]);

  const sites = (await list<Site>('/ocean/sites')).filter((s) => s.partner === partner);
  out.siteNum = sites[0]?.siteNum;
  const integrations = (await Promise.all(sites.map((s) => list<Integration>(`/ocean/integrations?site=${encodeURIComponent(s.siteNum)}`)))).flat();
  const webhook = integrations.find((i) => own(i.url));
  if (webhook) out.ocean = { url: webhook.url, siteNum: webhook.siteNum };
  else if (!sites.length) out.oceanGap = `partner "${partner}" owns no Ocean site (the seeded sites belong to ${(await list<Site>('/ocean/sites')).find((s) => s.partner)?.partner ?? 'another partner'})`;
  else if (integrations.length) out.oceanGap = `partner "${partner}"'s only Ocean webhook is the sandbox's reference POS (${integrations[0]!.url})`;
  else out.oceanGap = `partner "${partner}" has no Ocean webhook registered`;

  out.distributionUrl = own((await list<{ partner: string; url: string }>('/plr/subscriptions')).find((s) => s.partner === partner && own(s.url))?.url);
  out.notificationUrl = own((await list<{ partner: string; endpoint: string }>('/hcim/subscriptions')).find((s) => s.partner === partner && own(s.endpoint))?.endpoint);
  out.callbackUrl = own((await list<{ partner: string; url: string }>('/hcim/callbacks')).find((c) => c.partner === partner)?.url);
  return out;
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
          : `hie-sandbox ocean integrate --site <a site of the partner that owns one> --webhook <your POS's webhook URL> --listing <listing ref> ${url}, then run conformance as that partner`,
      };
    case 'distribution':
      if (e.distributionUrl) return { run: true, vars: { distributionUrl: e.distributionUrl } };
      return { run: false, reason: `partner "${e.partner}" has no PLR distribution endpoint of its own`, command: `hie-sandbox plr subscribe <your distribution endpoint URL> --partner ${e.partner} ${url}` };
    case 'notification':
      if (e.notificationUrl) return { run: true, vars: { notificationUrl: e.notificationUrl } };
      return { run: false, reason: `partner "${e.partner}" has no HCIM notification endpoint of its own`, command: `curl -X POST ${e.sandbox}/admin/hcim/subscriptions -H 'content-type: application/json' -d '{"partner":"${e.partner}","endpoint":"<your notification URL>"}'` };
    case 'callback':
      if (e.callbackUrl) return { run: true, vars: { callbackUrl: e.callbackUrl } };
      return { run: false, reason: `partner "${e.partner}" has no HCIM .Async call-back endpoint of its own`, command: `curl -X POST ${e.sandbox}/admin/hcim/callbacks -H 'content-type: application/json' -d '{"partner":"${e.partner}","url":"<your call-back base URL>"}'` };
    default:
      return {
        run: false,
        reason: `the library's ${s.id} makes these ${s.system.toUpperCase()} calls itself; only calls your system makes count`,
        command: `hie-sandbox scenario record --partner ${e.partner} --since <journal id before your session> --out ${s.id}-${e.partner}.yaml ${url}, then hie-sandbox scenario run ${s.id}-${e.partner}.yaml --partner ${e.partner} ${url}`,
      };
  }
}

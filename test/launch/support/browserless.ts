// Follows a launch the way a browser would, without one: fetch with manual redirects, forms posted as urlencoded.
export interface Hop {
  status: number;
  url: string;
  location?: string;
  body: string;
}

/** Cookies by host, as a browser keeps them (name=value only; enough for session cookies on localhost). */
export type CookieJar = Map<string, Map<string, string>>;

/** GETs (or POSTs a form to) `url`, then follows every redirect; returns each hop, the last one being the page. */
export async function follow(url: string, form?: Record<string, string | string[]>, jar?: CookieJar): Promise<Hop[]> {
  const hops: Hop[] = [];
  let next: string | undefined = url;
  let body: string | undefined = form ? encodeForm(form) : undefined;
  while (next && hops.length < 12) {
    const host = new URL(next).host;
    const cookies = [...(jar?.get(host) ?? new Map<string, string>())].map(([k, v]) => `${k}=${v}`).join('; ');
    const headers: Record<string, string> = { ...(body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}), ...(cookies ? { cookie: cookies } : {}) };
    const res: Response = await fetch(next, { method: body ? 'POST' : 'GET', redirect: 'manual', headers, body });
    for (const c of jar ? res.headers.getSetCookie() : []) {
      const [pair] = c.split(';');
      const eq = pair!.indexOf('=');
      if (eq > 0) jar!.set(host, (jar!.get(host) ?? new Map<string, string>()).set(pair!.slice(0, eq).trim(), pair!.slice(eq + 1).trim()));
    }
    const location = res.headers.get('location') ?? undefined;
    hops.push({ status: res.status, url: next, location, body: await res.text() });
    next = res.status >= 300 && res.status < 400 && location ? new URL(location, next).toString() : undefined;
    body = undefined;
  }
  return hops;
}

function encodeForm(form: Record<string, string | string[]>): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(form)) for (const x of Array.isArray(v) ? v : [v]) p.append(k, x);
  return p.toString();
}

/** The values of the page's textareas, by name (HTML entities decoded). */
export function textareas(html: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of html.matchAll(/<textarea[^>]*name="([^"]+)"[^>]*>([\s\S]*?)<\/textarea>/g)) out[m[1]!] = decode(m[2]!);
  return out;
}

export function decode(s: string): string {
  return s.replace(/&(lt|gt|quot|#39|amp);/g, (_m, e: string) => ({ lt: '<', gt: '>', quot: '"', '#39': "'", amp: '&' })[e]!);
}

// Follows a launch the way a browser would, without one: fetch with manual redirects, forms posted as urlencoded.
export interface Hop {
  status: number;
  url: string;
  location?: string;
  body: string;
}

/** GETs (or POSTs a form to) `url`, then follows every redirect; returns each hop, the last one being the page. */
export async function follow(url: string, form?: Record<string, string | string[]>): Promise<Hop[]> {
  const hops: Hop[] = [];
  let next: string | undefined = url;
  let body: string | undefined = form ? encodeForm(form) : undefined;
  while (next && hops.length < 12) {
    const res: Response = await fetch(next, { method: body ? 'POST' : 'GET', redirect: 'manual', headers: body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}, body });
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

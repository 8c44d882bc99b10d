// Talks to a running sandbox over HTTP: its admin API and its FHIR endpoints, so scenarios also run remotely.

export interface HttpResult {
  status: number;
  headers: Record<string, string>;
  text: string;
  /** The URL that answered, after any redirects (a SMART launch ends on Ocean's session page). */
  url: string;
  /** The parsed body when it is JSON. */
  json?: unknown;
}

/** Thrown when the admin API refuses a request; carries the OperationOutcome's words. */
export class SandboxApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

export interface SandboxClient {
  readonly baseUrl: string;
  /** Any request; `path` is relative to the base URL, or an absolute URL. */
  request(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<HttpResult>;
  /** An admin API call (`/admin` + path) that must succeed; returns the JSON body. */
  admin<T>(method: string, path: string, body?: unknown): Promise<T>;
  /** The same, with the answer's headers (the journal says in them how much it matched and what it still holds). */
  adminWithHeaders<T>(method: string, path: string, body?: unknown): Promise<{ json: T; headers: Record<string, string> }>;
}

/**
 * The journal entries after `since` that fell off its bounds, given the oldest entry it still holds (the
 * `Journal-Oldest-Id` header of `GET /admin/journal`): `#a to #b`, or undefined when it holds them all.
 */
export function journalGap(since: number, oldest: number): string | undefined {
  return oldest > since + 1 ? `#${since + 1} to #${oldest - 1}` : undefined;
}

/**
 * Every request the scenario runner makes carries this header, so the journal tells the runner's own calls
 * (set-up, stimuli) from the calls of the system under test: only the latter are a partner's evidence.
 */
export const RUNNER_HEADER = 'x-hie-scenario-runner';

/**
 * Builds a client for the sandbox at `baseUrl` (e.g. http://127.0.0.1:8900); `adminHeaders` (the admin token,
 * when the sandbox has one) go with every request to its `/admin` routes.
 */
export function createSandboxClient(baseUrl: string, fetchImpl: typeof fetch = fetch, adminHeaders: () => Record<string, string> = () => ({})): SandboxClient {
  const base = baseUrl.replace(/\/$/, '');
  const request = async (method: string, path: string, body?: unknown, given: Record<string, string> = {}): Promise<HttpResult> => {
    const url = /^https?:\/\//.test(path) ? path : `${base}${path.startsWith('/') ? '' : '/'}${path}`;
    const headers = url.startsWith(`${base}/admin`) ? { ...adminHeaders(), ...given } : given;
    const isText = typeof body === 'string';
    const hasType = Object.keys(headers).some((h) => h.toLowerCase() === 'content-type');
    const res = await fetchImpl(url, {
      method,
      headers: { [RUNNER_HEADER]: '1', ...(body === undefined || hasType ? headers : { 'content-type': isText ? 'text/plain' : 'application/json', ...headers }) },
      body: body === undefined ? undefined : isText ? body : JSON.stringify(body),
    });
    const text = await res.text();
    let json: unknown;
    if (text && /json/.test(res.headers.get('content-type') ?? '')) {
      try {
        json = JSON.parse(text);
      } catch {
        json = undefined;
      }
    }
    const headersOut: Record<string, string> = {};
    res.headers.forEach((value, name) => void (headersOut[name] = value));
    return { status: res.status, headers: headersOut, text, url: res.url || url, json };
  };
  const adminWithHeaders = async <T>(method: string, path: string, body?: unknown): Promise<{ json: T; headers: Record<string, string> }> => {
    const res = await request(method, `/admin${path}`, body);
    if (res.status >= 400) throw new SandboxApiError(`${method} /admin${path} answered ${res.status}: ${describeError(res)}`, res.status);
    return { json: res.json as T, headers: res.headers };
  };
  return {
    baseUrl: base,
    request,
    adminWithHeaders,
    admin: async <T>(method: string, path: string, body?: unknown) => (await adminWithHeaders<T>(method, path, body)).json,
  };
}

/** The diagnostics of an OperationOutcome body, or the start of the text. */
export function describeError(res: HttpResult): string {
  const outcome = res.json as { issue?: Array<{ diagnostics?: string; details?: { text?: string } }> } | undefined;
  const issue = outcome?.issue?.[0];
  return issue?.diagnostics ?? issue?.details?.text ?? res.text.slice(0, 300);
}

// JSON calls to the sandbox's own APIs; errors surface the OperationOutcome's text.

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly body?: unknown,
  ) {
    super(message);
  }
}

interface OutcomeLike {
  resourceType?: string;
  issue?: Array<{ severity?: string; code?: string; diagnostics?: string; details?: { text?: string; coding?: Array<{ code?: string; display?: string }> } }>;
  error?: string;
  error_description?: string;
}

/** The human text of an OperationOutcome or OAuth error body. */
export function describeError(body: unknown, status: number): string {
  const b = (body ?? {}) as OutcomeLike;
  if (b.resourceType === 'OperationOutcome' && b.issue?.length) {
    return b.issue.map((i) => [i.details?.coding?.[0]?.code, i.diagnostics ?? i.details?.text ?? i.code].filter(Boolean).join(' ')).join('; ');
  }
  if (b.error) return `${b.error}${b.error_description ? `: ${b.error_description}` : ''}`;
  return `HTTP ${status}`;
}

/** Calls a JSON endpoint; throws ApiError with a readable message on a non-2xx answer. */
export async function api<T>(method: string, url: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
  const init: RequestInit = { method, headers: { accept: 'application/json, application/fhir+json', ...headers } };
  if (body !== undefined) {
    init.body = typeof body === 'string' ? body : JSON.stringify(body);
    (init.headers as Record<string, string>)['content-type'] ??= 'application/json';
  }
  const res = await fetch(url, init);
  const text = await res.text();
  let parsed: unknown = undefined;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = text;
  }
  if (!res.ok) throw new ApiError(res.status, describeError(parsed, res.status), parsed);
  return parsed as T;
}

export const get = <T>(url: string) => api<T>('GET', url);
export const post = <T>(url: string, body?: unknown) => api<T>('POST', url, body ?? {});
export const del = <T>(url: string) => api<T>('DELETE', url);

/** Builds a query string from the defined, non-empty values. */
export function qs(params: Record<string, string | number | undefined>): string {
  const u = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') u.set(k, String(v));
  const s = u.toString();
  return s ? `?${s}` : '';
}

// Request examples for the API description, taken from the scenario library's own calls: every example is a
// request a scenario really sends and checks, not prose that can go stale.
import { fileURLToPath } from 'node:url';
import { listScenarios, type Scenario } from '../scenarios/index.js';

/** The repository's scenario library. */
export const LIBRARY_DIR = fileURLToPath(new URL('../../scenarios/', import.meta.url));

export interface RequestExample {
  /** A short key telling this example from the route's others (the SOAP interaction, the message event). */
  name: string;
  /** The scenario it comes from, and the step's title. */
  source: string;
  path: string;
  headers: Record<string, string>;
  body: unknown;
}

const PLACEHOLDER = /\$\{([A-Za-z_][\w-]*)\}/g;

/** At most this many examples per route. */
const PER_ROUTE = 8;

/**
 * Examples of each `METHOD /path-template`, for the templates given: one per kind of request (a SOAP interaction,
 * a message event), complete ones first. A value a scenario captures at run time (`${newPhn}`) stays visible as
 * a `${...}` placeholder.
 */
export async function harvestRequestExamples(templates: readonly string[], baseUrl: string, dir = LIBRARY_DIR): Promise<Map<string, RequestExample[]>> {
  const matchers = templates.map((key) => ({ key, method: key.split(' ')[0]!, pattern: templatePattern(key.slice(key.indexOf(' ') + 1)) }));
  const found = new Map<string, RequestExample[]>();
  for (const scenario of await listScenarios(dir)) {
    const vars = resolveVars(scenario, baseUrl);
    for (const step of scenario.steps) {
      const call = step.step;
      if (call.kind !== 'call' || call.on !== 'sandbox' || call.body === undefined) continue;
      const path = substitute(call.path, vars) as string;
      const bare = path.split('?')[0]!;
      const hit = matchers.find((m) => m.method === call.method && m.pattern.test(bare));
      if (!hit) continue;
      const body = substitute(call.body, vars);
      const list = found.get(hit.key) ?? found.set(hit.key, []).get(hit.key)!;
      const example = { name: kindOf(body), source: `From the scenario library: ${scenario.id}: ${step.title ?? call.method + ' ' + bare}`, path, headers: substitute(call.headers, vars) as Record<string, string>, body };
      const same = list.findIndex((e) => e.name === example.name);
      if (same < 0 && list.length < PER_ROUTE) list.push(example);
      else if (same >= 0 && !complete(list[same]!.body) && complete(body)) list[same] = example;
    }
  }
  // An example with a hole in it is kept only where the route has no complete one.
  for (const [key, list] of found) if (list.some((e) => complete(e.body))) found.set(key, list.filter((e) => complete(e.body)));
  return found;
}

/** What kind of request a body is: the HL7v3 interaction, the FHIR message event, or the resource type. */
function kindOf(body: unknown): string {
  if (typeof body === 'string') return /HCIM_IN_\w+/.exec(body)?.[0] ?? 'example';
  const resource = body as { resourceType?: unknown; entry?: Array<{ resource?: { resourceType?: string; eventCoding?: { code?: string } } }> } | null;
  const event = resource?.resourceType === 'Bundle' ? resource.entry?.find((e) => e.resource?.resourceType === 'MessageHeader')?.resource?.eventCoding?.code : undefined;
  return event ?? (typeof resource?.resourceType === 'string' ? resource.resourceType : 'example');
}

/** True when every placeholder was filled in. */
function complete(body: unknown): boolean {
  return !/\$\{[A-Za-z_]/.test(typeof body === 'string' ? body : JSON.stringify(body));
}

/** A path template as a matcher: each `{name}` stands for one path segment. */
function templatePattern(template: string): RegExp {
  const parts = template.split('/').map((segment) => (segment.startsWith('{') && segment.endsWith('}') ? '[^/]+' : segment.replace(/[.*+?^$()|[\]\\{}]/g, '\\$&')));
  return new RegExp(`^${parts.join('/')}$`);
}

/** The scenario's variables with `${sandbox}` and references between them resolved. */
function resolveVars(scenario: Scenario, baseUrl: string): Record<string, unknown> {
  const vars: Record<string, unknown> = Object.assign(Object.create(null) as object, { sandbox: baseUrl, partner: 'demo', run: 'EXAMPLE' }, scenario.vars);
  for (let round = 0; round < 3; round++) for (const [k, v] of Object.entries(vars)) vars[k] = substitute(v, vars);
  return vars;
}

/** Replaces known placeholders deeply; unknown ones are left as they are. */
function substitute(value: unknown, vars: Record<string, unknown>): unknown {
  if (typeof value === 'string') {
    const whole = /^\$\{([A-Za-z_][\w-]*)\}$/.exec(value);
    if (whole && Object.hasOwn(vars, whole[1]!) && typeof vars[whole[1]!] !== 'string') return vars[whole[1]!];
    return value.replace(PLACEHOLDER, (m, name: string) => (Object.hasOwn(vars, name) ? String(typeof vars[name] === 'string' ? vars[name] : JSON.stringify(vars[name])) : m));
  }
  if (Array.isArray(value)) return value.map((v) => substitute(v, vars));
  if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, substitute(v, vars)]));
  return value;
}

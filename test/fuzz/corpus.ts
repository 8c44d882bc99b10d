// Valid request bodies to mutate: every sandbox call in the scenario library, the PLR template fixture, and an Ocean message.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

export interface Seed {
  method: string;
  /** Concrete path below the sandbox base URL (variables filled in where the scenario names them). */
  path: string;
  headers: Record<string, string>;
  /** Parsed JSON, or text (XML, form bodies). */
  body?: unknown;
}

const REPO = fileURLToPath(new URL('../..', import.meta.url));

function* yamlFiles(dir: string): Generator<string> {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) yield* yamlFiles(p);
    else if (e.name.endsWith('.yaml')) yield p;
  }
}

/** `${name}` filled from the scenario's vars (the sandbox URL becomes the path root); unknown names stay as they are. */
function fill(value: unknown, vars: Record<string, unknown>): unknown {
  if (typeof value === 'string') return value.replace(/\$\{([A-Za-z0-9_]+)\}/g, (m, name: string) => (name === 'sandbox' ? '' : typeof vars[name] === 'string' ? fill(vars[name], vars) as string : m));
  if (Array.isArray(value)) return value.map((v) => fill(v, vars));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fill(v, vars)]));
  return value;
}

/** Every `call` step aimed at the sandbox, in every scenario of the library. */
export function scenarioSeeds(dir = join(REPO, 'scenarios')): Seed[] {
  const seeds: Seed[] = [];
  for (const file of yamlFiles(dir)) {
    const doc = parse(readFileSync(file, 'utf8')) as { vars?: Record<string, unknown>; steps?: unknown[] } | null;
    const vars = doc?.vars ?? {};
    for (const step of doc?.steps ?? []) {
      const call = (step as { call?: Record<string, unknown> } | null)?.call;
      if (!call || typeof call.path !== 'string' || call.on === 'target') continue;
      const body = typeof call.body === 'string' ? call.body.trim() : call.body;
      seeds.push({ method: typeof call.method === 'string' ? call.method : 'GET', path: fill(call.path, vars) as string, headers: (fill(call.headers ?? {}, vars) as Record<string, string>), body: fill(body, vars) });
    }
  }
  return seeds;
}

/** Bodies the scenarios do not carry: the Ministry's PLR template and an Ocean inbound message. */
export function fixtureSeeds(): Seed[] {
  const template = JSON.parse(readFileSync(join(REPO, 'test/plr/fixtures/plr-maintain-add-practitioner-request-template.json'), 'utf8')) as unknown;
  const ocean = {
    resourceType: 'Bundle',
    type: 'message',
    entry: [
      { fullUrl: 'urn:uuid:h1', resource: { resourceType: 'MessageHeader', id: 'h1', eventCoding: { system: 'http://ehealthontario.ca/fhir/CodeSystem/message-event-code', code: 'notify-update-process-request' }, source: { endpoint: 'https://pos.example/fhir' }, focus: [{ reference: 'Task/t1' }] } },
      { fullUrl: 'urn:uuid:t1', resource: { resourceType: 'Task', id: 't1', status: 'accepted', intent: 'order', basedOn: [{ reference: 'ServiceRequest/REF-1' }] } },
    ],
  };
  return [
    { method: 'POST', path: '/plr/HSA-web/fhir-rs/$maintain', headers: { UserId: 'demo@IDIR' }, body: template },
    { method: 'POST', path: '/ocean/svc/fhir/v1/$process-messages', headers: {}, body: ocean },
    { method: 'POST', path: '/pos/receiver/$process-message', headers: {}, body: ocean },
    { method: 'POST', path: '/auth/realms/moh_applications/protocol/openid-connect/token', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'grant_type=client_credentials&client_id=demo-pos&client_secret=demo-secret' },
  ];
}

export function allSeeds(): Seed[] {
  return [...scenarioSeeds(), ...fixtureSeeds()];
}

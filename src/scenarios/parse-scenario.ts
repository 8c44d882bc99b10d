// Turns the parsed YAML of a scenario file into a typed Scenario, or says exactly what is wrong and where.
import { parseDuration } from '../clock/index.js';
import type { AssertStep, CallStep, ExpectStep, FaultStep, Priority, Scenario, ScenarioStep, SendStep, Step, UseCaseList, UseCaseRef } from './types.js';

const PRIORITIES: readonly Priority[] = ['Required', 'Strongly recommended', 'Desirable'];
const LISTS: readonly UseCaseList[] = ['sender', 'receiver', 'general', 'distribution', 'maintain', 'batch', 'query', 'hcim'];
const ROLES = ['sender', 'receiver', 'general', 'subscriber', 'registry-client'] as const;
const SYSTEMS = ['ocean', 'plr', 'hcim'] as const;
const STEP_KINDS = ['send', 'expect', 'call', 'advance', 'fault', 'assert', 'narrate'] as const;
const ID = /^[a-z0-9][a-z0-9-]{2,80}$/;

/** Thrown with every problem found, each prefixed by its path in the file. */
export class ScenarioFormatError extends Error {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(`${file}: ${problems.length} problem(s)\n  ${problems.join('\n  ')}`);
  }
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Validates a scenario document (as YAML parsed it). The rules match scenarios/schema.json; the
 * schema serves editors, this function serves the runner with messages that name the field.
 */
export function parseScenario(doc: unknown, file = '<scenario>'): Scenario {
  const problems: string[] = [];
  const bad = (path: string, msg: string) => problems.push(`${path}: ${msg}`);
  if (!isObj(doc)) throw new ScenarioFormatError(file, ['the file must hold a mapping with id, title, system, role, useCases and steps']);
  const known = new Set(['id', 'title', 'description', 'system', 'role', 'useCases', 'vars', 'steps', 'tags']);
  for (const k of Object.keys(doc)) if (!known.has(k)) bad(k, `unknown field (expected one of ${[...known].join(', ')})`);
  const str = (path: string, v: unknown, required = true): string | undefined => {
    if (v === undefined && !required) return undefined;
    if (typeof v !== 'string' || v.trim() === '') bad(path, 'must be a non-empty string');
    return typeof v === 'string' ? v : undefined;
  };
  const id = str('id', doc.id) ?? '';
  if (id && !ID.test(id)) bad('id', 'must be lower-case letters, digits and dashes (3-81 characters)');
  const system = oneOf('system', doc.system, SYSTEMS, bad);
  const role = oneOf('role', doc.role, ROLES, bad);
  const useCases: UseCaseRef[] = [];
  if (!Array.isArray(doc.useCases) || doc.useCases.length === 0) bad('useCases', 'must list at least one use case {name, list, priority}');
  else
    doc.useCases.forEach((u, i) => {
      const p = `useCases[${i}]`;
      if (!isObj(u)) return bad(p, 'must be a mapping {name, list, priority}');
      const name = str(`${p}.name`, u.name);
      const list = oneOf(`${p}.list`, u.list, LISTS, bad);
      const priority = oneOf(`${p}.priority`, u.priority, PRIORITIES, bad);
      if (name && list && priority) useCases.push({ name, list, priority });
    });
  const steps: ScenarioStep[] = [];
  if (!Array.isArray(doc.steps) || doc.steps.length === 0) bad('steps', 'must list at least one step');
  else doc.steps.forEach((s, i) => {
    const step = parseStep(`steps[${i}]`, s, bad);
    if (step) steps.push({ index: i, title: isObj(s) && typeof s.title === 'string' ? s.title : undefined, step });
  });
  if (doc.vars !== undefined && !isObj(doc.vars)) bad('vars', 'must be a mapping of names to values');
  if (doc.tags !== undefined && !(Array.isArray(doc.tags) && doc.tags.every((t) => typeof t === 'string'))) bad('tags', 'must be a list of strings');
  if (problems.length) throw new ScenarioFormatError(file, problems);
  return {
    id,
    title: doc.title as string,
    description: typeof doc.description === 'string' ? doc.description : undefined,
    system: system!,
    role: role!,
    useCases,
    vars: isObj(doc.vars) ? doc.vars : {},
    steps,
    tags: (doc.tags as string[] | undefined) ?? [],
    file,
  };

  function parseStep(path: string, raw: unknown, bad: (p: string, m: string) => void): Step | undefined {
    if (!isObj(raw)) return void bad(path, `must be a mapping with one of ${STEP_KINDS.join(', ')}`);
    const kinds = Object.keys(raw).filter((k) => (STEP_KINDS as readonly string[]).includes(k));
    const extra = Object.keys(raw).filter((k) => k !== 'title' && !kinds.includes(k));
    if (kinds.length !== 1) return void bad(path, `must have exactly one of ${STEP_KINDS.join(', ')} (found ${kinds.length ? kinds.join(', ') : 'none'})`);
    if (extra.length) bad(path, `unknown field(s) ${extra.join(', ')}`);
    const kind = kinds[0] as Step['kind'];
    const body = raw[kind];
    const p = `${path}.${kind}`;
    switch (kind) {
      case 'narrate':
        return typeof body === 'string' && body.trim() ? { kind, text: body } : void bad(p, 'must be the text to show');
      case 'advance':
        return duration(p, body) ? { kind, duration: body as string } : undefined;
      case 'send':
        return parseSend(p, body);
      case 'expect':
        return parseExpect(p, body);
      case 'call':
        return parseCall(p, body);
      case 'fault':
        return parseFault(p, body);
      case 'assert':
        return parseAssert(p, body);
    }
  }

  function duration(p: string, v: unknown): boolean {
    if (typeof v === 'string' && parseDuration(v) !== undefined) return true;
    bad(p, `must be an ISO 8601 duration such as PT1H or P4D, not ${JSON.stringify(v)}`);
    return false;
  }

  function captures(p: string, v: unknown): Record<string, string> {
    if (v === undefined) return {};
    if (!isObj(v) || !Object.values(v).every((x) => typeof x === 'string')) {
      bad(p, 'must map capture names to FHIRPath expressions');
      return {};
    }
    return v as Record<string, string>;
  }

  function status(p: string, v: unknown): number | string | undefined {
    if (v === undefined) return undefined;
    if ((typeof v === 'number' && Number.isInteger(v) && v >= 100 && v <= 599) || (typeof v === 'string' && /^[1-5]xx$/.test(v))) return v;
    bad(p, 'must be an HTTP status (e.g. 200) or a class (e.g. 2xx)');
    return undefined;
  }

  function parseSend(p: string, b: unknown): SendStep | undefined {
    if (!isObj(b)) return void bad(p, 'must be a mapping {as, message, with?, capture?}');
    const as = oneOf(`${p}.as`, b.as, SYSTEMS, bad);
    const message = str(`${p}.message`, b.message);
    if (b.with !== undefined && !isObj(b.with)) bad(`${p}.with`, 'must be a mapping');
    if (!as || !message) return undefined;
    return { kind: 'send', as, message, with: isObj(b.with) ? b.with : {}, capture: captures(`${p}.capture`, b.capture) };
  }

  function parseExpect(p: string, b: unknown): ExpectStep | undefined {
    if (!isObj(b)) return void bad(p, 'must be a mapping {system, event?, path?, where?, within, ...}');
    const systemName = str(`${p}.system`, b.system);
    const direction = b.direction === undefined ? 'inbound' : oneOf(`${p}.direction`, b.direction, ['inbound', 'outbound'] as const, bad);
    const within = b.within === undefined ? 'PT1H' : b.within;
    duration(`${p}.within`, within);
    const tick = b.tick === undefined ? 'PT1M' : b.tick;
    duration(`${p}.tick`, tick);
    for (const k of ['method', 'path', 'event', 'where', 'referral'] as const) str(`${p}.${k}`, b[k], false);
    if (!systemName || !direction) return undefined;
    return {
      kind: 'expect',
      system: systemName,
      direction,
      method: b.method as string | undefined,
      path: b.path as string | undefined,
      event: b.event as string | undefined,
      where: b.where as string | undefined,
      referral: b.referral as string | undefined,
      status: status(`${p}.status`, b.status),
      within: within as string,
      tick: tick as string,
      capture: captures(`${p}.capture`, b.capture),
      absent: b.absent === true,
    };
  }

  function parseCall(p: string, b: unknown): CallStep | undefined {
    if (!isObj(b)) return void bad(p, 'must be a mapping {method, path, body?, status?, capture?}');
    const method = b.method === undefined ? 'GET' : oneOf(`${p}.method`, b.method, ['GET', 'POST', 'PUT', 'DELETE'] as const, bad);
    const path = str(`${p}.path`, b.path);
    const on = b.on === undefined ? 'sandbox' : oneOf(`${p}.on`, b.on, ['sandbox', 'target'] as const, bad);
    if (b.headers !== undefined && !isObj(b.headers)) bad(`${p}.headers`, 'must map header names to values');
    if (b.auth !== undefined && b.auth !== 'partner') bad(`${p}.auth`, 'must be "partner" (a bearer token for the partner under test)');
    if (!method || !path || !on) return undefined;
    return {
      kind: 'call',
      on,
      method,
      path,
      body: b.body,
      headers: isObj(b.headers) ? (b.headers as Record<string, string>) : {},
      auth: b.auth === 'partner' ? 'partner' : undefined,
      status: status(`${p}.status`, b.status),
      capture: captures(`${p}.capture`, b.capture),
    };
  }

  function parseFault(p: string, b: unknown): FaultStep | undefined {
    if (b === 'clear') return { kind: 'fault', seam: '', effect: { kind: 'drop' }, partnerOnly: false, clear: true };
    if (!isObj(b)) return void bad(p, 'must be a mapping {seam, status | drop | latency | malformed, times?} or "clear"');
    const seam = str(`${p}.seam`, b.seam);
    let effect: FaultStep['effect'] | undefined;
    if (typeof b.status === 'number') effect = { kind: 'status', status: b.status };
    else if (b.drop === true) effect = { kind: 'drop' };
    else if (typeof b.latency === 'number') effect = { kind: 'latency', ms: b.latency };
    else if (b.malformed !== undefined) effect = { kind: 'malformed', body: typeof b.malformed === 'string' ? b.malformed : undefined };
    else bad(p, 'needs one effect: status: <code>, drop: true, latency: <ms> or malformed: <body|true>');
    if (b.times !== undefined && !(Number.isInteger(b.times) && (b.times as number) > 0)) bad(`${p}.times`, 'must be a whole number above 0');
    if (!seam || !effect) return undefined;
    return { kind: 'fault', seam, effect, times: b.times as number | undefined, partnerOnly: b.partnerOnly !== false, clear: false };
  }

  function parseAssert(p: string, b: unknown): AssertStep | undefined {
    if (!isObj(b)) return void bad(p, 'must be a mapping {capture | journal | get, fhirpath, equals?}');
    const sources = ['capture', 'journal', 'get'].filter((k) => b[k] !== undefined);
    if (sources.length !== 1) return void bad(p, 'needs exactly one source: capture: <name>, journal: <entry id>, or get: <sandbox path>');
    const expression = str(`${p}.fhirpath`, b.fhirpath);
    const part = b.part === undefined ? 'request' : oneOf(`${p}.part`, b.part, ['request', 'response', 'entry'] as const, bad);
    if (!expression || !part) return undefined;
    const source: AssertStep['source'] =
      b.capture !== undefined ? { capture: String(b.capture) } : b.journal !== undefined ? { journal: String(b.journal), part } : { get: String(b.get) };
    return { kind: 'assert', source, expression, equals: b.equals, exists: typeof b.exists === 'boolean' ? b.exists : undefined, message: typeof b.message === 'string' ? b.message : undefined };
  }
}

function oneOf<T extends string>(path: string, v: unknown, allowed: readonly T[], bad: (p: string, m: string) => void): T | undefined {
  if (typeof v === 'string' && (allowed as readonly string[]).includes(v)) return v as T;
  bad(path, `must be one of ${allowed.map((a) => JSON.stringify(a)).join(', ')}, not ${JSON.stringify(v)}`);
  return undefined;
}

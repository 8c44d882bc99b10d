// `scenario record`: what a partner's POS did by hand (its calls, and what the sandbox sent it) as a scenario in the library's format.
import type { JournalEntry } from '../../journal/index.js';
import { isOwnExchange, judgeAnswer } from '../conformance/evidence.js';
import { parseScenarioText } from '../load-scenario.js';
import { lazyPackage } from '../../lazy-package.js';
import type { Scenario, UseCaseRef } from '../types.js';
import { stepsFor, useCaseOf, type RecordedStep } from './exchange-steps.js';

/** The YAML library loads with the first recording, not at start. */
const yamlLib = lazyPackage<typeof import('yaml')>('yaml');

export interface RecordOptions {
  partner: string;
  /** The sandbox's base URL (tells the partner's own exchanges from the reference POS's). */
  sandbox: string;
  id: string;
  /** Where the recording came from, for the file's header comment. */
  source: string;
  /** The partner's own endpoints (`--webhook`): on a shared partner, the sandbox's deliveries elsewhere are another vendor's. */
  ownEndpoints?: readonly string[];
}

export interface Recording {
  /** The scenario file's text (validated by the library's own parser). */
  yaml: string;
  scenario: Scenario;
  /** Journal ids the recording is made of. */
  entries: string[];
  warnings: string[];
}

export class NothingToRecordError extends Error {}

/** Plumbing that is not part of a flow: token requests and Ocean's challenge when a webhook is registered. */
function isPlumbing(e: JournalEntry): boolean {
  if (e.system === 'auth' || /\/oauth2\/token|\/openid-connect\/token/.test(e.url)) return true;
  return e.direction === 'outbound' && /^\s*\{\s*"challenge"/.test(e.request.body ?? '');
}

/** One delivery retried is one exchange: its last attempt says how it ended. */
function lastAttempts(entries: JournalEntry[]): JournalEntry[] {
  const last = new Map<string, JournalEntry>();
  for (const e of entries) last.set(e.correlation.delivery ? `d:${e.correlation.delivery}` : `j:${e.id}`, e);
  const keep = new Set([...last.values()].map((e) => e.id));
  return entries.filter((e) => keep.has(e.id));
}

/** Why an exchange was refused: its status, or a refusal inside its 2xx answer (see judgeAnswer). */
function refusalOf(e: JournalEntry): string | undefined {
  if (e.status === undefined) return e.error ?? 'no answer';
  if (e.status >= 400) return `HTTP ${e.status}`;
  return e.status >= 200 && e.status < 300 ? judgeAnswer(e).refusal : undefined;
}

/**
 * Turns the partner's exchanges, oldest first, into a scenario: `send` steps for the referrals and cancellations
 * Ocean sent it, `expect` steps for everything else (its calls, Ocean's echoes, registry deliveries), volatile
 * ids captured (`${ref}`) or matched by pattern, so the flow replays against the same POS and fails readably when
 * the POS changes behaviour.
 */
export function recordSession(journal: JournalEntry[], options: RecordOptions): Recording {
  const mine = lastAttempts(journal.filter((e) => !isPlumbing(e) && isOwnExchange(e, options.partner, options.sandbox, options.ownEndpoints))).sort((a, b) => a.seq - b.seq);
  if (!mine.length) throw new NothingToRecordError(`the journal holds no exchange with partner "${options.partner}"'s own system in that span (calls it made, or deliveries to its own endpoints)`);
  const steps: RecordedStep[] = [];
  const warnings: string[] = [];
  const useCases = new Map<string, UseCaseRef>();
  let referral = false;
  for (const e of mine) {
    const r = stepsFor(e, referral);
    steps.push(...r.steps);
    referral ||= Boolean(r.referral);
    if (r.warning) warnings.push(r.warning);
    const refused = refusalOf(e);
    const u = useCaseOf(e);
    // A refused exchange is replayed as it happened, but shows no use case: the recording does not claim it.
    if (refused) warnings.push(`journal #${e.id} (${e.method} ${e.url}) was refused (${refused}): the replay expects the refusal again, and the recording claims no use case for it${u ? ` ("${u.name}")` : ''}`);
    else if (u) useCases.set(`${u.list}|${u.name}`, u);
  }
  const systems = mine.map((e) => e.system).filter((s): s is 'ocean' | 'plr' | 'hcim' => s === 'ocean' || s === 'plr' || s === 'hcim');
  const system = (['ocean', 'plr', 'hcim'] as const).map((s) => [s, systems.filter((x) => x === s).length] as const).sort((a, b) => b[1] - a[1])[0]![0];
  const doc = {
    id: options.id,
    title: `Recorded session of ${options.partner} (journal #${mine[0]!.id} to #${mine[mine.length - 1]!.id})`,
    description: `Recorded from ${options.source}. Replay: hie-sandbox scenario run <this file> --partner ${options.partner} --no-driver`,
    system,
    role: referral ? 'receiver' : system === 'ocean' ? 'general' : 'registry-client',
    useCases: useCases.size ? [...useCases.values()] : [{ name: 'Recorded session', list: 'general', priority: 'Desirable' }],
    tags: ['recorded'],
    steps,
  };
  const yaml = `# Recorded by hie-sandbox scenario record (the format: scenarios/schema.json of hie-sandbox).\n${yamlLib().stringify(doc, { lineWidth: 0 })}`;
  return { yaml, scenario: parseScenarioText(yaml, `${options.id}.yaml`), entries: mine.map((e) => e.id), warnings };
}

// The conformance report, shaped like the DRO Release Information Worksheet: use case, priority, result, evidence, status map.
import type { JournalEntry } from '../../journal/index.js';
import type { RunReport, ScenarioResult } from '../run-scenarios.js';
import type { Priority, Scenario, UseCaseList, UseCaseRef } from '../types.js';
import { CONTEXTUAL_LAUNCH, sameUseCase } from '../record/exchange-steps.js';
import { exchangesOf, isOwnExchange, type Exchange } from './evidence.js';
import { buildStatusMap, type StatusMapRow } from './status-map.js';
import { USE_CASES, useCaseKey } from './use-cases.js';

/**
 * `Not verified`: passed, but nothing the partner's own system did decided it, checks were skipped, or the sandbox
 * accepted a partner's message leniently; `Not run`: no scenario of the run covers it.
 */
export type WorksheetResult = 'Pass' | 'Fail' | 'Not verified' | 'Not run';

/** `partner`: only exchanges with the partner's own endpoints count. `reference`: the sandbox's reference POS, labelled as not a partner's evidence. */
export type WorksheetMode = 'partner' | 'reference';

export const REFERENCE_LABEL = 'reference POS — not a partner\'s evidence';

export interface WorksheetRow {
  list: UseCaseList;
  useCase: string;
  priority: Priority;
  result: WorksheetResult;
  scenarios: string[];
  /** Journal ids (kept for readers of the JSON report). */
  evidence: string[];
  /** The exchanges that decided the row, embedded so the report outlives the sandbox. */
  exchanges: Exchange[];
  message?: string;
  /** For Not run: the command that registers what is missing. */
  command?: string;
  note?: string;
}

/** A scenario the run left out, and why. */
export interface NotRunScenario {
  scenario: Scenario;
  reason: string;
  command: string;
}

export interface SandboxInfo {
  url: string;
  version: string;
  seed?: number;
  /** `running` (the sandbox at --url) or `in-process` (started by the command, gone when it ends). */
  where: 'running' | 'in-process';
}

export interface Worksheet {
  partner: string;
  mode: WorksheetMode;
  sandbox: SandboxInfo;
  /** Wall-clock time the worksheet was written. */
  generatedAt: string;
  /** The run's simulated time span. */
  simulated: { start: string; end?: string };
  /** The real time each expect step kept looking once its simulated window was over (ISO 8601), `absent` checks included. */
  patience?: string;
  rows: WorksheetRow[];
  statusMap: StatusMapRow[];
  unsupportedStatuses: Array<{ value: string; journal: string; status?: number }>;
}

export interface WorksheetInput {
  report: RunReport;
  /** The run's journal entries (every exchange since the run started). */
  journal: JournalEntry[];
  mode: WorksheetMode;
  sandbox: SandboxInfo;
  generatedAt: string;
  lists?: readonly UseCaseList[];
  notRun?: NotRunScenario[];
  /** The run's real-time patience (ISO 8601), recorded on the worksheet. */
  patience?: string;
  /**
   * Ids of the run's scenarios that are not the library's own (a recording, a hand-written or edited file): in partner
   * mode they count only for the use cases their exchanges with the partner's system show.
   */
  outsideLibrary?: ReadonlySet<string>;
  /** The partner's own endpoints (webhook, registry endpoints): in partner mode, deliveries elsewhere are not its evidence. */
  ownEndpoints?: readonly string[];
}

const LIST_TITLES: Record<UseCaseList, string> = {
  sender: '"Sender" eReferrals Use Cases (PHSA DRO Integration Resources Overview)',
  receiver: '"Receiver" eReferrals Use Cases (PHSA DRO Integration Resources Overview)',
  general: 'General Use Cases (PHSA DRO Integration Resources Overview)',
  distribution: 'PLR Distributions (PLR FHIR IG, Use Cases)',
  maintain: 'PLR Maintain (PLR FHIR IG, Use Cases)',
  batch: 'PLR Batch (PLR FHIR IG, Use Cases)',
  query: 'PLR Queries (PLR FHIR IG, Use Cases)',
  hcim: 'HCIM operations (BC Client Registry FHIR IG)',
};
export const listTitle = (l: UseCaseList) => LIST_TITLES[l];

const RANK: Record<WorksheetResult, number> = { 'Not run': 0, Pass: 1, 'Not verified': 2, Fail: 3 };

/** An exchange of the partner's own system that decided a step which passed: what a row's verdict rests on. */
const decidedForPartner = (x: Exchange): boolean => x.own && x.outcome === 'passed';

/**
 * One scenario's verdict: in partner mode a pass needs at least one decisive exchange with the partner's own system,
 * and none of the partner's exchanges that decided a step may have been refused (a recorded flow replays what
 * happened, a 422 included: that the refusal happened again is no evidence of conformance).
 */
function verdict(r: ScenarioResult, exchanges: Exchange[], mode: WorksheetMode, partner: string): { result: WorksheetResult; message?: string } {
  if (r.status !== 'passed') return { result: 'Fail', message: r.message };
  const refused = mode === 'partner' ? exchanges.find((x) => decidedForPartner(x) && (x.refusal || !(x.status !== undefined && x.status >= 200 && x.status < 300))) : undefined;
  if (refused) {
    const answer = refused.refusal ? `${refused.status} with ${refused.refusal}` : `${refused.status ?? 'with no status (a network error)'}, not 2xx`;
    return { result: 'Fail', message: `${r.id}: journal #${refused.journal} ${refused.method} ${refused.url} was answered ${answer}: a refused exchange is no evidence of conformance` };
  }
  if (mode === 'partner' && !exchanges.some(decidedForPartner)) {
    return { result: 'Not verified', message: `${r.id}: no exchange with ${partner}'s own system decided it (only the runner's calls or the sandbox's reference POS)` };
  }
  const unreadable = mode === 'partner' ? exchanges.find((x) => decidedForPartner(x) && x.unreadable) : undefined;
  if (unreadable) return { result: 'Not verified', message: `${r.id}: journal #${unreadable.journal} ${unreadable.method} ${unreadable.url}: ${unreadable.unreadable}` };
  // The sandbox took what the real system may refuse: the exchange shows the flow, not that the partner's message conforms.
  const lenient = mode === 'partner' ? exchanges.find((x) => decidedForPartner(x) && x.lenient) : undefined;
  if (lenient) {
    return { result: 'Not verified', message: `${r.id}: journal #${lenient.journal} ${lenient.method} ${lenient.url} was accepted leniently (${lenient.lenient}); the real system may refuse it, so send it as the specification has it` };
  }
  if (mode === 'partner' && r.launches && !exchanges.some((x) => decidedForPartner(x) && x.shows && sameUseCase(x.shows, CONTEXTUAL_LAUNCH))) {
    return { result: 'Not verified', message: `${r.id}: the scenario launches Ocean from the POS, but Ocean read no chart (Patient/$everything) from ${partner}'s own EHR: the launch was not the partner's` };
  }
  if (r.unverified > 0) return { result: 'Not verified', message: `${r.id}: ${r.unverified} check(s) skipped without a driver; verify them in your POS` };
  return { result: 'Pass' };
}

/**
 * A scenario from outside the library names its use cases itself: in partner mode, it counts for a use case only when
 * one of the partner's exchanges that decided a step shows that use case (see useCaseOf), so a file cannot claim what
 * its exchanges do not show.
 */
function claimedOnly(r: ScenarioResult, u: UseCaseRef, exchanges: Exchange[], partner: string): string | undefined {
  const shown = exchanges.filter((x) => decidedForPartner(x) && x.shows).map((x) => x.shows!);
  if (shown.some((s) => sameUseCase(s, u))) return undefined;
  const names = [...new Set(shown.map((s) => s.name))].join(', ') || 'none';
  return `${r.id} is not one of the library's scenarios, so it counts only for the use cases its exchanges with ${partner}'s system show (${names}), and none shows "${u.name}"`;
}

/**
 * Which way the partner's own part of a use case goes: `inbound`, its system calls the sandbox (sends a status, an
 * appointment, a maintain, a query, fetches a document); `outbound`, the sandbox calls it (a referral or an update
 * delivered to its webhook, a distribution, a notification, Ocean reading its EHR at a launch). Every sender row is
 * outbound: Ocean takes no event message from the sending POS, which acts through the launch and the portal. A use
 * case not listed (the general list's) may be shown either way.
 */
const PARTNER_SIDE: ReadonlyMap<string, 'inbound' | 'outbound' | 'portal'> = new Map([
  ...(['Receive New Service Request', 'Receive Service Request Cancellation', 'Contextual Launch into Ocean'] as const).map((n) => [`receiver|${n}`, 'outbound'] as const),
  ...(['Send Service Request Status', 'Send Appointment Details (New)', 'Send Appointment Details (Updates)', 'Send Data Correction Notification', 'Exchange Communications', 'Receive and attach supporting documentation to a referral'] as const).map((n) => [`receiver|${n}`, 'inbound'] as const),
  ...(['Contextual Launch into Ocean', 'Initiate New Service Request', 'Update Existing Service Request', 'Receive and Process Status Updates Existing Service Requests', 'Confirm completion of the Service Request', 'Receive and Process Appointment Details (New)', 'Receive and Process Appointment Details (Updates)', 'Receive Data Corrections Notifications', 'Send Supporting Information and attachments', 'Exchange Communications'] as const).map((n) => [`sender|${n}`, 'outbound'] as const),
  // `portal`: done in Ocean's UI, with nothing sent to the partner's system. Only the sender cancels, in Ocean's UI,
  // and a cancel sends the sending POS no update (PB).
  ['sender|Cancel the Service Request', 'portal'],
  ['distribution|Distributions', 'outbound'],
  ['maintain|Maintain', 'inbound'],
  ['batch|Batch', 'inbound'],
  ['query|Queries', 'inbound'],
  ...(['GetDemographics', 'FindCandidates', 'AddPatient', 'RevisePatient', 'UpdatePatient', 'MergePatient'] as const).map((n) => [`hcim|${n}`, 'inbound'] as const),
  ['hcim|Patient change notifications', 'outbound'],
  ['hcim|.Async operations', 'outbound'],
]);

/**
 * A library scenario counts for a use case only when one of the partner's own exchanges that decided a step goes
 * the use case's way (PARTNER_SIDE): a webhook delivery the partner's endpoint answered does not show that its POS
 * sent the statuses or appointments the row is about, when those came from the sandbox's reference POS.
 */
function notFromPartnerSide(r: ScenarioResult, u: UseCaseRef, exchanges: Exchange[], partner: string): string | undefined {
  const side = PARTNER_SIDE.get(useCaseKey(u));
  if (side === 'portal') {
    return `${r.id}: "${u.name}" is done in Ocean's portal, and Ocean sends ${partner}'s system nothing about it, so no exchange of that system shows it: check it by hand in your POS's workflow`;
  }
  if (!side || exchanges.some((x) => decidedForPartner(x) && x.direction === side)) return undefined;
  return `${r.id}: no exchange of ${partner}'s own system ${side === 'inbound' ? 'calling the sandbox' : 'answering the sandbox'} decided it, and "${u.name}" is shown that way (the ${side === 'inbound' ? 'calls' : 'answers'} came from the runner or the sandbox's reference POS)`;
}

/**
 * One row per use case of the catalogue in the lists the run touched (plus any other a scenario names).
 * The worst scenario decides a row: Fail, then Not verified, then Pass; Not run when none ran.
 */
export function buildWorksheet(input: WorksheetInput): Worksheet {
  const { report, mode } = input;
  const journal = new Map(input.journal.map((e) => [e.id, e]));
  const notRun = input.notRun ?? [];
  const touched = new Set<UseCaseList>(input.lists ?? [...report.results, ...notRun.map((n) => n.scenario)].flatMap((r) => r.useCases.map((u) => u.list)));
  const rows = new Map<string, WorksheetRow>();
  const rowOf = (u: { list: UseCaseList; name: string; priority: Priority }) => {
    const key = useCaseKey(u);
    if (!rows.has(key)) rows.set(key, { list: u.list, useCase: u.name, priority: u.priority, result: 'Not run', scenarios: [], evidence: [], exchanges: [] });
    return rows.get(key)!;
  };
  for (const u of USE_CASES.filter((x) => touched.has(x.list))) rowOf(u).note = u.note;
  for (const r of report.results) {
    const exchanges = exchangesOf(r, journal, report.partner, input.sandbox.url, input.ownEndpoints);
    const scenarioVerdict = verdict(r, exchanges, mode, report.partner);
    const outside = mode === 'partner' && input.outsideLibrary?.has(r.id);
    for (const u of r.useCases.filter((x) => touched.has(x.list))) {
      const row = rowOf(u);
      row.scenarios.push(r.id);
      row.evidence.push(...exchanges.map((x) => x.journal));
      row.exchanges.push(...exchanges);
      const unshown = scenarioVerdict.result !== 'Pass' || mode !== 'partner' ? undefined : outside ? claimedOnly(r, u, exchanges, report.partner) : notFromPartnerSide(r, u, exchanges, report.partner);
      const v = unshown ? { result: 'Not verified' as const, message: unshown } : scenarioVerdict;
      if (RANK[v.result] > RANK[row.result]) [row.result, row.message] = [v.result, v.message];
    }
  }
  for (const n of notRun) {
    for (const u of n.scenario.useCases.filter((x) => touched.has(x.list))) {
      const row = rowOf(u);
      if (row.result !== 'Not run' || row.message) continue;
      [row.message, row.command] = [n.reason, n.command];
    }
  }
  const order = Object.keys(LIST_TITLES);
  const prio = ['Required', 'Strongly recommended', 'Desirable'];
  const catalogue = USE_CASES.map(useCaseKey);
  const rank = (r: WorksheetRow) => (catalogue.indexOf(useCaseKey({ list: r.list, name: r.useCase })) + catalogue.length + 1) % (catalogue.length + 1);
  const sorted = [...rows.values()].sort((a, b) => order.indexOf(a.list) - order.indexOf(b.list) || prio.indexOf(a.priority) - prio.indexOf(b.priority) || rank(a) - rank(b));
  // The Task.status map: what the partner's own POS sent (the reference POS's messages count only in reference mode).
  const oceanInbound = input.journal.filter((e) => e.system === 'ocean' && e.direction === 'inbound' && (mode === 'reference' ? !e.partner || e.partner === report.partner : isOwnExchange(e, report.partner, input.sandbox.url, input.ownEndpoints)));
  const { rows: statusMap, unsupported } = buildStatusMap(oceanInbound);
  return { partner: report.partner, mode, sandbox: input.sandbox, generatedAt: input.generatedAt, simulated: { start: report.startedAt, end: report.endedAt }, ...(input.patience ? { patience: input.patience } : {}), rows: sorted, statusMap, unsupportedStatuses: unsupported };
}

/**
 * The rows that make `conformance` exit 1: a Required use case without a Pass (failed, not verified or not run), and
 * any use case that Failed, whatever its priority (a demonstrated defect; a list without Required rows exited 0 with
 * every row failed).
 */
export function blockingRows(w: Worksheet): WorksheetRow[] {
  return w.rows.filter((r) => (r.priority === 'Required' && r.result !== 'Pass') || r.result === 'Fail');
}

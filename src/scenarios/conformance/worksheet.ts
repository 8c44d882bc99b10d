// The conformance report, shaped like the DRO Release Information Worksheet: use case, priority, result, evidence, status map.
import type { JournalEntry } from '../../journal/index.js';
import type { RunReport } from '../run-scenarios.js';
import type { Priority, UseCaseList } from '../types.js';
import { buildStatusMap, type StatusMapRow } from './status-map.js';

export interface WorksheetRow {
  list: UseCaseList;
  useCase: string;
  priority: Priority;
  result: 'Pass' | 'Fail' | 'Not run';
  scenarios: string[];
  evidence: string[];
  message?: string;
}

export interface Worksheet {
  partner: string;
  sandbox: string;
  generatedAt: string;
  rows: WorksheetRow[];
  statusMap: StatusMapRow[];
  unsupportedStatuses: Array<{ value: string; journal: string; status?: number }>;
}

const LIST_TITLES: Record<UseCaseList, string> = {
  sender: '"Sender" eReferrals Use Cases (seed 003)',
  receiver: '"Receiver" eReferrals Use Cases (seed 003)',
  general: 'General Use Cases (seed 003)',
  distribution: 'PLR Distributions (seed 004)',
  maintain: 'PLR Maintain (seed 004)',
  batch: 'PLR Batch (seed 004)',
  query: 'PLR Queries (seed 004)',
  hcim: 'HCIM operations (seed 000)',
};
export const listTitle = (l: UseCaseList) => LIST_TITLES[l];

/** One row per use case; a use case passes only when every scenario covering it passed. */
export function buildWorksheet(report: RunReport, oceanInbound: JournalEntry[], generatedAt: string): Worksheet {
  const rows = new Map<string, WorksheetRow>();
  for (const r of report.results) {
    for (const u of r.useCases) {
      const key = `${u.list}|${u.name}`;
      const row = rows.get(key) ?? { list: u.list, useCase: u.name, priority: u.priority, result: 'Pass' as const, scenarios: [], evidence: [] };
      row.scenarios.push(r.id);
      row.evidence.push(...r.evidence);
      if (r.status !== 'passed') {
        row.result = 'Fail';
        row.message ??= r.message;
      }
      rows.set(key, row);
    }
  }
  const order = Object.keys(LIST_TITLES);
  const prio = ['Required', 'Strongly recommended', 'Desirable'];
  const sorted = [...rows.values()].sort((a, b) => order.indexOf(a.list) - order.indexOf(b.list) || prio.indexOf(a.priority) - prio.indexOf(b.priority));
  const { rows: statusMap, unsupported } = buildStatusMap(oceanInbound.filter((e) => !e.partner || e.partner === report.partner));
  return { partner: report.partner, sandbox: report.sandbox, generatedAt, rows: sorted, statusMap, unsupportedStatuses: unsupported };
}

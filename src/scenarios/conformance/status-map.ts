// The Release Information Worksheet's Task.status → folder map, filled in from what the partner actually sent to Ocean.
import type { JournalEntry } from '../../journal/index.js';
import { journalJson } from '../step-context.js';

/** The rows of the DRO guide's "Statuses" table (docs/use-cases.md#statuses): the folders a value moves a referral to. */
export const STATUS_ROWS: ReadonlyArray<{ sent: string; received: string; value: string; note: string }> = [
  { sent: 'SENT (All)', received: 'NEW', value: 'requested', note: 'no action; stays in New' },
  { sent: 'SENT (All)', received: 'NEW', value: 'received', note: 'no action; stays in New' },
  { sent: 'PENDING BOOKING', received: 'PENDING BOOKING', value: 'accepted', note: '' },
  { sent: 'PENDING BOOKING', received: 'PENDING BOOKING', value: 'in-progress', note: '' },
  { sent: 'PENDING BOOKING', received: 'PENDING BOOKING', value: 'on-hold', note: '' },
  { sent: 'PENDING BOOKING', received: 'PENDING BOOKING', value: 'ready', note: '' },
  { sent: 'BOOKING UNCONFIRMED', received: 'BOOKING UNCONFIRMED', value: 'appointment: tentative', note: 'Appointment message with a valid date' },
  { sent: 'BOOKING CONFIRMED', received: 'BOOKING CONFIRMED', value: 'appointment: accepted', note: 'Appointment message with a valid date' },
  { sent: 'AWAITING RESPONSE', received: 'AWAITING REPLY', value: 'send-communication-from-provider', note: 'a Task message does not move it here' },
  { sent: 'DECLINED', received: 'DECLINED', value: 'rejected', note: 're-openable by sending another status' },
  { sent: 'DECLINED', received: 'DECLINED', value: 'cancelled', note: 'Ocean files it under Declined too (docs/ocean.md#task-status-and-folders)' },
  { sent: 'CANCELLED', received: 'CANCELLED', value: 'n/a', note: 'only the sender cancels, in Ocean' },
  { sent: 'COMPLETED', received: 'COMPLETED', value: 'completed', note: 're-openable' },
  { sent: 'COMPLETED', received: 'COMPLETED', value: 'failed', note: '' },
];

export interface StatusMapRow {
  sent: string;
  received: string;
  value: string;
  note: string;
  /** Journal ids of the partner's messages that used this value, and Ocean's answers. */
  used: Array<{ journal: string; status?: number }>;
}

/** What a `$process-messages` request carried, as worksheet values (Task.status, appointment, communication). */
export function valuesIn(entry: JournalEntry): string[] {
  const b = journalJson(entry, 'request') as { entry?: Array<{ resource?: Record<string, unknown> }> } | undefined;
  const out: string[] = [];
  for (const e of b?.entry ?? []) {
    const r = e.resource ?? {};
    if (r.resourceType === 'Task' && typeof r.status === 'string') out.push(r.status);
    if (r.resourceType === 'Appointment') for (const p of (r.participant as Array<{ status?: string }> | undefined) ?? []) if (p.status) out.push(`appointment: ${p.status}`);
    // The receiver's messages (and the legacy alias) move a referral to Awaiting Reply; the sender's do not.
    const event = r.resourceType === 'MessageHeader' ? (r.eventCoding as { code?: string } | undefined)?.code : undefined;
    if (event === 'send-communication-from-provider' || event === 'send-communication') out.push('send-communication-from-provider');
  }
  return [...new Set(out)];
}

/** Fills the map from the partner's inbound Ocean journal entries; values Ocean does not honour are listed apart. */
export function buildStatusMap(entries: JournalEntry[]): { rows: StatusMapRow[]; unsupported: Array<{ value: string; journal: string; status?: number }> } {
  const rows: StatusMapRow[] = STATUS_ROWS.map((r) => ({ ...r, used: [] }));
  const unsupported: Array<{ value: string; journal: string; status?: number }> = [];
  for (const e of entries.filter((x) => x.url.includes('$process-messages'))) {
    for (const v of valuesIn(e)) {
      const row = rows.find((r) => r.value === v);
      if (row) row.used.push({ journal: e.id, status: e.status });
      else unsupported.push({ value: v, journal: e.id, status: e.status });
    }
  }
  return { rows, unsupported };
}

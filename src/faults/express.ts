// Applies a fault effect to an inbound HTTP exchange (the adapter side of a seam).
import type { Response } from 'express';
import { setTimeout as sleep } from 'node:timers/promises';
import { FAULT_CORRELATION, type JournalLocals } from '../journal/index.js';
import type { FaultEffect } from './faults.js';

/**
 * Marks the exchange, in the journal, as one a simulated fault answered at `seam` (an added latency leaves the
 * answer the system's own): no such exchange is a partner's evidence.
 */
export function markFaulted(effect: FaultEffect, res: Response, seam: string): void {
  if (effect.kind === 'latency') return;
  const locals = res.locals as JournalLocals;
  locals.correlation = { ...locals.correlation, [FAULT_CORRELATION]: seam };
}

/**
 * Applies the effect. Returns true when the response was taken over (status, drop, malformed),
 * false when the request should go on (latency, after waiting).
 */
export async function applyInboundFault(effect: FaultEffect, res: Response): Promise<boolean> {
  switch (effect.kind) {
    case 'latency':
      await sleep(effect.ms);
      return false;
    case 'status':
      res.status(effect.status).type(effect.contentType ?? 'application/fhir+json');
      res.send(effect.body ?? JSON.stringify(faultOutcome(`simulated fault: HTTP ${effect.status}`)));
      return true;
    case 'drop':
      res.socket?.destroy();
      return true;
    case 'malformed':
      res.status(200).type('application/fhir+json').send(effect.body ?? '{"resourceType":"Bundle","type":"mess');
      return true;
  }
}

function faultOutcome(diagnostics: string) {
  return { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'transient', diagnostics }] };
}

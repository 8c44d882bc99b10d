// Validates a step-by-step action posted to /pos/receiver/referrals/:ref/actions.
import { invalid } from '../../fhir/errors.js';
import type { ReceiverAction } from './model.js';

/** `{type: status|appointment|communication|correction, ...}` → a ReceiverAction, or a 400 saying what is missing. */
export function parseAction(raw: unknown): ReceiverAction {
  const b = (raw ?? {}) as Record<string, unknown>;
  const str = (k: string) => (typeof b[k] === 'string' && b[k] ? (b[k] as string) : undefined);
  switch (b.type) {
    case 'status':
      if (!str('status')) throw invalid('a status action needs "status" (a Task.status such as accepted, rejected, completed)');
      return { type: 'status', status: str('status')!, reason: str('reason'), event: str('event') };
    case 'appointment': {
      const ps = str('participantStatus');
      if (ps && ps !== 'tentative' && ps !== 'accepted') throw invalid('participantStatus must be tentative or accepted');
      return { type: 'appointment', participantStatus: ps as 'tentative' | 'accepted' | undefined, start: str('start'), minutes: typeof b.minutes === 'number' ? b.minutes : undefined, instructions: str('instructions'), event: str('event') };
    }
    case 'communication':
      if (!str('text')) throw invalid('a communication action needs "text"');
      return { type: 'communication', text: str('text')! };
    case 'correction':
      if (!str('categoryText')) throw invalid('a correction action needs "categoryText"');
      return { type: 'correction', categoryText: str('categoryText')! };
    default:
      throw invalid('type must be status, appointment, communication or correction');
  }
}

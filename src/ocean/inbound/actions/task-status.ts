// notify-add/update-process-request (and notify-update-status): Task.status -> folder, forward, eConsult toggle.
import { businessRule, required } from '../../../fhir/errors.js';
import type * as fhir from '../../../fhir/types.js';
import { EXT, FOLDERS, TASK_STATUS_FOLDER } from '../../codes.js';
import { applyAppointment } from './appointment.js';
import { forwardIfReplaced } from './forward.js';
import type { InboundActionHandler } from './types.js';
import { own } from '../../../validation/own.js';

/**
 * Only the statuses of the DRO guide's table are honoured; `requested`/`received` leave the folder as is.
 * A message may also carry a replacing ServiceRequest (forward) or an Appointment focus (EREC: "MAY include
 * more than one MessageHeader.focus"). See: docs/ocean.md#task-status-and-folders, #forward-and-assign; docs/use-cases.md#statuses.
 */
export const taskStatusAction: InboundActionHandler = (ctx, referral, msg) => {
  const forward = forwardIfReplaced(ctx, referral, msg);
  if (forward) return forward;
  const task = msg.ofType<fhir.Task>('Task')[0];
  if (!task) {
    if (msg.ofType<fhir.Appointment>('Appointment').length) return applyAppointment(ctx, referral, msg);
    throw required(`${msg.event} needs a Task (its status moves the referral) or an Appointment`, { expression: ['Bundle.entry'] });
  }
  const status = task.status as string | undefined;
  if (!status) throw required('Task.status is missing', { expression: ['Task.status'] });
  const target = own(TASK_STATUS_FOLDER, status);
  if (!target) {
    throw businessRule(
      `Ocean does not support Task.status "${status}"; send one of ${Object.keys(TASK_STATUS_FOLDER).join(', ')} (cancelling belongs to the referral sender)`,
      { expression: ['Task.status'] },
    );
  }
  if (!task.intent) msg.tolerate('Task.intent missing', 'Task.intent is required by FHIR R4 (Ocean\'s clients send "order" or "plan")');
  referral.task = structuredClone(task);
  const toggle = task.extension?.find((e) => e.url === EXT.patientNeedsToBeSeen);
  let extra = '';
  if (toggle && typeof toggle.valueBoolean === 'boolean') {
    referral.patientNeedsToBeSeen = toggle.valueBoolean;
    extra = toggle.valueBoolean ? '; converted to an eReferral (patient needs to be seen)' : '; converted to an eConsult';
  }
  const reason = task.statusReason?.text ? ` (${task.statusReason.text})` : '';
  if (target === 'stay') return { summary: `Task status ${status} acknowledged${reason}; the referral stays in ${FOLDERS[referral.state].received}${extra}` };
  const from = referral.state;
  referral.state = target;
  if (target === 'completed') referral.serviceRequestStatus = 'completed';
  else if (referral.serviceRequestStatus === 'completed') referral.serviceRequestStatus = 'active';
  const verb = from === target ? 'stays in' : from === 'declined' || from === 'completed' ? 're-opened into' : 'moved to';
  return { summary: `Task status ${status}${reason}: referral ${verb} ${FOLDERS[target].received}${extra}` };
};

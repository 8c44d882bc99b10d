// What the receiver has added to a referral (Task, Appointments, Communications), re-stamped for Ocean's updates.
import type * as fhir from '../../fhir/types.js';
import type { PayloadVersion } from '../codes.js';
import type { Referral } from '../model.js';
import { entry, refTo, type Entry } from './envelope.js';

/** Task, Appointments and Communications as urn:uuid entries pointing at this message's ServiceRequest and Patient. */
export function workflowEntries(version: PayloadVersion, referral: Referral, refs: { patient: Entry; serviceRequest: Entry }): Entry[] {
  const out: Entry[] = [];
  const basedOn = [refTo(refs.serviceRequest)];
  if (referral.task) {
    const { id: _id, meta: _meta, resourceType: _rt, basedOn: _b, focus: _f, for: _for, owner: _o, requester: _r, ...rest } = referral.task;
    out.push(entry<fhir.Task>({ resourceType: 'Task', ...rest, basedOn, for: refTo(refs.patient) }, version));
  }
  for (const a of referral.appointments) {
    const { id: _id, meta: _meta, resourceType: _rt, basedOn: _b, participant, ...rest } = a;
    // Other participants' references point outside the bundle: keep them only when they carry a type.
    const participants = (participant ?? [])
      .map((p) => (p.actor?.reference?.includes('Patient') ? { ...p, actor: refTo(refs.patient) } : dropActor(p)))
      .filter((p) => p.actor || p.type?.length);
    out.push(entry<fhir.Appointment>({ resourceType: 'Appointment', ...rest, basedOn, participant: participants.length ? participants : [{ actor: refTo(refs.patient), status: 'accepted' }] }, version));
  }
  for (const c of referral.communications) {
    const { id: _id, meta: _meta, resourceType: _rt, basedOn: _b, subject: _s, sender: _se, recipient: _re, ...rest } = c;
    out.push(entry<fhir.Communication>({ resourceType: 'Communication', ...rest, basedOn, subject: refTo(refs.patient) }, version));
  }
  return out;
}

function dropActor(p: fhir.AppointmentParticipant): fhir.AppointmentParticipant {
  const { actor: _actor, ...rest } = p;
  return rest;
}

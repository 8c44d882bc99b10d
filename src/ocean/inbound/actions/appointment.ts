// notify-add-appointment (and notify-update-appointment): bookings, booking instructions, cancellations.
import { invalid, required } from '../../../fhir/errors.js';
import type * as fhir from '../../../fhir/types.js';
import { APPOINTMENT_FOLDER, FOLDERS, type ReferralState } from '../../codes.js';
import { bookInto } from '../../referrals/reopen.js';
import type { InboundActionHandler } from './types.js';
import { own } from '../../../validation/own.js';

/** The participant status that decides confirmed vs unconfirmed: the patient's, else the first one. */
function participantStatus(a: fhir.Appointment): string | undefined {
  const ps = a.participant ?? [];
  return (ps.find((p) => p.actor?.reference?.includes('Patient')) ?? ps[0])?.status;
}

const sameAppointment = (x: fhir.Appointment, y: fhir.Appointment) =>
  (x.id !== undefined && x.id === y.id) || (x.identifier?.[0]?.value !== undefined && x.identifier?.[0]?.value === y.identifier?.[0]?.value);

/**
 * An Appointment with a valid start books the referral (tentative -> Booking Unconfirmed, accepted ->
 * Booking Confirmed); `proposed` without dates carries booking instructions; `cancelled` un-books.
 * See: docs/ocean.md#appointments; docs/use-cases.md#statuses.
 */
export const applyAppointment: InboundActionHandler = (_ctx, referral, msg) => {
  const appt = msg.ofType<fhir.Appointment>('Appointment')[0];
  if (!appt) throw required(`${msg.event} needs an Appointment resource`, { expression: ['Bundle.entry'] });
  const instructions = appt.patientInstruction ?? appt.description;
  if (appt.status === 'proposed' && !appt.start) {
    if (!instructions) throw required('a proposed Appointment without dates must carry booking instructions in patientInstruction or description', { expression: ['Appointment.patientInstruction'] });
    referral.bookingInstructions = instructions;
    return { summary: `Booking instructions added: ${instructions}` };
  }
  const others = referral.appointments.filter((a) => !sameAppointment(a, appt));
  if (appt.status === 'cancelled' || appt.status === 'noshow' || appt.status === 'entered-in-error') {
    referral.appointments = others;
    if (referral.state === 'booking-confirmed' || referral.state === 'booking-unconfirmed') referral.state = others.length ? referral.state : 'pending-booking';
    return { summary: `Appointment ${appt.status}; referral in ${FOLDERS[referral.state].received}` };
  }
  if (!appt.start || Number.isNaN(Date.parse(appt.start))) {
    throw invalid('Appointment.start must be a valid date-time to book; send status "proposed" without dates for booking instructions', { expression: ['Appointment.start'] });
  }
  const status = participantStatus(appt) ?? appt.status;
  const target: ReferralState = own(APPOINTMENT_FOLDER, status) ?? own(APPOINTMENT_FOLDER, appt.status) ?? 'booking-unconfirmed';
  if (!participantStatus(appt)) msg.tolerate('Appointment.participant.status missing', 'Appointment.participant.status (tentative or accepted) tells Ocean whether the booking is confirmed, and FHIR R4 requires it; none was sent');
  referral.appointments = [...others, structuredClone(appt)];
  if (instructions) referral.bookingInstructions = instructions;
  const reopened = bookInto(referral, target);
  if (reopened) msg.warnings.push(reopened);
  return { summary: `Appointment on ${appt.start}: referral moved to ${FOLDERS[target].received}` };
};

// Appointments with the family physician: past visits (mostly fulfilled) and a few booked ahead.
import type * as fhir from '../../fhir/types.js';
import { testMeta } from '../fhir/meta.js';
import { fieldsNarrative } from '../fhir/narrative.js';
import { SYS } from '../fhir/systems.js';
import { isoDateTime } from '../time/calendar.js';
import { concept, type ChartContext } from './context.js';

const TYPES = [['ROUTINE', 'Routine appointment - default if not valued'], ['FOLLOWUP', 'A follow up visit from a previous appointment'], ['CHECKUP', 'A routine check-up, such as an annual physical']] as const;

function appointment(ctx: ChartContext, day: number, status: fhir.Appointment['status'], reason: string): fhir.Appointment {
  const startMinute = 8 * 60 + ctx.rng.int(0, 35) * 15;
  const minutes = ctx.rng.pick([10, 15, 15, 20, 30]);
  const start = isoDateTime(day, startMinute);
  const end = isoDateTime(day, startMinute + minutes);
  const [typeCode, typeDisplay] = ctx.rng.pick(TYPES);
  const participant: fhir.AppointmentParticipant[] = [{ actor: { ...ctx.patient }, status: 'accepted' }];
  const doctor = ctx.detail.doctor;
  if (doctor) {
    participant.push({ actor: { reference: `Practitioner/${doctor.ipc}`, display: doctor.name }, status: 'accepted' });
    participant.push({ actor: { reference: `Location/${doctor.ifc}` }, status: 'accepted' });
  }
  return {
    resourceType: 'Appointment',
    id: ctx.nextId('appt'),
    meta: testMeta(),
    text: fieldsNarrative(`Appointment ${start.slice(0, 10)} ${start.slice(11, 16)}`, [['Status', status], ['With', doctor?.name], ['Reason', reason], ['Length', `${minutes} min`]]),
    status,
    appointmentType: concept(SYS.appointmentType, typeCode, typeDisplay),
    description: reason,
    start,
    end,
    minutesDuration: minutes,
    participant,
  };
}

const REASONS = ['Follow-up', 'Annual physical', 'Medication review', 'Blood pressure check', 'Lab results review', 'Cough', 'Back pain', 'Prescription renewal', 'Well-child visit', 'Immunization'];

/** One appointment per planned visit, and (for the living) sometimes one booked ahead. See: https://hl7.org/fhir/R4/appointment.html */
export function buildAppointments(ctx: ChartContext): fhir.Appointment[] {
  const out = ctx.visits.map((day) => {
    const roll = ctx.rng.next();
    const status: fhir.Appointment['status'] = ctx.full || roll < 0.9 ? 'fulfilled' : roll < 0.95 ? 'noshow' : 'cancelled';
    return appointment(ctx, day, status, ctx.age < 2 ? 'Well-child visit' : ctx.rng.pick(REASONS));
  });
  if (ctx.detail.deathDay === undefined) {
    const ahead = ctx.full ? 1 : ctx.rng.int(0, 2) === 2 ? 1 : 0;
    for (let i = 0; i < ahead; i++) out.push(appointment(ctx, ctx.referenceDay + ctx.rng.int(3, 90), 'booked', ctx.age < 2 ? 'Well-child visit' : ctx.rng.pick(REASONS)));
  }
  return out;
}

// Encounters: one finished ambulatory visit per fulfilled appointment (what SMART launchers pick as the encounter in context).
import type * as fhir from '../../fhir/types.js';
import { testMeta } from '../fhir/meta.js';
import { fieldsNarrative } from '../fhir/narrative.js';
import type { ChartContext } from './context.js';

const ACT_CODE = 'http://terminology.hl7.org/CodeSystem/v3-ActCode';

/**
 * Derived from the appointments without drawing from the generator, so the rest of the chart is unchanged.
 * See: https://hl7.org/fhir/R4/encounter.html
 */
export function buildEncounters(ctx: ChartContext, appointments: readonly fhir.Appointment[]): fhir.Encounter[] {
  const doctor = ctx.detail.doctor;
  return appointments
    .filter((a) => a.status === 'fulfilled' && a.start)
    .map((a) => {
      const encounter: fhir.Encounter = {
        resourceType: 'Encounter',
        id: ctx.nextId('enc'),
        meta: testMeta(),
        text: fieldsNarrative(`Office visit ${a.start!.slice(0, 10)}`, [['Status', 'finished'], ['With', doctor?.name], ['Reason', a.description]]),
        status: 'finished',
        class: { system: ACT_CODE, code: 'AMB', display: 'ambulatory' },
        subject: { ...ctx.patient },
        period: { start: a.start, end: a.end },
        appointment: [{ reference: `Appointment/${a.id}` }],
      };
      if (a.appointmentType) encounter.type = [a.appointmentType];
      if (doctor) encounter.participant = [{ individual: { reference: `Practitioner/${doctor.ipc}`, display: doctor.name } }];
      if (a.description) encounter.reasonCode = [{ text: a.description }];
      return encounter;
    });
}

// MedicationStatements: current treatment of active conditions, completed courses for past episodes.
import type * as fhir from '../../fhir/types.js';
import { COURSES_FOR, MEDICATIONS_FOR, type MedicationDef, type Route } from '../data/clinical/medications.js';
import { testMeta } from '../fhir/meta.js';
import { fieldsNarrative } from '../fhir/narrative.js';
import { SYS } from '../fhir/systems.js';
import { isoDate } from '../time/calendar.js';
import { concept, type ChartContext, type PlannedCondition } from './context.js';

const ROUTES: Record<Route, [string, string]> = {
  oral: ['26643006', 'Oral route'],
  inhaled: ['447694001', 'Respiratory tract route'],
  topical: ['6064005', 'Topical route'],
  subcutaneous: ['34206005', 'Subcutaneous route'],
  nasal: ['46713006', 'Nasal route'],
};

function statement(
  ctx: ChartContext,
  med: MedicationDef,
  reason: PlannedCondition,
  status: 'active' | 'completed' | 'stopped',
  start: number,
  end?: number,
): fhir.MedicationStatement {
  const period: fhir.Period = { start: isoDate(start) };
  if (end !== undefined) period.end = isoDate(end);
  const [routeCode, routeDisplay] = ROUTES[med.route];
  return {
    resourceType: 'MedicationStatement',
    id: ctx.nextId('med'),
    meta: testMeta(),
    text: fieldsNarrative(med.text, [['Directions', med.dosage], ['Status', status], ['Started', period.start], ['Ended', period.end], ['For', reason.def.display]]),
    status,
    medicationCodeableConcept: concept(SYS.atc, med.atc, med.atcDisplay, med.text),
    subject: { ...ctx.patient },
    effectivePeriod: period,
    dateAsserted: isoDate(Math.min(ctx.lastDay, start + 1)),
    reasonReference: [{ reference: `Condition/${reason.id}`, display: reason.def.display }],
    dosage: [{ text: med.dosage, route: concept(SYS.snomed, routeCode, routeDisplay) }],
  };
}

/** Most chronic conditions are treated (one or two drugs); some episodes had a course. See: https://hl7.org/fhir/R4/medicationstatement.html */
export function buildMedications(ctx: ChartContext): fhir.MedicationStatement[] {
  const out: fhir.MedicationStatement[] = [];
  for (const planned of ctx.conditions) {
    if (planned.chronic) {
      const options = MEDICATIONS_FOR[planned.def.key];
      if (!options || (!ctx.full && !ctx.rng.chance(0.85))) continue;
      const count = options.length > 1 && (ctx.full || ctx.rng.chance(0.35)) ? 2 : 1;
      for (const med of ctx.rng.sample(options, count)) {
        const start = ctx.rng.int(planned.onsetDay, Math.max(planned.onsetDay, Math.min(ctx.lastDay - 1, planned.onsetDay + 90)));
        if (planned.status === 'active') out.push(statement(ctx, med, planned, 'active', start));
        else out.push(statement(ctx, med, planned, 'stopped', start, Math.max(start + 1, planned.abatementDay ?? ctx.lastDay)));
      }
    } else {
      const course = COURSES_FOR[planned.def.key];
      if (course && (ctx.full || ctx.rng.chance(0.7))) {
        out.push(statement(ctx, course, planned, 'completed', planned.onsetDay, planned.onsetDay + 7));
      }
    }
  }
  return out;
}

// Condition resources: active ones are the problem list, resolved/remission/inactive the past history.
import type * as fhir from '../../fhir/types.js';
import { testMeta } from '../fhir/meta.js';
import { fieldsNarrative } from '../fhir/narrative.js';
import { SYS } from '../fhir/systems.js';
import { isoDate } from '../time/calendar.js';
import { concept, type ChartContext, type PlannedCondition } from './context.js';

const STATUS_DISPLAY = { active: 'Active', resolved: 'Resolved', remission: 'Remission', inactive: 'Inactive' } as const;

function conditionResource(ctx: ChartContext, planned: PlannedCondition): fhir.Condition {
  const { def } = planned;
  const onset = isoDate(planned.onsetDay);
  const abatement = planned.abatementDay !== undefined ? isoDate(planned.abatementDay) : undefined;
  const categoryCode = planned.chronic ? 'problem-list-item' : 'encounter-diagnosis';
  const summary = planned.status === 'active' ? `since ${onset}` : `${planned.status}${abatement ? ` ${abatement}` : ''} (onset ${onset})`;
  const condition: fhir.Condition = {
    resourceType: 'Condition',
    id: planned.id,
    meta: testMeta(),
    text: fieldsNarrative(def.display, [['Status', STATUS_DISPLAY[planned.status]], ['Onset', onset], ['Resolved', abatement], ['Summary', `${def.display}, ${summary}`]]),
    clinicalStatus: concept(SYS.conditionClinical, planned.status, STATUS_DISPLAY[planned.status]),
    verificationStatus: concept(SYS.conditionVerification, 'confirmed', 'Confirmed'),
    category: [concept(SYS.conditionCategory, categoryCode, planned.chronic ? 'Problem List Item' : 'Encounter Diagnosis')],
    code: concept(SYS.snomed, def.snomed, def.display),
    subject: { ...ctx.patient },
    onsetDateTime: onset,
  };
  if (abatement) condition.abatementDateTime = abatement;
  condition.recordedDate = isoDate(Math.min(ctx.lastDay, planned.onsetDay + 7));
  if (ctx.detail.doctor) condition.recorder = { reference: `Practitioner/${ctx.detail.doctor.ipc}`, display: ctx.detail.doctor.name };
  return condition;
}

/** The planned conditions as Condition resources. See: https://hl7.org/fhir/R4/condition.html */
export function buildConditions(ctx: ChartContext): fhir.Condition[] {
  return ctx.conditions.map((planned) => conditionResource(ctx, planned));
}

// FamilyMemberHistory: one resource per affected relative (@ptCpp.fhx).
import type * as fhir from '../../fhir/types.js';
import { FAMILY_CONDITIONS, RELATIVES } from '../data/clinical/family-history.js';
import { testMeta } from '../fhir/meta.js';
import { fieldsNarrative } from '../fhir/narrative.js';
import { SYS } from '../fhir/systems.js';
import { isoDate } from '../time/calendar.js';
import { concept, type ChartContext } from './context.js';

/** About half of charts record one to three affected relatives. See: https://hl7.org/fhir/R4/familymemberhistory.html */
export function buildFamilyHistory(ctx: ChartContext): fhir.FamilyMemberHistory[] {
  if (ctx.age < 1 || (!ctx.full && !ctx.rng.chance(0.55))) return [];
  const relatives = ctx.rng.sample(RELATIVES, ctx.full ? 3 : ctx.rng.int(1, 3));
  return relatives.map((relative) => {
    const options = FAMILY_CONDITIONS.filter((c) => !c.onlySex || c.onlySex === relative.sex);
    const conditions = ctx.rng.sample(options, ctx.rng.int(1, 2));
    const deceased = relative.code.startsWith('GR') ? ctx.rng.chance(0.7) : ctx.rng.chance(0.15);
    const summary = conditions.map((c) => c.display).join(', ');
    const history: fhir.FamilyMemberHistory = {
      resourceType: 'FamilyMemberHistory',
      id: ctx.nextId('fmh'),
      meta: testMeta(),
      text: fieldsNarrative(`Family history: ${relative.display}`, [['Conditions', summary], ['Deceased', deceased ? 'yes' : undefined]]),
      status: 'completed',
      patient: { ...ctx.patient },
      date: isoDate(Math.max(ctx.detail.person.birthDay, ctx.lastDay - ctx.rng.int(1, 1500))),
      relationship: concept(SYS.roleCode, relative.code, relative.display),
      sex: concept('http://hl7.org/fhir/administrative-gender', relative.sex, relative.sex === 'male' ? 'Male' : 'Female'),
      condition: conditions.map((c) => ({
        code: concept(SYS.snomed, c.snomed, c.display),
        onsetAge: { value: ctx.rng.int(c.onsetAge[0], c.onsetAge[1]), unit: 'years', system: SYS.ucum, code: 'a' },
      })),
    };
    if (deceased) history.deceasedBoolean = true;
    return history;
  });
}

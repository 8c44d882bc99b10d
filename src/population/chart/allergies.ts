// AllergyIntolerance resources (@ptCpp.allg), including an explicit "No known allergy" for some charts.
import type * as fhir from '../../fhir/types.js';
import { ALLERGIES, NO_KNOWN_ALLERGY, type AllergyDef } from '../data/clinical/allergies.js';
import { testMeta } from '../fhir/meta.js';
import { fieldsNarrative } from '../fhir/narrative.js';
import { SYS } from '../fhir/systems.js';
import { weightedTable } from '../random/rng.js';
import { addYears, isoDate } from '../time/calendar.js';
import { concept, type ChartContext } from './context.js';

const TABLE = weightedTable(ALLERGIES, (a) => a.weight);

function allergy(ctx: ChartContext, def: AllergyDef): fhir.AllergyIntolerance {
  const earliest = def.childhood ? ctx.detail.person.birthDay + 200 : addYears(ctx.detail.person.birthDay, Math.min(10, ctx.age));
  const recorded = ctx.rng.int(Math.min(earliest, ctx.lastDay - 1), ctx.lastDay - 1);
  const reactionText = def.reactions.map((r) => r.display).join(', ');
  return {
    resourceType: 'AllergyIntolerance',
    id: ctx.nextId('alg'),
    meta: testMeta(),
    text: fieldsNarrative(def.text, [['Type', `${def.category} ${def.type}`], ['Reaction', `${reactionText} (${def.severity})`], ['Criticality', def.criticality]]),
    clinicalStatus: concept(SYS.allergyClinical, 'active', 'Active'),
    verificationStatus: concept(SYS.allergyVerification, 'confirmed', 'Confirmed'),
    type: def.type,
    category: [def.category],
    criticality: def.criticality,
    code: { text: def.text },
    patient: { ...ctx.patient },
    recordedDate: isoDate(recorded),
    reaction: [{
      manifestation: def.reactions.map((r) => concept(SYS.snomed, r.snomed, r.display)),
      severity: def.severity,
    }],
  };
}

function noKnownAllergy(ctx: ChartContext): fhir.AllergyIntolerance {
  return {
    resourceType: 'AllergyIntolerance',
    id: ctx.nextId('alg'),
    meta: testMeta(),
    text: fieldsNarrative('No known allergies', [['Recorded', isoDate(ctx.lastDay - 1)]]),
    clinicalStatus: concept(SYS.allergyClinical, 'active', 'Active'),
    verificationStatus: concept(SYS.allergyVerification, 'confirmed', 'Confirmed'),
    code: concept(SYS.snomed, NO_KNOWN_ALLERGY.snomed, NO_KNOWN_ALLERGY.display, 'No known allergies'),
    patient: { ...ctx.patient },
    recordedDate: isoDate(Math.max(ctx.detail.person.birthDay, ctx.lastDay - ctx.rng.int(1, 900))),
  };
}

/** About 30% of charts list allergies, 40% record "No known allergy", the rest say nothing. See: https://hl7.org/fhir/R4/allergyintolerance.html */
export function buildAllergies(ctx: ChartContext): fhir.AllergyIntolerance[] {
  if (ctx.full) return [allergy(ctx, ALLERGIES[0] as AllergyDef), allergy(ctx, ALLERGIES[10] as AllergyDef)];
  if (ctx.age < 1) return ctx.rng.chance(0.2) ? [noKnownAllergy(ctx)] : [];
  const roll = ctx.rng.next();
  if (roll < 0.3) {
    const defs = new Set<AllergyDef>([ctx.rng.pickWeighted(TABLE)]);
    if (ctx.rng.chance(0.25)) defs.add(ctx.rng.pickWeighted(TABLE));
    return [...defs].map((def) => allergy(ctx, def));
  }
  return roll < 0.7 ? [noKnownAllergy(ctx)] : [];
}

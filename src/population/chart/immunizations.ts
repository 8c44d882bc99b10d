// Immunization history: BC's childhood schedule, then boosters, influenza, COVID-19, pneumococcal and shingles.
import type * as fhir from '../../fhir/types.js';
import { CHILDHOOD_SCHEDULE, VACCINES, type VaccineDef } from '../data/clinical/immunizations.js';
import { testMeta } from '../fhir/meta.js';
import { fieldsNarrative } from '../fhir/narrative.js';
import { SYS } from '../fhir/systems.js';
import { addYears, civilFromDays, daysFromCivil, isoDate } from '../time/calendar.js';
import { concept, type ChartContext } from './context.js';

const LOT_LETTERS = 'ABCDEFGHJKLMNPRSTUVWXYZ';

function immunization(ctx: ChartContext, vaccine: VaccineDef, day: number): fhir.Immunization {
  const lot = `${LOT_LETTERS[ctx.rng.int(0, LOT_LETTERS.length - 1)]}${ctx.rng.int(10000, 99999)}`;
  const date = isoDate(day);
  return {
    resourceType: 'Immunization',
    id: ctx.nextId('imm'),
    meta: testMeta(),
    text: fieldsNarrative(vaccine.text, [['Date', date], ['Lot', lot]]),
    status: 'completed',
    vaccineCode: concept(SYS.cvx, vaccine.cvx, vaccine.display, vaccine.text),
    patient: { ...ctx.patient },
    occurrenceDateTime: date,
    primarySource: true,
    lotNumber: lot,
  };
}

/** Autumn campaign days (October-November) of the seasons before lastDay. */
function fluSeasons(lastDay: number, count: number): number[] {
  const { year, month } = civilFromDays(lastDay);
  const latestSeason = month >= 11 ? year : year - 1;
  return Array.from({ length: count }, (_, i) => daysFromCivil(latestSeason - i, 10, 15));
}

/** Doses in date order; nothing after the last recordable day. See: https://hl7.org/fhir/R4/immunization.html */
export function buildImmunizations(ctx: ChartContext): fhir.Immunization[] {
  const birth = ctx.detail.person.birthDay;
  const out: fhir.Immunization[] = [];
  const upToDate = ctx.full || ctx.rng.chance(0.9);
  const birthYear = civilFromDays(birth).year;
  for (const [ageDays, vaccine] of CHILDHOOD_SCHEDULE) {
    const day = birth + ageDays + ctx.rng.int(0, 20);
    if (day >= ctx.lastDay || !upToDate) continue;
    if (birthYear < 1996 || (birthYear < 2006 && ageDays < 4000)) continue;
    out.push(immunization(ctx, vaccine, day));
  }
  if (ctx.age >= 20 && (ctx.full || ctx.rng.chance(0.6))) {
    const day = ctx.lastDay - ctx.rng.int(30, 3600);
    if (day > addYears(birth, 19)) out.push(immunization(ctx, VACCINES.td, day));
  }
  const fluChance = ctx.age >= 65 ? 0.7 : ctx.age >= 5 ? 0.3 : 0.15;
  if (ctx.age >= 1 && (ctx.full || ctx.rng.chance(fluChance))) {
    for (const day of fluSeasons(ctx.lastDay, ctx.rng.int(1, 3))) if (day > birth + 183 && day < ctx.lastDay) out.push(immunization(ctx, VACCINES.influenza, day + ctx.rng.int(0, 30)));
  }
  if (ctx.age >= 5 && (ctx.full || ctx.rng.chance(ctx.age >= 65 ? 0.8 : 0.55))) {
    const day = ctx.lastDay - ctx.rng.int(60, 700);
    if (day > birth) out.push(immunization(ctx, VACCINES.covid, day));
  }
  if (ctx.age >= 65 && ctx.rng.chance(0.6)) out.push(immunization(ctx, VACCINES.ppv23, Math.max(addYears(birth, 65), ctx.lastDay - ctx.rng.int(30, 2000))));
  if (ctx.age >= 60 && ctx.rng.chance(0.3)) {
    const first = ctx.lastDay - ctx.rng.int(200, 1500);
    out.push(immunization(ctx, VACCINES.shingles, first), immunization(ctx, VACCINES.shingles, first + ctx.rng.int(60, 180)));
  }
  return out.filter((imm) => (imm.occurrenceDateTime ?? '') < isoDate(ctx.lastDay + 1)).sort((a, b) => ((a.occurrenceDateTime ?? '') < (b.occurrenceDateTime ?? '') ? -1 : 1));
}

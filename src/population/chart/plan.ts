// Plans a chart: which conditions the patient has, when they started, and which days they saw a clinician.
import { ACUTE_CONDITIONS, CHRONIC_CONDITIONS, ageBand } from '../data/clinical/conditions.js';
import { addYears } from '../time/calendar.js';
import type { ChartContext, PlannedCondition } from './context.js';

/** Conditions the full-chart fixture always has (active ones feed @ptCpp.prob, the others @ptCpp.pmhx). */
const FULL_CHART = {
  active: ['hypertension', 't2dm', 'hyperlipidemia', 'asthma'],
  past: ['depression'],
  acute: ['appendicitis', 'pneumonia', 'gestational-diabetes'],
};

function onsetBetween(ctx: ChartContext, minAge: number): number {
  const earliest = Math.max(ctx.detail.person.birthDay, addYears(ctx.detail.person.birthDay, minAge));
  return ctx.rng.int(Math.min(earliest, ctx.lastDay - 30), ctx.lastDay - 30);
}

function planChronic(ctx: ChartContext): void {
  const { sex } = ctx.detail.person;
  const band = ageBand(ctx.age);
  for (const def of CHRONIC_CONDITIONS) {
    if (def.onlySex && def.onlySex !== sex) continue;
    if (ctx.age < def.minOnsetAge) continue;
    let rate = def.rates[band];
    if (def.sexFactor && def.sexFactor.sex === sex) rate = Math.min(0.9, rate * def.sexFactor.factor);
    const forced = ctx.full && (FULL_CHART.active.includes(def.key) || FULL_CHART.past.includes(def.key));
    if (!forced && !ctx.rng.chance(rate)) continue;
    const past = ctx.full ? FULL_CHART.past.includes(def.key) : def.pastShare !== undefined && ctx.rng.chance(def.pastShare);
    const status = past ? def.pastStatus ?? 'inactive' : 'active';
    const onsetDay = onsetBetween(ctx, def.minOnsetAge);
    const planned: PlannedCondition = { def, chronic: true, status, onsetDay, id: ctx.nextId('cond') };
    if (past) planned.abatementDay = onsetDay + ctx.rng.int(1, Math.max(1, ctx.lastDay - 1 - onsetDay));
    ctx.conditions.push(planned);
  }
}

function planAcute(ctx: ChartContext): void {
  const { sex } = ctx.detail.person;
  for (const def of ACUTE_CONDITIONS) {
    if (def.onlySex && def.onlySex !== sex) continue;
    if (ctx.age < def.minAge) continue;
    const forced = ctx.full && FULL_CHART.acute.includes(def.key);
    if (!forced && !ctx.rng.chance(def.chance[ctx.age < 18 ? 0 : 1])) continue;
    const maxAgeDay = def.maxAge !== undefined ? addYears(ctx.detail.person.birthDay, def.maxAge) : ctx.lastDay;
    const latest = Math.min(ctx.lastDay, maxAgeDay) - def.duration[1] - 1;
    const earliest = addYears(ctx.detail.person.birthDay, def.minAge);
    if (latest <= earliest) continue;
    const onsetDay = ctx.rng.int(earliest, latest);
    const abatementDay = onsetDay + ctx.rng.int(def.duration[0], def.duration[1]);
    ctx.conditions.push({ def, chronic: false, status: 'resolved', onsetDay, abatementDay, id: ctx.nextId('cond') });
  }
}

function planVisits(ctx: ChartContext): void {
  const birth = ctx.detail.person.birthDay;
  if (ctx.age < 2) {
    for (const offset of [3, 14, 61, 122, 183, 366, 548]) if (birth + offset < ctx.lastDay) ctx.visits.push(birth + offset);
    return;
  }
  const count = ctx.full ? 5 : ctx.rng.int(ctx.age >= 65 ? 3 : 2, ctx.age >= 65 ? 6 : 4);
  const start = Math.max(birth + 1, ctx.lastDay - 3 * 365);
  const days = new Set<number>();
  for (let i = 0; i < count * 3 && days.size < count; i++) days.add(ctx.rng.int(start, ctx.lastDay - 1));
  ctx.visits.push(...[...days].sort((a, b) => a - b));
}

/** Fills ctx.conditions and ctx.visits. */
export function planChart(ctx: ChartContext): void {
  planChronic(ctx);
  planAcute(ctx);
  ctx.conditions.sort((a, b) => a.onsetDay - b.onsetDay);
  planVisits(ctx);
}

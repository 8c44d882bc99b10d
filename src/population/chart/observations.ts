// Observations for every keyword-table LOINC code Ocean prefills: vitals each visit, labs on lab days.
import type * as fhir from '../../fhir/types.js';
import { BLOOD_PRESSURE, QUANTITY_OBSERVATIONS, SOCIAL, type QuantityKey, type QuantityObservationDef } from '../data/clinical/observations.js';
import { testMeta } from '../fhir/meta.js';
import { fieldsNarrative } from '../fhir/narrative.js';
import { SYS } from '../fhir/systems.js';
import { concept, type ChartContext } from './context.js';
import { bloodPressure, bodySize, createPhysiology, labValue, type Physiology } from './observation-values.js';

const CATEGORY_DISPLAY = { 'vital-signs': 'Vital Signs', laboratory: 'Laboratory', 'social-history': 'Social History' } as const;

function base(ctx: ChartContext, category: keyof typeof CATEGORY_DISPLAY, code: fhir.CodeableConcept, when: string, summary: string, rows: [string, string | undefined][]): fhir.Observation {
  return {
    resourceType: 'Observation',
    id: ctx.nextId('obs'),
    meta: testMeta(),
    text: fieldsNarrative(summary, rows),
    status: 'final',
    category: [concept(SYS.observationCategory, category, CATEGORY_DISPLAY[category])],
    code,
    subject: { ...ctx.patient },
    effectiveDateTime: when,
  };
}

const round = (value: number, decimals: number): number => Number(value.toFixed(decimals));

/** How a person writes a UCUM unit whose code is not readable as it stands (Quantity.unit is for display). */
const UNIT_DISPLAY: Readonly<Record<string, string>> = { 'mm[Hg]': 'mmHg', 'mL/min/{1.73_m2}': 'mL/min/1.73m2', '{ratio}': 'ratio' };

/** A UCUM quantity: `code` is the UCUM code, `unit` its human-readable form. */
function ucum(value: number, code: string): fhir.Quantity {
  return { value, unit: UNIT_DISPLAY[code] ?? code, system: SYS.ucum, code };
}

function quantity(ctx: ChartContext, def: QuantityObservationDef, raw: number, when: string): fhir.Observation {
  const value = round(raw, def.decimals);
  const shown = `${value.toFixed(def.decimals)} ${UNIT_DISPLAY[def.unit] ?? def.unit}`;
  const extra = def.key === 'a1c' ? ` (${((value / 10.929) + 2.15).toFixed(1)}%)` : '';
  const obs = base(ctx, def.category, concept(SYS.loinc, def.loinc, def.display, def.text), when, `${def.text}: ${shown}${extra}`, [['Date', when.slice(0, 10)], ['LOINC', def.loinc]]);
  obs.valueQuantity = ucum(value, def.unit);
  if (def.low !== undefined || def.high !== undefined || def.rangeText) {
    const range: fhir.ObservationReferenceRange = {};
    if (def.low !== undefined) range.low = ucum(def.low, def.unit);
    if (def.high !== undefined) range.high = ucum(def.high, def.unit);
    if (def.rangeText) range.text = def.rangeText;
    obs.referenceRange = [range];
    const flag = def.high !== undefined && value > def.high ? ['H', 'High'] : def.low !== undefined && value < def.low ? ['L', 'Low'] : undefined;
    if (flag) obs.interpretation = [concept(SYS.interpretation, flag[0] as string, flag[1])];
  }
  return obs;
}

function bp(ctx: ChartContext, p: Physiology, when: string): fhir.Observation {
  const [sys, dia] = bloodPressure(p, ctx.rng);
  const { panel, systolic, diastolic, unit } = BLOOD_PRESSURE;
  const obs = base(ctx, 'vital-signs', concept(SYS.loinc, panel.loinc, panel.display, panel.text), when, `Blood pressure: ${sys}/${dia} mmHg`, [['Date', when.slice(0, 10)]]);
  obs.component = [
    { code: concept(SYS.loinc, systolic.loinc, systolic.display), valueQuantity: ucum(sys, unit) },
    { code: concept(SYS.loinc, diastolic.loinc, diastolic.display), valueQuantity: ucum(dia, unit) },
  ];
  return obs;
}

function vitals(ctx: ChartContext, p: Physiology, out: fhir.Observation[]): void {
  const { sex, birthDay } = ctx.detail.person;
  ctx.visits.forEach((day, i) => {
    const when = ctx.clinicTime(day);
    const years = (day - birthDay) / 365.25;
    const size = bodySize(p, ctx.rng, years, sex);
    const adult = years >= 18;
    if (!adult || ctx.full || i === 0 || i === ctx.visits.length - 1) out.push(quantity(ctx, QUANTITY_OBSERVATIONS.ht, size.height, when));
    out.push(quantity(ctx, QUANTITY_OBSERVATIONS.wt, size.weight, when));
    if (years >= 3 && (adult || ctx.rng.chance(0.4))) out.push(bp(ctx, p, when));
  });
}

const PANELS: Record<string, readonly QuantityKey[]> = {
  renal: ['cr', 'egfr', 'na', 'k', 'co2'],
  diabetes: ['a1c', 'fbs'],
  lipids: ['tg', 'hdl', 'ldl', 'cholHdl'],
  acr: ['acr'],
  ketones: ['sKetones', 'uKetones'],
  gtt: ['gtt'],
};

/** Which panels a lab day runs, for the i-th of n lab days. */
function panelsFor(ctx: ChartContext, p: Physiology, i: number, n: number): string[] {
  if (ctx.full) return Object.keys(PANELS);
  const out: string[] = [];
  const renalRisk = ctx.has('hypertension') || ctx.has('ckd') || ctx.has('heart-failure') || p.diabetic;
  if (renalRisk || (ctx.age >= 50 && ctx.rng.chance(0.6))) out.push('renal');
  if (p.diabetic || (ctx.age >= 40 && i === n - 1) || p.prediabetic) out.push('diabetes');
  if ((ctx.age >= 40 && i >= n - 2) || ctx.has('hyperlipidemia') || ctx.has('cad')) out.push('lipids');
  if ((p.diabetic || ctx.has('ckd')) && i >= n - 2) out.push('acr');
  if (p.diabetic && (ctx.has('t1dm') || ctx.rng.chance(0.3))) out.push('ketones');
  if ((p.prediabetic || ctx.conditions.some((c) => c.def.key === 'gestational-diabetes')) && i === n - 1) out.push('gtt');
  return out;
}

function labs(ctx: ChartContext, p: Physiology, out: fhir.Observation[]): void {
  if (ctx.age < 18 && !p.diabetic) return;
  const chronic = ctx.conditions.some((c) => c.chronic && c.status === 'active');
  const wanted = ctx.full ? 3 : chronic ? ctx.rng.int(2, 3) : ctx.age >= 40 ? ctx.rng.int(1, 2) : ctx.rng.int(0, 1);
  const days = ctx.visits.slice(-wanted);
  days.forEach((day, i) => {
    const when = ctx.clinicTime(day);
    for (const panel of panelsFor(ctx, p, i, days.length)) {
      for (const key of PANELS[panel] ?? []) out.push(quantity(ctx, QUANTITY_OBSERVATIONS[key], labValue(key, p, ctx), when));
    }
  });
}

function social(ctx: ChartContext, out: fhir.Observation[]): void {
  const last = ctx.visits[ctx.visits.length - 1];
  if (ctx.age < 15 || last === undefined) return;
  const when = ctx.clinicTime(last);
  const roll = ctx.rng.next();
  const status = ctx.full ? 'former' : roll < 0.11 ? 'current' : roll < 0.36 ? 'former' : 'never';
  const answer = SOCIAL.answers[status];
  const smoking = base(ctx, 'social-history', concept(SYS.loinc, SOCIAL.smoking.loinc, SOCIAL.smoking.display, SOCIAL.smoking.text), when, `Smoking status: ${answer.display}`, [['Date', when.slice(0, 10)]]);
  smoking.valueCodeableConcept = concept(SYS.snomed, answer.snomed, answer.display);
  out.push(smoking);
  if (status === 'current') {
    const perDay = String(ctx.rng.pick([3, 5, 10, 10, 15, 20, 25]));
    const obs = base(ctx, 'social-history', concept(SYS.loinc, SOCIAL.cigarettes.loinc, undefined, SOCIAL.cigarettes.text), when, `Cigarettes per day: ${perDay}`, [['Date', when.slice(0, 10)]]);
    obs.valueString = perDay;
    out.push(obs);
  }
  if (ctx.age >= 19 && (ctx.full || ctx.rng.chance(0.6))) {
    const drinks = String(ctx.rng.pick([0, 0, 0, 1, 1, 2, 3]));
    const obs = base(ctx, 'social-history', concept(SYS.loinc, SOCIAL.alcohol.loinc, undefined, SOCIAL.alcohol.text), when, `Alcoholic drinks per day: ${drinks}`, [['Date', when.slice(0, 10)]]);
    obs.valueString = drinks;
    out.push(obs);
  }
}

/** Vitals, labs and social history in that order. See: https://hl7.org/fhir/R4/observation.html */
export function buildObservations(ctx: ChartContext): fhir.Observation[] {
  const physiology = createPhysiology(ctx);
  const out: fhir.Observation[] = [];
  vitals(ctx, physiology, out);
  labs(ctx, physiology, out);
  social(ctx, out);
  return out;
}

// Realistic values for one patient: a baseline from age, sex and conditions, plus visit-to-visit noise.
import type { Rng } from '../random/rng.js';
import type { QuantityKey } from '../data/clinical/observations.js';
import type { ChartContext } from './context.js';

/** Fraction of adult height reached at each whole year of age 0..18. */
const GROWTH = [0.3, 0.45, 0.52, 0.57, 0.61, 0.65, 0.69, 0.72, 0.75, 0.78, 0.81, 0.84, 0.87, 0.91, 0.94, 0.97, 0.985, 0.995, 1];
/** Median weight (kg) at each whole year of age 0..18. */
const CHILD_WEIGHT = [3.4, 9.8, 12.3, 14.3, 16.3, 18.3, 20.5, 22.9, 25.6, 28.6, 32, 35.6, 39.9, 45, 50.8, 56, 60, 63, 66];

function interpolate(table: readonly number[], years: number): number {
  const i = Math.min(Math.floor(years), table.length - 1);
  const next = Math.min(i + 1, table.length - 1);
  const f = Math.min(1, years - i);
  return (table[i] ?? 0) * (1 - f) + (table[next] ?? 0) * f;
}

const clamp = (v: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, v));

/** A patient's stable physiology; values on a given day add noise to it. */
export interface Physiology {
  adultHeight: number;
  sizeFactor: number;
  bmi: number;
  diabetic: boolean;
  prediabetic: boolean;
  creatinine: number;
  hdl: number;
  ldl: number;
  tg: number;
  systolic: number;
  diastolic: number;
}

/** Draws the patient's baseline from their age, sex and planned conditions. */
export function createPhysiology(ctx: ChartContext): Physiology {
  const { rng } = ctx;
  const male = ctx.detail.person.sex === 'male';
  const diabetic = ctx.has('t2dm') || ctx.has('t1dm');
  const ageOver20 = Math.max(0, ctx.age - 20);
  const htn = ctx.has('hypertension');
  const lipid = ctx.has('hyperlipidemia') || ctx.has('cad');
  const onStatin = lipid && rng.chance(0.7);
  return {
    adultHeight: rng.normal(male ? 176 : 163, male ? 7 : 6.5),
    sizeFactor: rng.normal(1, 0.08),
    bmi: ctx.has('obesity') ? rng.normal(34, 2.5) : clamp(rng.normal(25, 3), 18.6, 29.8),
    diabetic,
    prediabetic: !diabetic && ctx.age >= 30 && rng.chance(0.12),
    creatinine: ctx.has('ckd') ? rng.normal(1.9, 0.35) : rng.normal(male ? 0.95 : 0.75, 0.1) + (ctx.age >= 70 ? 0.1 : 0),
    hdl: clamp(rng.normal(male ? 48 : 60, 9), 28, 95),
    ldl: clamp(onStatin ? rng.normal(85, 15) : rng.normal(lipid ? 155 : 112, 22), 45, 240),
    tg: clamp(rng.normal(lipid || diabetic ? 2.1 : 1.2, 0.4), 0.4, 5),
    systolic: ctx.age < 18 ? rng.normal(104, 6) : rng.normal(112 + ageOver20 * 0.35 + (htn ? 14 : 0), 7),
    diastolic: ctx.age < 18 ? rng.normal(64, 5) : rng.normal(71 + ageOver20 * 0.08 + (htn ? 7 : 0), 5),
  };
}

/** Height (cm) and weight (kg) at an age in years. */
export function bodySize(p: Physiology, rng: Rng, years: number, sex: 'male' | 'female'): { height: number; weight: number } {
  const height = years >= 18 ? p.adultHeight - Math.max(0, years - 60) * 0.1 : p.adultHeight * interpolate(GROWTH, years);
  const weight = years >= 18
    ? p.bmi * (height / 100) ** 2 * rng.normal(1, 0.015)
    : interpolate(CHILD_WEIGHT, years) * p.sizeFactor * (sex === 'female' && years > 12 ? 0.93 : 1) * rng.normal(1, 0.02);
  return { height: height + rng.normal(0, 0.3), weight };
}

/** Systolic and diastolic (mm[Hg]) for one reading. */
export function bloodPressure(p: Physiology, rng: Rng): [number, number] {
  return [Math.round(rng.normal(p.systolic, 5)), Math.round(rng.normal(p.diastolic, 4))];
}

/** CKD-EPI 2021 creatinine equation (mL/min/1.73 m2), capped at 120 as labs report ">90". */
function egfr(creatinine: number, age: number, male: boolean): number {
  const kappa = male ? 0.9 : 0.7;
  const alpha = male ? -0.302 : -0.241;
  const ratio = creatinine / kappa;
  const value = 142 * Math.min(ratio, 1) ** alpha * Math.max(ratio, 1) ** -1.2 * 0.9938 ** age * (male ? 1 : 1.012);
  return Math.min(120, value);
}

/** One lab value for the patient on some day. */
export function labValue(key: QuantityKey, p: Physiology, ctx: ChartContext): number {
  const { rng } = ctx;
  const male = ctx.detail.person.sex === 'male';
  const creatinine = clamp(p.creatinine * rng.normal(1, 0.05), 0.35, 6);
  switch (key) {
    case 'cr': return creatinine;
    case 'egfr': return egfr(creatinine, Math.max(18, ctx.age), male);
    case 'a1c': return p.diabetic ? clamp(rng.normal(58, 8), 46, 95) : p.prediabetic ? rng.normal(44, 1.5) : clamp(rng.normal(35, 2.5), 28, 41);
    case 'fbs': return p.diabetic ? clamp(rng.normal(8.4, 1.4), 5.8, 16) : p.prediabetic ? rng.normal(6.4, 0.2) : clamp(rng.normal(5.0, 0.35), 3.9, 5.9);
    case 'acr': return (p.diabetic || ctx.has('ckd')) && rng.chance(0.3) ? rng.normal(12, 6) + 3 : clamp(rng.normal(0.9, 0.4), 0.2, 1.9);
    case 'tg': return clamp(p.tg * rng.normal(1, 0.12), 0.3, 6);
    case 'hdl': return p.hdl * rng.normal(1, 0.05);
    case 'ldl': return p.ldl * rng.normal(1, 0.06);
    case 'cholHdl': return (p.ldl + p.hdl + (p.tg * 88.57) / 5) / p.hdl;
    case 'gtt': return p.diabetic ? rng.normal(13, 1.5) : p.prediabetic ? rng.normal(9, 0.6) : clamp(rng.normal(5.9, 0.8), 4, 7.7);
    case 'sKetones': return clamp(rng.normal(p.diabetic ? 0.35 : 0.15, 0.1), 0, 1.5);
    case 'uKetones': return p.diabetic && rng.chance(0.2) ? rng.pick([0.5, 1.5, 4]) : 0;
    case 'na': return rng.normal(140, 1.8);
    case 'k': return rng.normal(ctx.has('ckd') ? 4.8 : 4.3, 0.25);
    case 'co2': return rng.normal(ctx.has('ckd') ? 22 : 25.5, 1.5);
    case 'ht': case 'wt': return 0;
  }
}

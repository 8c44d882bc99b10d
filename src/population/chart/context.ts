// Shared state while one patient's chart is generated: dates, ids, the plan of conditions and visits.
import type * as fhir from '../../fhir/types.js';
import type { AttachmentCache } from '../attachments/attachment-cache.js';
import type { ClientDetail } from '../client/client-factory.js';
import type { ChronicConditionDef, AcuteConditionDef } from '../data/clinical/conditions.js';
import type { Rng } from '../random/rng.js';
import { ageInYears, isoDateTime } from '../time/calendar.js';

/** A condition the chart will hold. */
export interface PlannedCondition {
  def: ChronicConditionDef | AcuteConditionDef;
  chronic: boolean;
  status: 'active' | 'resolved' | 'remission' | 'inactive';
  onsetDay: number;
  abatementDay?: number;
  id: string;
}

export interface ChartContext {
  detail: ClientDetail;
  rng: Rng;
  referenceDay: number;
  /** Last day anything can be recorded: the day of death, or the reference day. */
  lastDay: number;
  /** Age in whole years on lastDay. */
  age: number;
  /** True for the fixture with a full chart: every observation code, several dates each. */
  full: boolean;
  attachments: AttachmentCache;
  patient: fhir.Reference;
  conditions: PlannedCondition[];
  /** Visit days (ascending) in the last three years; vitals and appointments hang off them. */
  visits: number[];
  nextId(prefix: string): string;
  has(key: string): boolean;
  /** A plausible clinic time on that day (08:00-17:00, Pacific). */
  clinicTime(day: number): string;
}

/** A fresh context for one chart; ids count from 1 per resource kind. */
export function createChartContext(detail: ClientDetail, rng: Rng, referenceDay: number, full: boolean, attachments: AttachmentCache): ChartContext {
  const lastDay = detail.deathDay ?? referenceDay;
  const counters = new Map<string, number>();
  const ctx: ChartContext = {
    detail,
    rng,
    referenceDay,
    lastDay,
    age: ageInYears(detail.person.birthDay, lastDay),
    full,
    attachments,
    patient: { reference: `Patient/${detail.phn}` },
    conditions: [],
    visits: [],
    nextId(prefix) {
      const n = (counters.get(prefix) ?? 0) + 1;
      counters.set(prefix, n);
      return `${prefix}-${detail.phn}-${n}`;
    },
    has(key) {
      return ctx.conditions.some((c) => c.def.key === key && c.status !== 'resolved');
    },
    clinicTime(day) {
      return isoDateTime(day, 8 * 60 + rng.int(0, 35) * 15);
    },
  };
  return ctx;
}

/** CodeableConcept with one coding and a text. */
export function concept(system: string, code: string, display: string | undefined, text?: string): fhir.CodeableConcept {
  const coding: fhir.Coding = { system, code };
  if (display) coding.display = display;
  return { coding: [coding], text: text ?? display ?? code };
}

// Plans PLR practitioner records: one per role, people with two roles sharing a CPN, workplaces, statuses.
import { generateNames } from '../client/names.js';
import type { NameGroup } from '../data/name-group.js';
import { PROVINCE_MIX } from '../data/name-mix.js';
import { SPECIALTIES, type OrgKind } from '../data/plr/org-kinds.js';
import { MULTI_ROLE_PAIRS, ROLES, roleByKey, type RoleDef } from '../data/plr/roles.js';
import { INSTITUTIONS, LICENSE_STATUSES, PLR_LANGUAGES } from '../data/plr/systems.js';
import { weightedTable, type Rng } from '../random/rng.js';
import { addYears } from '../time/calendar.js';
import { personCpn, practitionerIpc } from './ids.js';
import type { OrgPlan } from './org-plan.js';
import { fixturePractitioners } from './practitioner-fixtures.js';

export type Expertise = readonly [code: string, display: string];

export interface PractitionerPlan {
  index: number;
  ipc: string;
  cpn: string;
  role: RoleDef;
  sex: 'male' | 'female';
  given: string[];
  family: string;
  formerFamily?: string;
  birthDay: number;
  /** Day of first registration with the college. */
  since: number;
  licence: string;
  mpid?: string;
  status: (typeof LICENSE_STATUSES)[number];
  assignedEntityStatus: boolean;
  expertise: Expertise[];
  languages: Expertise[];
  institution: (typeof INSTITUTIONS)[number];
  /** Organization indexes; the first is the primary workplace. */
  workplaces: number[];
  formerWorkplace?: { org: number; end: number };
  email?: string;
}

/** Share of each role's registrants who are women (rough BC college figures). */
const FEMALE_SHARE: Readonly<Record<string, number>> = {
  rn: 0.88, rnp: 0.9, rm: 0.98, moa: 0.92, sw: 0.8, ot: 0.88, rd: 0.92, pharm: 0.65,
  cc: 0.75, psych: 0.7, physio: 0.65, rmt: 0.7, 'md-radiologist': 0.35, den: 0.4,
};

/** The person behind one or more practitioner records. */
export interface PractitionerPerson {
  sex: 'male' | 'female';
  given: string[];
  family: string;
  birthDay: number;
  group: NameGroup;
  formerFamily?: string;
}

const ROLE_TABLE = weightedTable(ROLES, (r) => r.weight);
const STATUS_TABLE = weightedTable(LICENSE_STATUSES, (s) => s.weight);

export interface PlanContext {
  rng: Rng;
  referenceDay: number;
  orgs: readonly OrgPlan[];
  usedLicences: Set<string>;
  usedMpids: Set<string>;
  counters: Map<string, number>;
  /** Workplace candidates per (organization kind, role), computed once (added; made when absent). */
  candidates?: Map<string, OrgPlan[]>;
}

/** A number of `digits` digits not yet in `used` under `namespace` (licences are unique per college). */
function uniqueNumber(rng: Rng, digits: number, used: Set<string>, namespace = ''): string {
  for (;;) {
    const value = String(rng.int(0, 10 ** digits - 1)).padStart(digits, '0');
    if (!used.has(`${namespace}:${value}`)) {
      used.add(`${namespace}:${value}`);
      return value;
    }
  }
}

/** Picks a workplace: every organization of a kind gets someone before any gets a second. */
export function pickWorkplace(ctx: PlanContext, role: RoleDef, kind: OrgKind): OrgPlan {
  const key = `${kind}|${role.key}`;
  ctx.candidates ??= new Map();
  let candidates = ctx.candidates.get(key);
  if (!candidates) {
    candidates = ctx.orgs.filter((o) => o.kind === kind);
    if (kind === 'community') {
      const fitting = candidates.filter((o) => o.service?.roles?.includes(role.key));
      if (fitting.length > 0) candidates = fitting;
    }
    if (candidates.length === 0) candidates = ctx.orgs.filter((o) => o.def.hasSite);
    if (candidates.length === 0) candidates = [...ctx.orgs];
    ctx.candidates.set(key, candidates);
  }
  const n = ctx.counters.get(key) ?? 0;
  ctx.counters.set(key, n + 1);
  return n < candidates.length ? (candidates[n] as OrgPlan) : ctx.rng.pick(candidates);
}

function expertiseFor(rng: Rng, role: RoleDef, workplace: OrgPlan): Expertise[] {
  if (role.key === 'md-specialist') {
    const service = workplace.service?.expertise ? workplace.service : rng.pick(SPECIALTIES);
    return service.expertise ? [service.expertise] : [];
  }
  if (role.key === 'md-radiologist') {
    const modalities = (workplace.imaging ?? []).flatMap((s) => (s.expertise ? [s.expertise] : []));
    return [['117', 'Diagnostic Radiology'], ...rng.sample(modalities, rng.int(1, 2))];
  }
  if (!role.expertise) return [];
  if (role.key === 'rn' && rng.chance(0.4)) return [];
  return rng.sample(role.expertise, role.key === 'md-family' ? rng.int(1, 2) : 1);
}

function languagesFor(rng: Rng, group: NameGroup): Expertise[] {
  const options = PLR_LANGUAGES[group.id];
  if (options && rng.chance(0.6)) return rng.sample(options, rng.chance(0.2) ? 2 : 1);
  return rng.chance(0.08) ? [['F16', 'French']] : [];
}

/** One practitioner record of `role` for person number `person`. */
export function planRecord(ctx: PlanContext, index: number, person: number, role: RoleDef, who: PractitionerPerson): PractitionerPlan {
  const { rng, referenceDay } = ctx;
  const kind = rng.pickWeighted(weightedTable(role.workplaces, (w) => w[1]))[0];
  const primary = pickWorkplace(ctx, role, kind);
  const workplaces = [primary.index];
  if ((role.doctor && rng.chance(0.2)) || rng.chance(0.08)) {
    const second = pickWorkplace(ctx, role, rng.pick(role.workplaces)[0]);
    if (second.index !== primary.index) workplaces.push(second.index);
  }
  const since = Math.max(addYears(who.birthDay, 25), referenceDay - rng.int(400, 35 * 365));
  const plan: PractitionerPlan = {
    index, ipc: practitionerIpc(index), cpn: personCpn(person), role, ...who,
    since,
    licence: uniqueNumber(rng, role.licenseDigits, ctx.usedLicences, role.license ?? 'moa'),
    status: rng.pickWeighted(STATUS_TABLE),
    assignedEntityStatus: role.mpid && rng.chance(0.3),
    expertise: expertiseFor(rng, role, primary),
    languages: languagesFor(rng, who.group),
    institution: rng.pick(INSTITUTIONS),
    workplaces,
  };
  if (role.mpid) plan.mpid = uniqueNumber(rng, 5, ctx.usedMpids, 'mpid');
  if (rng.chance(0.12) && since + 400 < referenceDay) {
    const former = rng.pick(ctx.orgs);
    if (!workplaces.includes(former.index)) plan.formerWorkplace = { org: former.index, end: rng.int(since + 200, referenceDay - 60) };
  }
  if (rng.chance(0.6)) plan.email = `${who.given[0]?.toLowerCase().replace(/[^a-z]/g, '')}.${who.family.toLowerCase().replace(/[^a-z]/g, '')}@example.org`;
  return plan;
}

function newPerson(ctx: PlanContext, role: RoleDef): PractitionerPerson {
  const { rng } = ctx;
  const sex = rng.chance(FEMALE_SHARE[role.key] ?? 0.5) ? 'female' : 'male';
  const group = rng.pickWeighted(PROVINCE_MIX);
  const names = generateNames(rng, group, sex);
  const birthDay = ctx.referenceDay - rng.int(28 * 365, 68 * 365);
  const person = { sex, given: names.official.given, family: names.official.family, birthDay, group } as const;
  return sex === 'female' && rng.chance(0.15) ? { ...person, given: [...person.given], formerFamily: rng.pick(group.family) } : { ...person, given: [...person.given] };
}

/** Plans `count` practitioner records: the fixtures first, then people with one role (95%) or two. */
export function planPractitioners(ctx: PlanContext, count: number): PractitionerPlan[] {
  const out = fixturePractitioners(ctx, count);
  let person = out.length === 0 ? 0 : Math.max(...out.map((p) => Number(p.cpn.slice(4, 12)) - 500_000));
  while (out.length < count) {
    const pair = count - out.length >= 2 && ctx.rng.chance(0.05) ? ctx.rng.pick(MULTI_ROLE_PAIRS) : undefined;
    const roles = pair ? [roleByKey(pair[0]), roleByKey(pair[1])] : [ctx.rng.pickWeighted(ROLE_TABLE)];
    const who = newPerson(ctx, roles[0] as RoleDef);
    for (const role of roles) {
      const plan = planRecord(ctx, out.length, person, role, who);
      if (who.formerFamily) plan.formerFamily = who.formerFamily;
      out.push(plan);
    }
    person += 1;
  }
  return out;
}

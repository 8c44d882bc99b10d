// The named fixture practitioners: a family physician, a nurse-midwife with two roles, a radiologist.
import { CHINESE } from '../data/names-asia.js';
import { roleByKey } from '../data/plr/roles.js';
import { INSTITUTIONS, LICENSE_STATUSES } from '../data/plr/systems.js';
import { parseIsoDate } from '../time/calendar.js';
import { personCpn, practitionerIpc } from './ids.js';
import { ORG_FIXTURE } from './org-plan.js';
import type { PlanContext, PractitionerPlan } from './practitioner-plan.js';

/** Record indexes of the fixture practitioners. */
export const PRACTITIONER_FIXTURE = { familyPhysician: 0, nurse: 1, midwife: 2, radiologist: 3 } as const;
export const FIXTURE_PRACTITIONERS = 4;

const ACTIVE_PRAC = LICENSE_STATUSES[0] as PractitionerPlan['status'];
const institution = (name: string): PractitionerPlan['institution'] => INSTITUTIONS.find((i) => i.name === name) ?? (INSTITUTIONS[0] as PractitionerPlan['institution']);

/** The fixture records, identical for every seed; `count` may cut them short for tiny populations. */
export function fixturePractitioners(ctx: PlanContext, count: number): PractitionerPlan[] {
  const hospital = ctx.orgs.find((o) => o.kind === 'hospital')?.index ?? ORG_FIXTURE.familyClinic;
  const grace = { sex: 'female', given: ['Grace'], family: 'Liu', birthDay: parseIsoDate('1982-01-17'), group: CHINESE } as const;
  const plans: PractitionerPlan[] = [
    {
      index: 0, ipc: practitionerIpc(0), cpn: personCpn(0), role: roleByKey('md-family'),
      sex: 'female', given: ['Anna', 'Maria'], family: 'Kowalski', birthDay: parseIsoDate('1975-09-30'),
      since: parseIsoDate('2003-07-01'), licence: '21847', mpid: '38192', status: ACTIVE_PRAC, assignedEntityStatus: true,
      expertise: [['GPMD', 'General Practice'], ['CCFP', 'Certificant; CFPC']], languages: [['P06', 'Polish']],
      institution: institution('University of British Columbia'), workplaces: [ORG_FIXTURE.familyClinic], email: 'anna.kowalski@example.org',
    },
    {
      index: 1, ipc: practitionerIpc(1), cpn: personCpn(1), role: roleByKey('rn'), ...grace, given: [...grace.given],
      since: parseIsoDate('2006-05-15'), licence: '0123458', status: ACTIVE_PRAC, assignedEntityStatus: false,
      expertise: [['ERN4', 'Maternal/Newborn']], languages: [['C01', 'Cantonese']],
      institution: institution('British Columbia Institute of Technology'), workplaces: [hospital], email: 'grace.liu@example.org',
    },
    {
      index: 2, ipc: practitionerIpc(2), cpn: personCpn(1), role: roleByKey('rm'), ...grace, given: [...grace.given],
      since: parseIsoDate('2014-09-01'), licence: '00731', mpid: '52904', status: ACTIVE_PRAC, assignedEntityStatus: false,
      expertise: [], languages: [['C01', 'Cantonese']],
      institution: institution('University of British Columbia'), workplaces: [ORG_FIXTURE.familyClinic], email: 'grace.liu@example.org',
    },
    {
      index: 3, ipc: practitionerIpc(3), cpn: personCpn(2), role: roleByKey('md-radiologist'),
      sex: 'male', given: ['Rajiv'], family: 'Mehta', birthDay: parseIsoDate('1969-05-05'),
      since: parseIsoDate('1998-07-01'), licence: '17320', mpid: '29418', status: ACTIVE_PRAC, assignedEntityStatus: false,
      expertise: [['117', 'Diagnostic Radiology'], ['AMD16', 'Magnetic Resonance - Full'], ['AMD29', 'Ultrasound - Full']], languages: [['H16', 'Hindi']],
      institution: institution('University of Toronto'), workplaces: [ORG_FIXTURE.imaging],
    },
  ];
  for (const p of plans) {
    ctx.usedLicences.add(`${p.role.license ?? 'moa'}:${p.licence}`);
    if (p.mpid) ctx.usedMpids.add(`mpid:${p.mpid}`);
  }
  return plans.slice(0, count);
}

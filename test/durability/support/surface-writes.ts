// One acknowledged write per surface (admin, Ocean, PLR, HCIM) and how to check, after a restart, that it is there.
import { PHN_SYSTEM } from '../../../src/hcim/identifiers.js';
import { filledTemplate } from '../../plr/support/maintain-builders.js';

export interface AckedWrite {
  kind: 'partner' | 'referral' | 'practitioner' | 'patient';
  key: string;
  /** True when the sandbox at `url` still has it. */
  present(url: string): Promise<boolean>;
}

const FHIR = 'application/fhir+json';
const PLR = '/plr/HSA-web/fhir-rs';
const SRI = 'https://health.gov.bc.ca/fhir/NamingSystem/ca-bc-viha-cern-source-patient-id';
export const LISTING = 'broadway_medical_ima-7310042';

const letters = (n: number) => {
  let s = '';
  do {
    s = String.fromCharCode(97 + (n % 26)) + s;
    n = Math.floor(n / 26);
  } while (n > 0);
  return s;
};
const json = async (res: Response) => (await res.json()) as Record<string, unknown>;
const post = (url: string, body: unknown, type = 'application/json') => fetch(url, { method: 'POST', headers: { 'content-type': type, userid: 'demo@IDIR' }, body: JSON.stringify(body) });
const exists = async (url: string) => (await fetch(url, { headers: { userid: 'demo@IDIR' } })).status === 200;

/** The n-th write of the run, cycling through the surfaces; undefined when it was not acknowledged with a 2xx. */
export async function writeOne(base: string, n: number): Promise<AckedWrite | undefined> {
  switch (n % 4) {
    case 0: {
      const name = `crash-${letters(n)}`;
      const res = await post(`${base}/admin/partners`, { name });
      return res.ok ? { kind: 'partner', key: name, present: (u) => exists(`${u}/admin/partners/${name}`) } : undefined;
    }
    case 1: {
      const res = await post(`${base}/admin/ocean/referrals`, { phn: '9876543218', listingRef: LISTING, reason: `crash test ${n}` });
      if (!res.ok) return undefined;
      const ref = String((await json(res)).ref);
      return { kind: 'referral', key: ref, present: (u) => exists(`${u}/admin/ocean/referrals/${ref}`) };
    }
    case 2: {
      const params = filledTemplate({ messageId: `crash-${n}-${Date.now()}`, idValue: `R${900000 + n}`, family: `Crashtest${letters(n)}` });
      const res = await post(`${base}${PLR}/$maintain`, params, FHIR);
      if (!res.ok) return undefined;
      const body = (await json(res)) as { parameter?: Array<{ name: string; resource?: { entry?: Array<{ resource?: { id?: string } }> } }> };
      const ipc = body.parameter?.find((p) => p.name === 'maintain')?.resource?.entry?.[0]?.resource?.id;
      return ipc ? { kind: 'practitioner', key: ipc, present: (u) => exists(`${u}${PLR}/Practitioner/${ipc}`) } : undefined;
    }
    default: {
      const patient = { resourceType: 'Patient', identifier: [{ system: SRI, value: `CRASH-${n}-${Date.now()}` }], name: [{ use: 'official', family: `Zyx${letters(n)}`, given: ['Crash'] }], gender: 'female', birthDate: `19${10 + (n % 80)}-0${1 + (n % 9)}-1${n % 9}` };
      const bundle = { resourceType: 'Bundle', type: 'collection', entry: [{ resource: { resourceType: 'Parameters', parameter: [{ name: 'messageId', valueString: `crash-${n}-${Date.now()}` }] } }, { resource: patient }] };
      const res = await post(`${base}/hcim/fhir/Patient/$AddPatient`, bundle, FHIR);
      if (!res.ok) return undefined;
      const added = ((await json(res)) as { entry?: Array<{ resource?: { resourceType?: string; id?: string } }> }).entry?.find((e) => e.resource?.resourceType === 'Patient')?.resource?.id;
      if (!added) return undefined;
      return { kind: 'patient', key: added, present: async (u) => hasPatient(u, added) };
    }
  }
}

async function hasPatient(base: string, phn: string): Promise<boolean> {
  const bundle = { resourceType: 'Bundle', type: 'collection', entry: [{ resource: { resourceType: 'Parameters', parameter: [{ name: 'messageId', valueString: `check-${phn}-${Math.random()}` }] } }, { resource: { resourceType: 'Patient', identifier: [{ system: PHN_SYSTEM, value: phn }] } }] };
  const res = await post(`${base}/hcim/fhir/Patient/$GetDemographics`, bundle, FHIR);
  if (!res.ok) return false;
  const body = (await json(res)) as { entry?: Array<{ resource?: { resourceType?: string; id?: string } }> };
  return body.entry?.some((e) => e.resource?.resourceType === 'Patient' && e.resource.id === phn) ?? false;
}

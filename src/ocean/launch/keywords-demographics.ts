// Demographic keywords (the form's demographic pane): name, DOB, gender, health number, address, phones, email.
import type * as fhir from '../../fhir/types.js';

/** Health-number identifier systems Ocean recognises (BC PHN and the Ontario-style `ca-*-patient-hcn`). */
const HN_SYSTEM = /ca-bc-patient-healthcare-id|patient-hcn|\/phn$/i;
const JHN = (i: fhir.Identifier) => (i.type?.coding ?? []).some((c) => c.code === 'JHN');

/** The official name, else the first. */
function officialName(p: fhir.Patient): fhir.HumanName | undefined {
  return p.name?.find((n) => n.use === 'official') ?? p.name?.[0];
}

/**
 * `@ptName` ("Family, Given"), `@ptSurname`, `@ptFirstName`, `@ptPreferredName`, `@ptPreferredOrFirstName`, `@ptTitle`,
 * `@ptSuffix` are Ocean's documented basics (KW); the rest name the demographic pane fields the DRO guide lists.
 */
export function demographicKeywords(p: fhir.Patient): Record<string, string> {
  const name = officialName(p);
  const preferred = p.name?.find((n) => n.use === 'usual' || n.use === 'nickname');
  const first = name?.given?.[0] ?? '';
  const surname = name?.family ?? '';
  const hn = p.identifier?.find((i) => (i.system && HN_SYSTEM.test(i.system)) || JHN(i));
  const address = p.address?.find((a) => a.use === 'home' && (a.line?.length || a.city)) ?? p.address?.find((a) => a.line?.length || a.city);
  const phone = (use: string) => p.telecom?.find((t) => t.system === 'phone' && t.use === use)?.value ?? '';
  const preferredFirst = preferred?.given?.[0] ?? '';
  return {
    '@ptName': [surname, first].filter(Boolean).join(', '),
    '@ptSurname': surname,
    '@ptFirstName': first,
    '@ptPreferredName': preferredFirst,
    '@ptPreferredOrFirstName': preferredFirst || first,
    '@ptTitle': name?.prefix?.[0] ?? '',
    '@ptSuffix': name?.suffix?.[0] ?? '',
    '@ptDob': p.birthDate ?? '',
    '@ptSex': p.gender ?? '',
    '@ptHn': hn?.value ?? '',
    '@ptAddress': address?.line?.join(', ') ?? '',
    '@ptCity': address?.city ?? '',
    '@ptProvince': address?.state ?? '',
    '@ptPostal': address?.postalCode ?? '',
    '@ptHomePhone': phone('home'),
    '@ptMobilePhone': phone('mobile'),
    '@ptBusinessPhone': phone('work'),
    '@ptEmail': p.telecom?.find((t) => t.system === 'email')?.value ?? '',
  };
}

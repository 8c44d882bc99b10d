// Practitioner roles: PLR role code, college licence naming system, MSP billing, credential, workplaces.
import type { OrgKind } from './org-kinds.js';

export interface RoleDef {
  key: string;
  code: string;
  display: string;
  /** Role code system: Infoway scptype for MD/RN (as in the IG examples), the BC role code system otherwise. */
  codeSystem: 'scptype' | 'bc';
  /** Suffix of the Infoway licence naming system (ca-bc-license-<suffix>), or undefined for MOAs. */
  license?: string;
  /** Data owner (college) code for bc-owner-extension. */
  owner: string;
  licenseDigits: number;
  /** Bills MSP, so holds a Ministry Practitioner ID (MPID). */
  mpid: boolean;
  credential: readonly [string, string];
  weight: number;
  workplaces: readonly (readonly [OrgKind, number])[];
  /** Expertise codes (bc-expertise-code-system) a practitioner of the role may hold. */
  expertise?: readonly (readonly [string, string])[];
  doctor?: boolean;
}

const r = (def: RoleDef): RoleDef => def;

export const ROLES: readonly RoleDef[] = [
  r({ key: 'md-family', code: 'MD', display: 'Medical Doctor', codeSystem: 'scptype', license: 'physician', owner: 'CPS', licenseDigits: 5, mpid: true, credential: ['MD', 'Medical Degree'], weight: 26, workplaces: [['family-practice', 70], ['walk-in', 20], ['chc', 10]], expertise: [['GPMD', 'General Practice'], ['A160', 'Family Medicine'], ['CCFP', 'Certificant; CFPC']], doctor: true }),
  r({ key: 'md-specialist', code: 'MD', display: 'Medical Doctor', codeSystem: 'scptype', license: 'physician', owner: 'CPS', licenseDigits: 5, mpid: true, credential: ['MD', 'Medical Degree'], weight: 11, workplaces: [['specialist', 75], ['hospital', 25]], doctor: true }),
  r({ key: 'md-radiologist', code: 'MD', display: 'Medical Doctor', codeSystem: 'scptype', license: 'physician', owner: 'CPS', licenseDigits: 5, mpid: true, credential: ['MD', 'Medical Degree'], weight: 2, workplaces: [['imaging', 80], ['hospital', 20]], expertise: [['117', 'Diagnostic Radiology']], doctor: true }),
  r({ key: 'rn', code: 'RN', display: 'Registered Nurse', codeSystem: 'scptype', license: 'nurse', owner: 'RNA', licenseDigits: 7, mpid: false, credential: ['BN', 'Bachelor Degree in Nursing'], weight: 20, workplaces: [['hospital', 50], ['chc', 20], ['family-practice', 15], ['ltc', 15]], expertise: [['ERN1', 'General Medicine'], ['ERN14', 'Community Health'], ['ERN12', 'Home Care'], ['ERN9', 'Emergency Care/Prehospital'], ['ERN3', 'Pediatrics'], ['ERN4', 'Maternal/Newborn'], ['ERN5', 'Psychiatric/Mental Health'], ['ERN13', 'Geriatric/Long Term Care'], ['ERN15', 'Ambulatory Care']] }),
  r({ key: 'rnp', code: 'RNP', display: 'Registered Nurse Practitioner', codeSystem: 'bc', license: 'nurse', owner: 'RNA', licenseDigits: 7, mpid: true, credential: ['MN', 'Masters Degree in Nursing'], weight: 3, workplaces: [['family-practice', 50], ['chc', 50]] }),
  r({ key: 'pharm', code: 'PHARM', display: 'Pharmacist', codeSystem: 'bc', license: 'pharmacist', owner: 'CP', licenseDigits: 5, mpid: false, credential: ['BSCPHARM', 'Bachelor of Science, Pharm'], weight: 7, workplaces: [['pharmacy', 85], ['hospital', 15]], expertise: [['GPPHARM', 'General Practice'], ['ONCRX', 'Oncology Pharmacy'], ['PSYRX', 'Psychiatric Pharmacy']] }),
  r({ key: 'ptech', code: 'PTECH', display: 'Pharmacy Technician', codeSystem: 'bc', license: 'pharmacy-technician', owner: 'CP', licenseDigits: 5, mpid: false, credential: ['D', 'Diploma'], weight: 2, workplaces: [['pharmacy', 100]] }),
  r({ key: 'den', code: 'DEN', display: 'Dentist', codeSystem: 'bc', license: 'dentist', owner: 'CDS', licenseDigits: 5, mpid: false, credential: ['DMD', 'Doctor of Dental Medicine '], weight: 4, workplaces: [['dental', 100]], expertise: [['GPDEN', 'General Practice'], ['ORTH', 'Orthodontics'], ['PER', 'Periodontics'], ['END', 'Endodontics']], doctor: true }),
  r({ key: 'rm', code: 'RM', display: 'Registered Midwife', codeSystem: 'bc', license: 'midwife', owner: 'RM', licenseDigits: 5, mpid: true, credential: ['BHSC', 'Bachelor of Health Sciences'], weight: 1.5, workplaces: [['family-practice', 60], ['chc', 40]] }),
  r({ key: 'physio', code: 'PHYSIO', display: 'Physiotherapist', codeSystem: 'bc', license: 'physical-therapist', owner: 'CPTBC', licenseDigits: 5, mpid: true, credential: ['MSC', 'Masters in Science'], weight: 4, workplaces: [['community', 80], ['hospital', 20]] }),
  r({ key: 'ot', code: 'OT', display: 'Occupational Therapist', codeSystem: 'bc', license: 'occupational-therapist', owner: 'COTBC', licenseDigits: 5, mpid: false, credential: ['MSC', 'Masters in Science'], weight: 2.5, workplaces: [['community', 50], ['hospital', 50]] }),
  r({ key: 'psych', code: 'PSYCH', display: 'Psychologist', codeSystem: 'bc', license: 'psychologist', owner: 'CPBC', licenseDigits: 4, mpid: false, credential: ['PHD', 'Doctorate'], weight: 2, workplaces: [['community', 70], ['hospital', 30]], doctor: true }),
  r({ key: 'sw', code: 'SW', display: 'Social Worker', codeSystem: 'bc', license: 'social-worker', owner: 'BCCSW', licenseDigits: 5, mpid: false, credential: ['MSW', 'Master of Social Work'], weight: 2.5, workplaces: [['chc', 40], ['hospital', 40], ['community', 20]] }),
  r({ key: 'rd', code: 'RD', display: 'Registered Dietitian', codeSystem: 'bc', license: 'dietitian', owner: 'CDBC', licenseDigits: 4, mpid: false, credential: ['BSC', 'Bachelor of Science'], weight: 1.5, workplaces: [['community', 50], ['hospital', 50]] }),
  r({ key: 'chiro', code: 'CHIRO', display: 'Chiropractor', codeSystem: 'bc', license: 'chiropractor', owner: 'CCBC', licenseDigits: 4, mpid: true, credential: ['DCHIRO', 'Doctor of Chiropractic'], weight: 1.5, workplaces: [['community', 100]], doctor: true }),
  r({ key: 'opt', code: 'OPT', display: 'Optometrist', codeSystem: 'bc', license: 'optometrist', owner: 'COBC', licenseDigits: 4, mpid: true, credential: ['BSC', 'Bachelor of Science'], weight: 1.5, workplaces: [['optometry', 100]], doctor: true }),
  r({ key: 'rmt', code: 'RMT', display: 'Registered Massage Therapist', codeSystem: 'bc', license: 'massage-therapist', owner: 'CMTBC', licenseDigits: 5, mpid: true, credential: ['DMT', 'Diploma in Massage Therapy'], weight: 2, workplaces: [['community', 100]] }),
  r({ key: 'cc', code: 'CC', display: 'Clinical Counsellor', codeSystem: 'bc', license: 'clinical-counsellor', owner: 'BCACC', licenseDigits: 5, mpid: false, credential: ['MA', 'Master of Arts'], weight: 2, workplaces: [['community', 100]] }),
  r({ key: 'kn', code: 'KN', display: 'Kinesiologist', codeSystem: 'bc', license: 'kinesiologist', owner: 'BCAK', licenseDigits: 4, mpid: false, credential: ['BSC', 'Bachelor of Science'], weight: 1, workplaces: [['community', 100]] }),
  r({ key: 'rtr', code: 'RTR', display: 'Radiation Technologist in Radiology', codeSystem: 'bc', license: 'radiation-technologist', owner: 'MOH', licenseDigits: 5, mpid: false, credential: ['RTRD', 'Radiological Technology Diploma'], weight: 2, workplaces: [['imaging', 70], ['hospital', 30]] }),
  r({ key: 'moa', code: 'MOA', display: 'Medical Office Assistant', codeSystem: 'bc', owner: 'MOH', licenseDigits: 6, mpid: false, credential: ['D', 'Diploma'], weight: 2, workplaces: [['family-practice', 70], ['specialist', 30]] }),
  r({ key: 'nd', code: 'ND', display: 'Naturopathic Doctor', codeSystem: 'bc', license: 'naturopathic-physician', owner: 'CNPBC', licenseDigits: 4, mpid: true, credential: ['OTHER', 'Null Flavour-Unknown'], weight: 0.8, workplaces: [['community', 100]], doctor: true }),
  r({ key: 'rac', code: 'RAC', display: 'Registered Acupuncturist', codeSystem: 'bc', license: 'acupuncturist', owner: 'CTCMA', licenseDigits: 5, mpid: false, credential: ['RAC', 'Reg. Acupuncturist Cert.'], weight: 0.5, workplaces: [['community', 100]] }),
];

export function roleByKey(key: string): RoleDef {
  const role = ROLES.find((r) => r.key === key);
  if (!role) throw new RangeError(`Unknown practitioner role ${key}`);
  return role;
}

/** Pairs of roles one person may hold (one Practitioner record each, one CPN). */
export const MULTI_ROLE_PAIRS: readonly (readonly [string, string])[] = [
  ['rn', 'rnp'], ['rn', 'rm'], ['physio', 'kn'], ['cc', 'sw'], ['psych', 'cc'], ['rd', 'kn'], ['rmt', 'kn'],
];

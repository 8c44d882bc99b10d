// Kinds of PLR organizations: their role type (HDS/CLINIC/BUSINESS/ORG), HDS type, naming and Ocean role.

export type OrgKind =
  | 'health-authority' | 'division' | 'business' | 'family-practice' | 'walk-in' | 'specialist' | 'community'
  | 'dental' | 'optometry' | 'hospital' | 'imaging' | 'lab' | 'pharmacy' | 'chc' | 'ltc';

export type ListingKind = 'diagnostic-imaging' | 'community-service' | 'specialist';

export interface OrgKindDef {
  kind: OrgKind;
  type: 'HDS' | 'CLINIC' | 'BUSINESS' | 'ORG';
  hdsType?: string;
  hdsSubtype?: string;
  /** Relative frequency among generated organizations (0 = only fixed ones). */
  weight: number;
  /** Name patterns: {place} locality, {city}, {street}, {family} a surname, {service} the specialty/service. */
  names: readonly string[];
  /** Ocean: sites that send referrals, and what listings receivers publish. */
  oceanSender?: boolean;
  listing?: ListingKind;
  /** Whether it has a civic site (a Location); ORG and BUSINESS organizations only have an office address. */
  hasSite: boolean;
}

export const ORG_KINDS: Readonly<Record<OrgKind, OrgKindDef>> = {
  'health-authority': { kind: 'health-authority', type: 'ORG', weight: 0, names: [], hasSite: false },
  division: { kind: 'division', type: 'ORG', weight: 1, names: ['{city} Division of Family Practice'], hasSite: false },
  business: { kind: 'business', type: 'BUSINESS', weight: 5, names: ['{family} Medical Corporation', '{place} Health Holdings Ltd.', 'Pacific {family} Health Inc.'], hasSite: false },
  'family-practice': { kind: 'family-practice', type: 'CLINIC', weight: 30, names: ['{place} Family Practice', '{place} Medical Clinic', '{street} Family Medicine', '{place} Primary Care Clinic'], oceanSender: true, hasSite: true },
  'walk-in': { kind: 'walk-in', type: 'CLINIC', weight: 6, names: ['{place} Walk-In Clinic', '{place} Urgent and Primary Care Centre'], oceanSender: true, hasSite: true },
  specialist: { kind: 'specialist', type: 'CLINIC', weight: 12, names: ['{city} {service} Associates', '{place} {service} Clinic'], listing: 'specialist', hasSite: true },
  community: { kind: 'community', type: 'CLINIC', weight: 9, names: ['{place} {service}', '{city} {service} Centre'], listing: 'community-service', hasSite: true },
  dental: { kind: 'dental', type: 'CLINIC', weight: 5, names: ['{place} Dental Centre', '{street} Dental'], hasSite: true },
  optometry: { kind: 'optometry', type: 'CLINIC', weight: 3, names: ['{place} Eye Care', '{city} Optometry'], hasSite: true },
  hospital: { kind: 'hospital', type: 'HDS', hdsType: 'HOSPITAL', hdsSubtype: 'HOS', weight: 0, names: [], hasSite: true },
  imaging: { kind: 'imaging', type: 'HDS', hdsType: 'OUTPATIENT', hdsSubtype: 'LNOHF', weight: 6, names: ['{place} Medical Imaging', '{city} Diagnostic Imaging', '{place} MRI and Ultrasound'], listing: 'diagnostic-imaging', hasSite: true },
  lab: { kind: 'lab', type: 'HDS', hdsType: 'LAB', hdsSubtype: 'CMN', weight: 4, names: ['{city} Community Laboratory', '{place} Lab Collection Site'], hasSite: true },
  pharmacy: { kind: 'pharmacy', type: 'HDS', hdsType: 'PHARMACY', hdsSubtype: 'CMN', weight: 12, names: ['{street} Pharmacy', '{place} Drugs', '{place} Apothecary'], hasSite: true },
  chc: { kind: 'chc', type: 'HDS', hdsType: 'GENERAL_CARE', hdsSubtype: 'LNCHC', weight: 4, names: ['{place} Community Health Centre'], oceanSender: true, hasSite: true },
  ltc: { kind: 'ltc', type: 'HDS', hdsType: 'HOUSING', hdsSubtype: 'BHACH', weight: 3, names: ['{place} Lodge', '{place} Care Centre', '{place} Manor'], hasSite: true },
};

/** A specialty or service a listing offers: PLR expertise code for practitioners, SNOMED CT for Ocean. */
export interface ServiceDef {
  name: string;
  expertise?: readonly [string, string];
  snomed: readonly [string, string];
  /** PLR role keys that deliver it (community services). */
  roles?: readonly string[];
}

export const SPECIALTIES: readonly ServiceDef[] = [
  { name: 'Cardiology', expertise: ['105', 'Cardiology'], snomed: ['394579002', 'Cardiology'] },
  { name: 'Dermatology', expertise: ['115', 'Dermatology'], snomed: ['394582007', 'Dermatology'] },
  { name: 'Endocrinology', expertise: ['415', 'Endocrin.  Metabolism (Int.Med. or Ped.)'], snomed: ['394583002', 'Endocrinology'] },
  { name: 'Gastroenterology', expertise: ['126', 'Gastroenterology'], snomed: ['394584008', 'Gastroenterology'] },
  { name: 'Neurology', expertise: ['145', 'Neurology'], snomed: ['394591006', 'Neurology'] },
  { name: 'Obstetrics and Gynecology', expertise: ['336', 'Obstetrics and Gynecology'], snomed: ['394585009', 'Obstetrics and gynecology'] },
  { name: 'Ophthalmology', expertise: ['338', 'Ophthalmology'], snomed: ['394594003', 'Ophthalmology'] },
  { name: 'Orthopedics', expertise: ['340', 'Orthopedic Surgery'], snomed: ['394801008', 'Trauma and orthopedics'] },
  { name: 'Psychiatry', expertise: ['165', 'Psychiatry'], snomed: ['394587001', 'Psychiatry'] },
  { name: 'General Surgery', expertise: ['315', 'General Surgery'], snomed: ['394609007', 'General surgery'] },
  { name: 'Respirology', expertise: ['176', 'Respirology'], snomed: ['418112009', 'Pulmonary medicine'] },
  { name: 'Urology', expertise: ['360', 'Urology'], snomed: ['394612005', 'Urology'] },
  { name: 'Rheumatology', expertise: ['180', 'Rheumatology'], snomed: ['394810000', 'Rheumatology'] },
  { name: 'Pediatrics', expertise: ['160', 'Pediatrics'], snomed: ['394537008', 'Pediatric specialty'] },
  { name: 'Geriatric Medicine', expertise: ['425', 'Geriatric Medicine (Int.Med.)'], snomed: ['394811001', 'Geriatric medicine'] },
  { name: 'Internal Medicine', expertise: ['136', 'Internal Medicine'], snomed: ['394802001', 'General medicine'] },
  { name: 'Nephrology', expertise: ['460', 'Nephrology (Int.Med or Ped.)'], snomed: ['394589003', 'Nephrology'] },
  { name: 'Otolaryngology', expertise: ['342', 'Otolaryngology'], snomed: ['418960008', 'Otolaryngology'] },
];

export const COMMUNITY_SERVICES: readonly ServiceDef[] = [
  { name: 'Physiotherapy', snomed: ['91251008', 'Physical therapy procedure'], roles: ['physio', 'kn', 'rmt'] },
  { name: 'Occupational Therapy', snomed: ['84478008', 'Occupational therapy'], roles: ['ot'] },
  { name: 'Counselling Services', snomed: ['409063005', 'Counseling'], roles: ['cc', 'psych', 'sw'] },
  { name: 'Nutrition Services', snomed: ['11816003', 'Diet education'], roles: ['rd'] },
];

/** Imaging modalities an imaging organization lists (SNOMED CT procedures) and the radiologist expertise they need. */
export const IMAGING_SERVICES: readonly ServiceDef[] = [
  { name: 'MRI', expertise: ['AMD16', 'Magnetic Resonance - Full'], snomed: ['113091000', 'Magnetic resonance imaging'] },
  { name: 'CT', expertise: ['CTI', 'Computed Tomography Imaging'], snomed: ['77477000', 'Computerized axial tomography'] },
  { name: 'Ultrasound', expertise: ['AMD29', 'Ultrasound - Full'], snomed: ['16310003', 'Ultrasonography'] },
  { name: 'X-ray', snomed: ['363680008', 'Radiographic imaging procedure'] },
  { name: 'Mammography', expertise: ['BI', 'Breast Imaging'], snomed: ['71651007', 'Mammography'] },
  { name: 'Bone Densitometry', snomed: ['312681000', 'Bone densitometry'] },
];

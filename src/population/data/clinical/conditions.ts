// Conditions a BC primary-care chart holds, with SNOMED CT codes and rough prevalence by age band.

/** Prevalence per age band: [0-17, 18-39, 40-64, 65+]. */
export type BandRates = readonly [number, number, number, number];

export interface ChronicConditionDef {
  key: string;
  snomed: string;
  display: string;
  rates: BandRates;
  /** Multiplier applied to the rate for one sex. */
  sexFactor?: { sex: 'male' | 'female'; factor: number };
  onlySex?: 'male' | 'female';
  /** Earliest age at onset. */
  minOnsetAge: number;
  /** Chance the condition is recorded as remission/inactive (past history) rather than active. */
  pastShare?: number;
  pastStatus?: 'remission' | 'inactive';
}

export const CHRONIC_CONDITIONS: readonly ChronicConditionDef[] = [
  { key: 'hypertension', snomed: '38341003', display: 'Hypertensive disorder', rates: [0, 0.05, 0.25, 0.55], minOnsetAge: 25 },
  { key: 't2dm', snomed: '44054006', display: 'Type 2 diabetes mellitus', rates: [0.001, 0.02, 0.1, 0.2], minOnsetAge: 25 },
  { key: 't1dm', snomed: '46635009', display: 'Type 1 diabetes mellitus', rates: [0.003, 0.005, 0.005, 0.004], minOnsetAge: 2 },
  { key: 'hyperlipidemia', snomed: '55822004', display: 'Hyperlipidemia', rates: [0, 0.03, 0.2, 0.35], minOnsetAge: 25 },
  { key: 'asthma', snomed: '195967001', display: 'Asthma', rates: [0.1, 0.09, 0.08, 0.07], minOnsetAge: 2, pastShare: 0.25, pastStatus: 'inactive' },
  { key: 'copd', snomed: '13645005', display: 'Chronic obstructive lung disease', rates: [0, 0.002, 0.04, 0.1], minOnsetAge: 40 },
  { key: 'depression', snomed: '35489007', display: 'Depressive disorder', rates: [0.02, 0.1, 0.1, 0.08], minOnsetAge: 12, pastShare: 0.3, pastStatus: 'remission' },
  { key: 'anxiety', snomed: '197480006', display: 'Anxiety disorder', rates: [0.04, 0.12, 0.1, 0.07], minOnsetAge: 8, pastShare: 0.2, pastStatus: 'inactive' },
  { key: 'osteoarthritis', snomed: '396275006', display: 'Osteoarthritis', rates: [0, 0.02, 0.12, 0.35], minOnsetAge: 35 },
  { key: 'hypothyroidism', snomed: '40930008', display: 'Hypothyroidism', rates: [0.002, 0.02, 0.04, 0.07], sexFactor: { sex: 'female', factor: 2 }, minOnsetAge: 15 },
  { key: 'gerd', snomed: '235595009', display: 'Gastroesophageal reflux disease', rates: [0.01, 0.08, 0.15, 0.18], minOnsetAge: 12 },
  { key: 'ckd', snomed: '709044004', display: 'Chronic kidney disease', rates: [0, 0.005, 0.04, 0.15], minOnsetAge: 35 },
  { key: 'afib', snomed: '49436004', display: 'Atrial fibrillation', rates: [0, 0.002, 0.02, 0.09], minOnsetAge: 40 },
  { key: 'cad', snomed: '53741008', display: 'Coronary arteriosclerosis', rates: [0, 0.002, 0.04, 0.14], sexFactor: { sex: 'male', factor: 1.6 }, minOnsetAge: 40 },
  { key: 'heart-failure', snomed: '84114007', display: 'Heart failure', rates: [0, 0, 0.01, 0.06], minOnsetAge: 50 },
  { key: 'migraine', snomed: '37796009', display: 'Migraine', rates: [0.03, 0.12, 0.1, 0.04], sexFactor: { sex: 'female', factor: 2.5 }, minOnsetAge: 10 },
  { key: 'obesity', snomed: '414916001', display: 'Obesity', rates: [0.05, 0.15, 0.22, 0.2], minOnsetAge: 6 },
  { key: 'osteoporosis', snomed: '64859006', display: 'Osteoporosis', rates: [0, 0.005, 0.05, 0.15], sexFactor: { sex: 'female', factor: 3 }, minOnsetAge: 45 },
  { key: 'bph', snomed: '266569009', display: 'Benign prostatic hyperplasia', rates: [0, 0, 0.1, 0.35], onlySex: 'male', minOnsetAge: 45 },
  { key: 'gout', snomed: '90560007', display: 'Gout', rates: [0, 0.01, 0.03, 0.05], sexFactor: { sex: 'male', factor: 2.5 }, minOnsetAge: 30 },
  { key: 'sleep-apnea', snomed: '73430006', display: 'Sleep apnea', rates: [0.005, 0.03, 0.08, 0.1], minOnsetAge: 25 },
  { key: 'adhd', snomed: '406506008', display: 'Attention deficit hyperactivity disorder', rates: [0.06, 0.04, 0.01, 0], minOnsetAge: 5, pastShare: 0.2, pastStatus: 'inactive' },
  { key: 'eczema', snomed: '24079001', display: 'Atopic dermatitis', rates: [0.12, 0.04, 0.02, 0.01], minOnsetAge: 0, pastShare: 0.4, pastStatus: 'inactive' },
  { key: 'rheumatoid-arthritis', snomed: '69896004', display: 'Rheumatoid arthritis', rates: [0, 0.003, 0.01, 0.02], sexFactor: { sex: 'female', factor: 2.5 }, minOnsetAge: 25 },
  { key: 'epilepsy', snomed: '84757009', display: 'Epilepsy', rates: [0.006, 0.008, 0.008, 0.008], minOnsetAge: 2 },
  { key: 'alzheimers', snomed: '26929004', display: "Alzheimer's disease", rates: [0, 0, 0.002, 0.06], minOnsetAge: 60 },
  { key: 'breast-cancer', snomed: '254837009', display: 'Malignant neoplasm of breast', rates: [0, 0.002, 0.015, 0.04], onlySex: 'female', minOnsetAge: 30, pastShare: 0.7, pastStatus: 'remission' },
  { key: 'prostate-cancer', snomed: '399068003', display: 'Malignant tumor of prostate', rates: [0, 0, 0.01, 0.06], onlySex: 'male', minOnsetAge: 50, pastShare: 0.6, pastStatus: 'remission' },
];

export interface AcuteConditionDef {
  key: string;
  snomed: string;
  display: string;
  /** Lifetime chance of an episode on the chart: [child, adult]. */
  chance: readonly [number, number];
  onlySex?: 'male' | 'female';
  minAge: number;
  maxAge?: number;
  /** Days from onset to resolution. */
  duration: readonly [number, number];
}

/** Resolved episodes: they feed the past medical history (@ptCpp.pmhx). */
export const ACUTE_CONDITIONS: readonly AcuteConditionDef[] = [
  { key: 'otitis-media', snomed: '65363002', display: 'Otitis media', chance: [0.4, 0.1], minAge: 0, duration: [7, 14] },
  { key: 'pneumonia', snomed: '233604007', display: 'Pneumonia', chance: [0.05, 0.08], minAge: 0, duration: [10, 30] },
  { key: 'appendicitis', snomed: '74400008', display: 'Appendicitis', chance: [0.03, 0.06], minAge: 6, duration: [5, 20] },
  { key: 'uti', snomed: '68566005', display: 'Urinary tract infectious disease', chance: [0.05, 0.25], minAge: 2, duration: [5, 10] },
  { key: 'fracture', snomed: '125605004', display: 'Fracture of bone', chance: [0.12, 0.2], minAge: 2, duration: [42, 90] },
  { key: 'ankle-sprain', snomed: '44465007', display: 'Sprain of ankle', chance: [0.08, 0.1], minAge: 6, duration: [14, 42] },
  { key: 'bronchitis', snomed: '10509002', display: 'Acute bronchitis', chance: [0.1, 0.15], minAge: 1, duration: [10, 21] },
  { key: 'sinusitis', snomed: '36971009', display: 'Sinusitis', chance: [0.05, 0.15], minAge: 5, duration: [7, 21] },
  { key: 'concussion', snomed: '110030002', display: 'Concussion injury of brain', chance: [0.05, 0.05], minAge: 5, duration: [14, 60] },
  { key: 'cholelithiasis', snomed: '235919008', display: 'Cholelithiasis', chance: [0, 0.05], minAge: 25, duration: [30, 120] },
  { key: 'gestational-diabetes', snomed: '11687002', display: 'Gestational diabetes mellitus', chance: [0, 0.05], onlySex: 'female', minAge: 22, maxAge: 60, duration: [90, 120] },
  { key: 'myocardial-infarction', snomed: '22298006', display: 'Myocardial infarction', chance: [0, 0.02], minAge: 45, duration: [30, 90] },
  { key: 'stroke', snomed: '230690007', display: 'Cerebrovascular accident', chance: [0, 0.02], minAge: 55, duration: [60, 180] },
];

/** Age band index for BandRates. */
export function ageBand(age: number): 0 | 1 | 2 | 3 {
  return age < 18 ? 0 : age < 40 ? 1 : age < 65 ? 2 : 3;
}

// Medications for the chart's conditions, coded with WHO ATC.

export type Route = 'oral' | 'inhaled' | 'topical' | 'subcutaneous' | 'nasal';

export interface MedicationDef {
  text: string;
  atc: string;
  atcDisplay: string;
  dosage: string;
  route: Route;
}

const m = (text: string, atc: string, atcDisplay: string, dosage: string, route: Route = 'oral'): MedicationDef => ({ text, atc, atcDisplay, dosage, route });

/** Choices per condition key; a patient gets one or two of them. */
export const MEDICATIONS_FOR: Readonly<Record<string, readonly MedicationDef[]>> = {
  hypertension: [
    m('Ramipril 5 mg capsule', 'C09AA05', 'ramipril', '1 capsule by mouth once daily'),
    m('Amlodipine 5 mg tablet', 'C08CA01', 'amlodipine', '1 tablet by mouth once daily'),
    m('Hydrochlorothiazide 25 mg tablet', 'C03AA03', 'hydrochlorothiazide', '1 tablet by mouth every morning'),
    m('Candesartan 16 mg tablet', 'C09CA06', 'candesartan', '1 tablet by mouth once daily'),
    m('Perindopril 4 mg tablet', 'C09AA04', 'perindopril', '1 tablet by mouth once daily'),
  ],
  t2dm: [
    m('Metformin 500 mg tablet', 'A10BA02', 'metformin', '1 tablet by mouth twice daily with meals'),
    m('Empagliflozin 10 mg tablet', 'A10BK03', 'empagliflozin', '1 tablet by mouth once daily'),
    m('Sitagliptin 100 mg tablet', 'A10BH01', 'sitagliptin', '1 tablet by mouth once daily'),
    m('Gliclazide MR 30 mg tablet', 'A10BB09', 'gliclazide', '1 tablet by mouth with breakfast'),
  ],
  t1dm: [
    m('Insulin glargine 100 units/mL pen', 'A10AE04', 'insulin glargine', '18 units subcutaneously at bedtime', 'subcutaneous'),
    m('Insulin aspart 100 units/mL pen', 'A10AB05', 'insulin aspart', '4-8 units subcutaneously with meals', 'subcutaneous'),
  ],
  hyperlipidemia: [
    m('Atorvastatin 20 mg tablet', 'C10AA05', 'atorvastatin', '1 tablet by mouth once daily'),
    m('Rosuvastatin 10 mg tablet', 'C10AA07', 'rosuvastatin', '1 tablet by mouth at bedtime'),
    m('Ezetimibe 10 mg tablet', 'C10AX09', 'ezetimibe', '1 tablet by mouth once daily'),
  ],
  asthma: [
    m('Salbutamol 100 mcg inhaler', 'R03AC02', 'salbutamol', '1-2 puffs inhaled every 4-6 hours as needed', 'inhaled'),
    m('Fluticasone 125 mcg inhaler', 'R03BA05', 'fluticasone', '2 puffs inhaled twice daily', 'inhaled'),
    m('Budesonide/formoterol 200/6 mcg inhaler', 'R03AK07', 'formoterol and budesonide', '1 inhalation twice daily', 'inhaled'),
    m('Montelukast 10 mg tablet', 'R03DC03', 'montelukast', '1 tablet by mouth at bedtime'),
  ],
  copd: [
    m('Tiotropium 18 mcg inhalation capsule', 'R03BB04', 'tiotropium bromide', 'Inhale contents of 1 capsule once daily', 'inhaled'),
    m('Salbutamol 100 mcg inhaler', 'R03AC02', 'salbutamol', '2 puffs inhaled every 4-6 hours as needed', 'inhaled'),
  ],
  depression: [
    m('Sertraline 50 mg tablet', 'N06AB06', 'sertraline', '1 tablet by mouth once daily'),
    m('Escitalopram 10 mg tablet', 'N06AB10', 'escitalopram', '1 tablet by mouth once daily'),
    m('Bupropion XL 150 mg tablet', 'N06AX12', 'bupropion', '1 tablet by mouth every morning'),
    m('Venlafaxine XR 75 mg capsule', 'N06AX16', 'venlafaxine', '1 capsule by mouth once daily'),
  ],
  anxiety: [
    m('Citalopram 20 mg tablet', 'N06AB04', 'citalopram', '1 tablet by mouth once daily'),
    m('Sertraline 50 mg tablet', 'N06AB06', 'sertraline', '1 tablet by mouth once daily'),
  ],
  osteoarthritis: [
    m('Acetaminophen 500 mg tablet', 'N02BE01', 'paracetamol', '1-2 tablets by mouth every 6 hours as needed'),
    m('Naproxen 500 mg tablet', 'M01AE02', 'naproxen', '1 tablet by mouth twice daily with food as needed'),
  ],
  hypothyroidism: [m('Levothyroxine 75 mcg tablet', 'H03AA01', 'levothyroxine sodium', '1 tablet by mouth every morning before breakfast')],
  gerd: [
    m('Pantoprazole 40 mg tablet', 'A02BC02', 'pantoprazole', '1 tablet by mouth once daily before breakfast'),
    m('Omeprazole 20 mg capsule', 'A02BC01', 'omeprazole', '1 capsule by mouth once daily'),
  ],
  afib: [
    m('Apixaban 5 mg tablet', 'B01AF02', 'apixaban', '1 tablet by mouth twice daily'),
    m('Metoprolol 50 mg tablet', 'C07AB02', 'metoprolol', '1 tablet by mouth twice daily'),
  ],
  cad: [
    m('Acetylsalicylic acid 81 mg tablet', 'B01AC06', 'acetylsalicylic acid', '1 tablet by mouth once daily'),
    m('Bisoprolol 5 mg tablet', 'C07AB07', 'bisoprolol', '1 tablet by mouth once daily'),
    m('Nitroglycerin 0.4 mg spray', 'C01DA02', 'glyceryl trinitrate', '1 spray under the tongue as needed for chest pain'),
  ],
  'heart-failure': [
    m('Furosemide 40 mg tablet', 'C03CA01', 'furosemide', '1 tablet by mouth every morning'),
    m('Sacubitril/valsartan 49/51 mg tablet', 'C09DX04', 'valsartan and sacubitril', '1 tablet by mouth twice daily'),
    m('Spironolactone 25 mg tablet', 'C03DA01', 'spironolactone', '1 tablet by mouth once daily'),
  ],
  migraine: [
    m('Sumatriptan 50 mg tablet', 'N02CC01', 'sumatriptan', '1 tablet by mouth at onset of migraine; may repeat once after 2 hours'),
    m('Topiramate 25 mg tablet', 'N03AX11', 'topiramate', '1 tablet by mouth twice daily'),
  ],
  osteoporosis: [
    m('Alendronate 70 mg tablet', 'M05BA04', 'alendronic acid', '1 tablet by mouth once weekly'),
    m('Vitamin D3 1000 IU tablet', 'A11CC05', 'colecalciferol', '1 tablet by mouth once daily'),
  ],
  bph: [m('Tamsulosin CR 0.4 mg tablet', 'G04CA02', 'tamsulosin', '1 tablet by mouth once daily')],
  gout: [m('Allopurinol 100 mg tablet', 'M04AA01', 'allopurinol', '1 tablet by mouth once daily')],
  adhd: [m('Methylphenidate ER 18 mg tablet', 'N06BA04', 'methylphenidate', '1 tablet by mouth every morning')],
  eczema: [
    m('Hydrocortisone 1% cream', 'D07AA02', 'hydrocortisone', 'Apply thinly to affected areas twice daily', 'topical'),
    m('Mometasone 0.1% ointment', 'D07AC13', 'mometasone', 'Apply thinly once daily to affected areas', 'topical'),
  ],
  'rheumatoid-arthritis': [
    m('Methotrexate 2.5 mg tablet', 'L04AX03', 'methotrexate', '6 tablets by mouth once weekly'),
    m('Hydroxychloroquine 200 mg tablet', 'P01BA02', 'hydroxychloroquine', '1 tablet by mouth twice daily'),
  ],
  epilepsy: [m('Levetiracetam 500 mg tablet', 'N03AX14', 'levetiracetam', '1 tablet by mouth twice daily')],
  alzheimers: [m('Donepezil 10 mg tablet', 'N06DA02', 'donepezil', '1 tablet by mouth at bedtime')],
  ckd: [m('Ramipril 2.5 mg capsule', 'C09AA05', 'ramipril', '1 capsule by mouth once daily')],
};

/** Short courses for resolved episodes (recorded as completed). */
export const COURSES_FOR: Readonly<Record<string, MedicationDef>> = {
  'otitis-media': m('Amoxicillin 250 mg/5 mL suspension', 'J01CA04', 'amoxicillin', '10 mL by mouth three times daily for 7 days'),
  pneumonia: m('Amoxicillin 500 mg capsule', 'J01CA04', 'amoxicillin', '2 capsules by mouth three times daily for 7 days'),
  uti: m('Nitrofurantoin 100 mg capsule', 'J01XE01', 'nitrofurantoin', '1 capsule by mouth twice daily for 5 days'),
  sinusitis: m('Amoxicillin-clavulanate 875/125 mg tablet', 'J01CR02', 'amoxicillin and beta-lactamase inhibitor', '1 tablet by mouth twice daily for 7 days'),
  fracture: m('Ibuprofen 400 mg tablet', 'M01AE01', 'ibuprofen', '1 tablet by mouth every 6 hours as needed for pain'),
};

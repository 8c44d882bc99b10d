// The observations Ocean prefills (docs/smart-launch.md#eform-keywords, #patient-everything), with LOINC codes and UCUM units.

export type ObservationCategory = 'vital-signs' | 'laboratory' | 'social-history';

/** A numeric observation: one LOINC code, one UCUM unit, a reference range where one applies. */
export interface QuantityObservationDef {
  key: string;
  loinc: string;
  /** LOINC display, only where the long common name is certain; code.text always carries `text`. */
  display?: string;
  text: string;
  /** Ocean keyword suffix: @ptLatestVal.<keyword>. */
  keyword: string;
  category: ObservationCategory;
  unit: string;
  decimals: number;
  low?: number;
  high?: number;
  rangeText?: string;
}

const q = (def: QuantityObservationDef): QuantityObservationDef => def;

export const QUANTITY_OBSERVATIONS = {
  ht: q({ key: 'ht', loinc: '8302-2', display: 'Body height', text: 'Height', keyword: 'ht', category: 'vital-signs', unit: 'cm', decimals: 1 }),
  wt: q({ key: 'wt', loinc: '29463-7', display: 'Body weight', text: 'Weight', keyword: 'wt', category: 'vital-signs', unit: 'kg', decimals: 1 }),
  cr: q({ key: 'cr', loinc: '38483-4', display: 'Creatinine [Mass/volume] in Blood', text: 'Creatinine', keyword: 'cr', category: 'laboratory', unit: 'mg/dL', decimals: 2, low: 0.5, high: 1.2 }),
  egfr: q({ key: 'egfr', loinc: '45066-8', text: 'Estimated GFR', keyword: 'egfr', category: 'laboratory', unit: 'mL/min/{1.73_m2}', decimals: 0, low: 60 }),
  a1c: q({ key: 'a1c', loinc: '59261-8', display: 'Hemoglobin A1c/Hemoglobin.total in Blood by IFCC protocol', text: 'Hemoglobin A1c', keyword: 'a1c', category: 'laboratory', unit: 'mmol/mol', decimals: 0, high: 42 }),
  acr: q({ key: 'acr', loinc: '32294-1', display: 'Albumin/Creatinine [Ratio] in Urine', text: 'Albumin to creatinine ratio', keyword: 'acr', category: 'laboratory', unit: 'mg/mmol', decimals: 1, high: 2 }),
  fbs: q({ key: 'fbs', loinc: '76629-5', display: 'Fasting glucose [Moles/volume] in Blood', text: 'Fasting blood sugar', keyword: 'fbs', category: 'laboratory', unit: 'mmol/L', decimals: 1, low: 3.6, high: 6 }),
  tg: q({ key: 'tg', loinc: '12228-3', text: 'Triglycerides', keyword: 'tg', category: 'laboratory', unit: 'mmol/L', decimals: 2, high: 1.7 }),
  hdl: q({ key: 'hdl', loinc: '2085-9', display: 'Cholesterol in HDL [Mass/volume] in Serum or Plasma', text: 'HDL cholesterol', keyword: 'hdl', category: 'laboratory', unit: 'mg/dL', decimals: 0, low: 40 }),
  ldl: q({ key: 'ldl', loinc: '2089-1', display: 'Cholesterol in LDL [Mass/volume] in Serum or Plasma', text: 'LDL cholesterol', keyword: 'lldl', category: 'laboratory', unit: 'mg/dL', decimals: 0, high: 130 }),
  cholHdl: q({ key: 'cholHdl', loinc: '96589-7', text: 'Total cholesterol/HDL ratio', keyword: 'chol_hdl', category: 'laboratory', unit: '{ratio}', decimals: 1, high: 5 }),
  gtt: q({ key: 'gtt', loinc: '72171-2', text: 'Glucose tolerance test (2 hour, 75 g)', keyword: 'gtt', category: 'laboratory', unit: 'mmol/L', decimals: 1, high: 7.8 }),
  sKetones: q({ key: 'sKetones', loinc: '33058-9', text: 'Serum ketones', keyword: 's_ketones', category: 'laboratory', unit: 'mmol/L', decimals: 1, high: 0.6 }),
  uKetones: q({ key: 'uKetones', loinc: '22702-5', text: 'Urine ketones', keyword: 'u_ketones', category: 'laboratory', unit: 'mmol/L', decimals: 1, rangeText: 'Negative' }),
  na: q({ key: 'na', loinc: '2947-0', display: 'Sodium [Moles/volume] in Blood', text: 'Sodium', keyword: 'na', category: 'laboratory', unit: 'mmol/L', decimals: 0, low: 135, high: 145 }),
  k: q({ key: 'k', loinc: '6298-4', display: 'Potassium [Moles/volume] in Blood', text: 'Potassium', keyword: 'k', category: 'laboratory', unit: 'mmol/L', decimals: 1, low: 3.5, high: 5 }),
  co2: q({ key: 'co2', loinc: '20565-8', display: 'Carbon dioxide, total [Moles/volume] in Blood', text: 'Carbon dioxide', keyword: 'co2', category: 'laboratory', unit: 'mmol/L', decimals: 0, low: 22, high: 29 }),
} as const;

export type QuantityKey = keyof typeof QUANTITY_OBSERVATIONS;

/** Blood pressure: a panel with systolic and diastolic components (docs/smart-launch.md#patient-everything). */
export const BLOOD_PRESSURE = {
  panel: { loinc: '35094-2', display: 'Blood pressure panel', text: 'Blood pressure', keyword: 'bp' },
  systolic: { loinc: '8480-6', display: 'Systolic blood pressure' },
  diastolic: { loinc: '8462-4', display: 'Diastolic blood pressure' },
  unit: 'mm[Hg]',
} as const;

/** Social history Ocean codes (docs/smart-launch.md#patient-everything): smoking status (SNOMED answer), cigarettes and drinks per day (strings). */
export const SOCIAL = {
  smoking: { loinc: '72166-2', display: 'Tobacco smoking status', text: 'Smoking status' },
  cigarettes: { loinc: '63640-7', text: 'Cigarettes per day' },
  alcohol: { loinc: '74013-4', text: 'Alcoholic drinks per day' },
  answers: {
    current: { snomed: '449868002', display: 'Smokes tobacco daily' },
    former: { snomed: '8517006', display: 'Ex-smoker' },
    never: { snomed: '266919005', display: 'Never smoked tobacco' },
  },
} as const;

/** Every LOINC code the seed-003 keyword table lists (height through CO2; BP as its panel code). */
export const KEYWORD_TABLE_LOINC: readonly string[] = [
  '8302-2', '29463-7', '35094-2', '38483-4', '45066-8', '59261-8', '32294-1', '76629-5', '12228-3',
  '2085-9', '2089-1', '96589-7', '72171-2', '33058-9', '22702-5', '2947-0', '6298-4', '20565-8',
];

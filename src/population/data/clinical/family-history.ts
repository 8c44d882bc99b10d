// Relatives and the conditions a family history records.

export const RELATIVES: readonly { code: string; display: string; sex: 'male' | 'female' }[] = [
  { code: 'FTH', display: 'father', sex: 'male' },
  { code: 'MTH', display: 'mother', sex: 'female' },
  { code: 'BRO', display: 'brother', sex: 'male' },
  { code: 'SIS', display: 'sister', sex: 'female' },
  { code: 'GRFTH', display: 'grandfather', sex: 'male' },
  { code: 'GRMTH', display: 'grandmother', sex: 'female' },
];

export interface FamilyConditionDef {
  snomed: string;
  display: string;
  onsetAge: readonly [number, number];
  onlySex?: 'male' | 'female';
}

export const FAMILY_CONDITIONS: readonly FamilyConditionDef[] = [
  { snomed: '56265001', display: 'Heart disease', onsetAge: [45, 80] },
  { snomed: '44054006', display: 'Type 2 diabetes mellitus', onsetAge: [40, 70] },
  { snomed: '38341003', display: 'Hypertensive disorder', onsetAge: [35, 70] },
  { snomed: '254837009', display: 'Malignant neoplasm of breast', onsetAge: [40, 75], onlySex: 'female' },
  { snomed: '363406005', display: 'Malignant neoplasm of colon', onsetAge: [50, 80] },
  { snomed: '230690007', display: 'Cerebrovascular accident', onsetAge: [55, 85] },
  { snomed: '26929004', display: "Alzheimer's disease", onsetAge: [65, 90] },
  { snomed: '399068003', display: 'Malignant tumor of prostate', onsetAge: [55, 85], onlySex: 'male' },
  { snomed: '64859006', display: 'Osteoporosis', onsetAge: [55, 85] },
  { snomed: '35489007', display: 'Depressive disorder', onsetAge: [20, 60] },
  { snomed: '195967001', display: 'Asthma', onsetAge: [3, 40] },
  { snomed: '23986001', display: 'Glaucoma', onsetAge: [50, 80] },
];

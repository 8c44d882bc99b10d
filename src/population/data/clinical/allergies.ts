// Allergies and intolerances with SNOMED CT reaction manifestations.

export interface ReactionDef {
  snomed: string;
  display: string;
}

export const REACTIONS = {
  hives: { snomed: '126485001', display: 'Urticaria' },
  anaphylaxis: { snomed: '39579001', display: 'Anaphylaxis' },
  rash: { snomed: '271807003', display: 'Eruption of skin' },
  nausea: { snomed: '422587007', display: 'Nausea' },
  itching: { snomed: '418290006', display: 'Itching' },
  angioedema: { snomed: '41291007', display: 'Angioedema' },
  wheezing: { snomed: '56018004', display: 'Wheezing' },
  rhinitis: { snomed: '61582004', display: 'Allergic rhinitis' },
  vomiting: { snomed: '422400008', display: 'Vomiting' },
} as const satisfies Record<string, ReactionDef>;

export interface AllergyDef {
  text: string;
  category: 'medication' | 'food' | 'environment';
  type: 'allergy' | 'intolerance';
  criticality: 'low' | 'high';
  reactions: readonly ReactionDef[];
  severity: 'mild' | 'moderate' | 'severe';
  weight: number;
  childhood?: boolean;
}

export const ALLERGIES: readonly AllergyDef[] = [
  { text: 'Penicillin', category: 'medication', type: 'allergy', criticality: 'high', reactions: [REACTIONS.hives], severity: 'moderate', weight: 30 },
  { text: 'Sulfonamide antibiotics', category: 'medication', type: 'allergy', criticality: 'low', reactions: [REACTIONS.rash], severity: 'mild', weight: 12 },
  { text: 'Codeine', category: 'medication', type: 'intolerance', criticality: 'low', reactions: [REACTIONS.nausea, REACTIONS.vomiting], severity: 'mild', weight: 8 },
  { text: 'Acetylsalicylic acid (ASA)', category: 'medication', type: 'allergy', criticality: 'low', reactions: [REACTIONS.wheezing], severity: 'moderate', weight: 4 },
  { text: 'Amoxicillin', category: 'medication', type: 'allergy', criticality: 'low', reactions: [REACTIONS.rash], severity: 'mild', weight: 8 },
  { text: 'Ibuprofen', category: 'medication', type: 'intolerance', criticality: 'low', reactions: [REACTIONS.nausea], severity: 'mild', weight: 4 },
  { text: 'Morphine', category: 'medication', type: 'intolerance', criticality: 'low', reactions: [REACTIONS.itching], severity: 'mild', weight: 3 },
  { text: 'Iodinated contrast media', category: 'medication', type: 'allergy', criticality: 'high', reactions: [REACTIONS.hives, REACTIONS.angioedema], severity: 'severe', weight: 3 },
  { text: 'Peanut', category: 'food', type: 'allergy', criticality: 'high', reactions: [REACTIONS.anaphylaxis], severity: 'severe', weight: 8, childhood: true },
  { text: 'Tree nuts', category: 'food', type: 'allergy', criticality: 'high', reactions: [REACTIONS.angioedema], severity: 'severe', weight: 4, childhood: true },
  { text: 'Shellfish', category: 'food', type: 'allergy', criticality: 'high', reactions: [REACTIONS.hives], severity: 'moderate', weight: 5 },
  { text: "Hen's egg", category: 'food', type: 'allergy', criticality: 'low', reactions: [REACTIONS.rash], severity: 'mild', weight: 3, childhood: true },
  { text: 'Latex', category: 'environment', type: 'allergy', criticality: 'high', reactions: [REACTIONS.hives], severity: 'moderate', weight: 3 },
  { text: 'Bee venom', category: 'environment', type: 'allergy', criticality: 'high', reactions: [REACTIONS.anaphylaxis], severity: 'severe', weight: 3 },
  { text: 'Cat dander', category: 'environment', type: 'allergy', criticality: 'low', reactions: [REACTIONS.rhinitis], severity: 'mild', weight: 6 },
  { text: 'Grass pollen', category: 'environment', type: 'allergy', criticality: 'low', reactions: [REACTIONS.rhinitis, REACTIONS.itching], severity: 'mild', weight: 8 },
];

/** SNOMED CT "No known allergy" (situation). */
export const NO_KNOWN_ALLERGY = { snomed: '716186003', display: 'No known allergy' } as const;

// BC's routine immunization schedule and adult vaccines, coded with CVX.

export interface VaccineDef {
  cvx: string;
  display: string;
  text: string;
}

const v = (cvx: string, display: string, text: string): VaccineDef => ({ cvx, display, text });

export const VACCINES = {
  hexavalent: v('146', 'DTaP,IPV,Hib,HepB', 'DTaP-HB-IPV-Hib (diphtheria, tetanus, pertussis, hepatitis B, polio, Hib)'),
  pcv13: v('133', 'Pneumococcal conjugate PCV 13', 'Pneumococcal conjugate'),
  rotavirus: v('119', 'rotavirus, monovalent', 'Rotavirus'),
  menC: v('103', 'meningococcal C conjugate', 'Meningococcal C conjugate'),
  mmr: v('03', 'MMR', 'Measles, mumps, rubella (MMR)'),
  varicella: v('21', 'varicella', 'Varicella (chickenpox)'),
  dtapIpvHib: v('120', 'DTaP-Hib-IPV', 'DTaP-IPV-Hib'),
  dtapIpv: v('130', 'DTaP-IPV', 'DTaP-IPV (school entry booster)'),
  mmrv: v('94', 'MMRV', 'Measles, mumps, rubella, varicella (MMRV)'),
  hpv9: v('165', 'HPV9', 'Human papillomavirus (HPV9)'),
  tdap: v('115', 'Tdap', 'Tetanus, diphtheria, pertussis (Tdap)'),
  menAcwy: v('136', 'Meningococcal MCV4O', 'Meningococcal quadrivalent conjugate (Men-C-ACYW)'),
  td: v('113', 'Td (adult) preservative free', 'Tetanus, diphtheria (Td) booster'),
  influenza: v('150', 'Influenza, injectable, quadrivalent, preservative free', 'Influenza (seasonal)'),
  covid: v('208', 'COVID-19, mRNA, LNP-S, PF, 30 mcg/0.3 mL dose', 'COVID-19 mRNA'),
  ppv23: v('33', 'pneumococcal polysaccharide PPV23', 'Pneumococcal polysaccharide (Pneu-P-23)'),
  shingles: v('187', 'zoster recombinant', 'Herpes zoster (shingles) recombinant'),
} as const;

/** Childhood doses: [age in days at the dose, vaccine]. */
export const CHILDHOOD_SCHEDULE: readonly (readonly [number, VaccineDef])[] = [
  [61, VACCINES.hexavalent], [61, VACCINES.pcv13], [61, VACCINES.rotavirus], [61, VACCINES.menC],
  [122, VACCINES.hexavalent], [122, VACCINES.pcv13], [122, VACCINES.rotavirus],
  [183, VACCINES.hexavalent],
  [366, VACCINES.mmr], [366, VACCINES.varicella], [366, VACCINES.menC], [366, VACCINES.pcv13],
  [548, VACCINES.dtapIpvHib],
  [1645, VACCINES.dtapIpv], [1645, VACCINES.mmrv],
  [4200, VACCINES.hpv9], [4380, VACCINES.hpv9],
  [5200, VACCINES.tdap], [5200, VACCINES.menAcwy],
];

// The shape of a name table for one community.

/** Names of one community; `englishGivenShare` of its members carry an English given name. */
export interface NameGroup {
  id: string;
  male: readonly string[];
  female: readonly string[];
  family: readonly string[];
  /** Share of members whose documented given name is English (born or raised in Canada). */
  englishGivenShare: number;
  /** BCP-47 codes of the community's languages (first is the most common); empty = English only. */
  languages: readonly string[];
}

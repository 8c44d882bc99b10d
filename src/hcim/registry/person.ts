// A registry person: the population's immutable client or the store's overlay record, in one shape.
import type * as fhir from '../../fhir/types.js';
import type { ClientRecord, ClientStatus } from '../../population/types.js';

/**
 * A source record a partner keeps in the registry: its SRI and that source's own demographics (the last snapshot a
 * revise sent, with the elements later updates named). The person's composite is derived from these.
 */
export interface SourceRecord {
  partner: string;
  /**
   * The FHIR naming system; one filed over HL7v3 is the naming system of its assigningAuthorityName. The PHN system
   * (and the PHN as `value`) for what a partner filed by PHN alone, an UpdatePatient without an SRI: no SRI, so
   * answers do not list it.
   */
  system: string;
  value: string;
  /** The source code the filer stated (HL7v3 assigningAuthorityName, or a FHIR assigner ending in it), as sent. */
  authority?: string;
  phn: string;
  patient: fhir.Patient;
  updatedAt: string;
  /**
   * Orders records filed at the same instant (the simulated clock may stand still): later is higher, registry-wide
   * (Registry.nextSeq). An older sandbox numbered each person's records apart.
   */
  seq?: number;
}

/** One earlier state of a person, kept for `history`. */
export interface PersonRevision {
  at: string;
  patient: fhir.Patient;
}

/** The registry's current view of one PHN. */
export interface Person {
  phn: string;
  status: ClientStatus;
  /** For `merged`: the survivor's PHN. */
  survivorPhn?: string;
  motherPhn?: string;
  /** Population index when the person came from the population. */
  index?: number;
  /** The composite every read answers: derived from the base record and the source records on each write, stored. */
  patient: fhir.Patient;
  /** Earlier states, oldest first. */
  history: PersonRevision[];
  /**
   * The partner whose point-of-service system filed the death date. A death no partner filed (the population's, as
   * Vital Statistics registers them) is verified, and the registry then takes no more writes (RP.2.0016, "deceased as
   * verified by BC Vital Statistics"); one a POS filed is not, and that POS may still correct it.
   */
  deathFiledBy?: string;
  updatedAt?: string;
}

/** The person as the population generated them. */
export function personFromClient(client: ClientRecord): Person {
  const person: Person = { phn: client.phn, status: client.status, index: client.index, patient: client.patient, history: [] };
  if (client.survivorPhn) person.survivorPhn = client.survivorPhn;
  if (client.motherPhn) person.motherPhn = client.motherPhn;
  return person;
}

/** True when a person's demographics must be masked (confidentiality flag). */
export function isMasked(person: Readonly<Person>): boolean {
  return person.status === 'confidential';
}

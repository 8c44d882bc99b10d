// What the registry's services work with: state, matcher, clock and the calling partner.
import type { Clock } from '../../clock/index.js';
import type { Faults } from '../../faults/index.js';
import type * as fhir from '../../fhir/types.js';
import type { Person } from '../registry/person.js';
import type { MatchingEngine } from '../matching/engine.js';
import type { Registry } from '../registry/registry.js';
import type { Notifier } from '../notifications/notifier.js';

export interface HcimContext {
  registry: Registry;
  engine: MatchingEngine;
  clock: Clock;
  faults: Faults;
  notifier: Notifier;
  /** The full Patient of a person as notifications carry it. */
  render(person: Person): fhir.Patient;
}

/** Who is calling: the partner (from the token) and the user (UserId header / dataEnterer). */
export interface Caller {
  partner: string;
  userId?: string;
}

/** The most candidates FindCandidates returns before answering BCHCIM.FC.0.0017. */
export const MAX_CANDIDATES = 10;

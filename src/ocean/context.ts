// What every Ocean operation works with: the deps, Ocean's host URLs, the identifier systems and the store.
import type { AppDeps } from '../app-deps.js';
import type { NamingSystemId } from './codes.js';
import { createOceanRepository, type OceanRepository } from './repository.js';

/** Where Ocean's FHIR API is, below Ocean's host (docs/ocean.md#the-fhir-api). */
export const FHIR_PATH = '/svc/fhir/v1';

/** Everything an Ocean operation needs; plain data in, so the SMART launch and the CLI can call in. */
export interface OceanContext {
  readonly deps: AppDeps;
  /** Ocean's "host" in the sandbox: `{config.baseUrl}/ocean` (as https://ocean.cognisantmd.com is the real one). */
  readonly host: string;
  /** `{host}/svc/fhir/v1`. */
  readonly fhirBase: string;
  readonly repo: OceanRepository;
  /** `{fhirBase}/NamingSystem/{id}`: Ocean mints its identifier systems from its own host. */
  namingSystem(id: NamingSystemId): string;
}

/** Builds the Ocean context from the app's dependencies (stateless: everything lives in the store). */
export function oceanContext(deps: AppDeps): OceanContext {
  const host = `${deps.config.baseUrl}/ocean`;
  const fhirBase = `${host}${FHIR_PATH}`;
  return {
    deps,
    host,
    fhirBase,
    repo: createOceanRepository(deps.store, { events: deps.config.bounds.oceanReferralEvents, items: deps.config.bounds.oceanReferralItems, itemBytes: deps.config.bounds.oceanReferralBytes / 16 }),
    namingSystem: (id) => `${fhirBase}/NamingSystem/${id}`,
  };
}

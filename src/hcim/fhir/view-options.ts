// The rendering options a request asks for (identifiersOnly, history) plus the person's linked identifiers.
import type { Person } from '../registry/person.js';
import type { HcimContext } from '../services/context.js';
import type { PatientViewOptions } from './patient-view.js';
import type { HcimRequest } from './request-bundle.js';

export function viewOptions(ctx: HcimContext, person: Readonly<Person>, request: Pick<HcimRequest, 'identifiersOnly' | 'history'>): PatientViewOptions {
  return {
    identifiersOnly: request.identifiersOnly,
    history: request.history,
    sources: ctx.registry.sourcesOf(person.phn),
    mergedPhns: ctx.registry.mergedInto(person.phn),
  };
}

// Assembles one patient's chart: what Patient/$everything returns besides the Patient.
import type * as fhir from '../../fhir/types.js';
import type { AttachmentCache } from '../attachments/attachment-cache.js';
import type { ClientDetail } from '../client/client-factory.js';
import type { Rng } from '../random/rng.js';
import { buildAllergies } from './allergies.js';
import { buildAppointments } from './appointments.js';
import { buildConditions } from './conditions.js';
import { createChartContext } from './context.js';
import { buildDocuments } from './documents.js';
import { buildEncounters } from './encounters.js';
import { buildFamilyHistory } from './family-history.js';
import { buildImmunizations } from './immunizations.js';
import { buildMedications } from './medications.js';
import { buildObservations } from './observations.js';
import { planChart } from './plan.js';

/**
 * The chart of a client, in a stable order: conditions, medications, allergies, immunizations,
 * family history, observations, appointments, documents, encounters. Registry-only records (merged
 * non-survivors, injected duplicates) have no chart.
 */
export function buildChart(detail: ClientDetail, rng: Rng, referenceDay: number, full: boolean, attachments: AttachmentCache): fhir.Resource[] {
  if (detail.registryOnly) return [];
  const ctx = createChartContext(detail, rng, referenceDay, full, attachments);
  planChart(ctx);
  const observations = buildObservations(ctx);
  const appointments = buildAppointments(ctx);
  return [
    ...buildConditions(ctx),
    ...buildMedications(ctx),
    ...buildAllergies(ctx),
    ...buildImmunizations(ctx),
    ...buildFamilyHistory(ctx),
    ...observations,
    ...appointments,
    ...buildDocuments(ctx, observations),
    ...buildEncounters(ctx, appointments),
  ];
}

// Examples for operations the scenario library does not call itself, made by the sandbox's own builders: the
// status update is what the reference receiving POS really posts to Ocean.
import { buildActionMessage } from '../pos/receiver/build-messages.js';

const REFERRAL_REF = '3f1c9a52-7c1e-4be7-9d0b-2a64d7f0c1aa';
const EXAMPLE_TIME = '2026-03-02T09:15:00-08:00';

/** Extra examples keyed by `METHOD /path`, for a sandbox at `baseUrl`. */
export function builtExamples(baseUrl: string): Map<string, { source: string; body: unknown }> {
  const ocean = `${baseUrl}/ocean/svc/fhir/v1`;
  const statusUpdate = stableUuids(buildActionMessage(
    {
      ref: REFERRAL_REF,
      receivedAt: EXAMPLE_TIME,
      siteNum: '1008',
      refSystem: `${ocean}/NamingSystem/id-ereferral-reference`,
      siteSystem: `${ocean}/NamingSystem/id-site-number`,
      patientName: 'Sarah Thompson',
      match: { how: 'none' },
      state: 'received',
      attachments: 0,
      formAnswers: 0,
      events: [],
      sent: [],
    },
    { type: 'status', status: 'accepted' },
    EXAMPLE_TIME,
    { self: `${baseUrl}/pos/receiver`, ocean },
  ));
  const query = { resourceType: 'Parameters', parameter: [{ name: 'identifier', valueString: 'IPC.00100001.BC.PRS' }] };
  const examples = new Map<string, { source: string; body: unknown }>([
    ['POST /ocean/svc/fhir/v1/$process-messages', { source: 'the reference receiving POS accepting a referral (notify-update-process-request)', body: statusUpdate }],
  ]);
  for (const type of ['Practitioner', 'Organization', 'Location']) {
    for (const op of ['$entityQuery', '$extendedQuery']) examples.set(`POST /plr/HSA-web/fhir-rs/${type}/${op}`, { source: 'search parameters as a Parameters resource', body: query });
  }
  return examples;
}

/** The builder mints random UUIDs; an example must be the same on every build, so they are numbered instead. */
function stableUuids<T>(value: T): T {
  const seen = new Map<string, string>();
  const text = JSON.stringify(value).replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, (uuid) => {
    if (uuid === REFERRAL_REF) return uuid;
    if (!seen.has(uuid)) seen.set(uuid, `00000000-0000-4000-8000-${String(seen.size + 1).padStart(12, '0')}`);
    return seen.get(uuid)!;
  });
  return JSON.parse(text) as T;
}

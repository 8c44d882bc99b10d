// The EMR's large and frequent answers, serialized once per patient and kept in the answer cache: the Patient as
// the EMR serves it, and $everything's entries. The population (and so every chart) never changes while the
// process runs, so an entry stays valid until the cache drops it; the Bundle around $everything's entries (its
// id, meta.lastUpdated, timestamp) is made for each answer.
import type { AppDeps } from '../../app-deps.js';
import { createRawJsonWriter, searchsetBundle, type CachedText } from '../../fhir/index.js';
import { emrChart, emrPatient } from './patient-view.js';
import { emrUrls } from './smart-configuration.js';

/** Charts are made from the population, which no write changes: one version, every instant. */
const ALWAYS = { version: 0, from: -Infinity, until: Infinity } as const;

export interface EmrAnswers {
  /** The Patient's compact JSON. */
  patient(index: number): string;
  /** Patient/$everything's compact JSON, as UTF-8 chunks: the Patient first, then the whole chart, un-paged. */
  everything(index: number): string | readonly Buffer[];
  /** The patient's PHN (for the journal's correlation) without rendering the client again. */
  phn(index: number): string;
}

export function createEmrAnswers(deps: AppDeps): EmrAnswers {
  const { population, answers } = deps;
  const base = deps.config.baseUrl;
  const fhirBase = emrUrls(base).fhirBase;
  const writer = createRawJsonWriter();
  /** `keep: false` for a text that must be made again for every answer. */
  const cached = (key: string, make: () => Omit<CachedText, 'version' | 'from' | 'until'> & { keep?: boolean }): CachedText => {
    const hit = answers.get(key, ALWAYS.version, 0);
    if (hit) return hit;
    const { keep, ...made } = { ...make(), ...ALWAYS };
    if (keep !== false) answers.set(key, made);
    return made;
  };
  const patientText = (index: number) => cached(`emr:patient:${index}`, () => ({ text: JSON.stringify(emrPatient(population, index, base)) }));
  return {
    patient: (index) => patientText(index).text as string,
    everything(index) {
      const entries = cached(`emr:everything:${index}`, () => {
        const matches = [emrPatient(population, index, base), ...emrChart(population, index)];
        const entry = searchsetBundle(matches, { baseUrl: fhirBase }).entry ?? [];
        // Kept as bytes: an answer this size goes out as bytes, and encoding it on every request was a fifth of the CPU.
        // A resource without an id has a fresh urn:uuid fullUrl in every answer: such a chart is not kept.
        return { text: Buffer.from(JSON.stringify(entry)), items: matches.length, keep: entry.every((e) => !e.fullUrl?.startsWith('urn:')) };
      });
      const bundle = searchsetBundle([], { baseUrl: fhirBase, timestamp: deps.clock.iso(), total: entries.items });
      bundle.entry = writer.raw(entries.text) as never;
      return writer.write(bundle);
    },
    phn: (index) => cached(`emr:phn:${index}`, () => ({ text: population.client(index).phn })).text as string,
  };
}

// Writes a population as bulk-data style NDJSON (one file per resource type) plus stats, answer key and directory.
import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type * as fhir from '../../fhir/types.js';
import type { ClientStatus, Population, PopulationOptions } from '../types.js';

/** Progress of a write: patients done out of total. */
export interface NdjsonProgress {
  done: number;
  total: number;
}

/** Deterministic summary written to stats.json (no timings, so two runs compare byte for byte). */
export interface PopulationStats {
  options: PopulationOptions;
  resources: Record<string, number>;
  clientStatuses: Record<ClientStatus, number>;
  newborns: number;
  answerKeyEntries: number;
  oceanSites: number;
  oceanListings: number;
  files: string[];
}

const FLUSH_CHARS = 1 << 20;

class TypedFiles {
  private readonly streams = new Map<string, WriteStream>();
  private readonly buffers = new Map<string, string[]>();
  private buffered = 0;
  readonly counts: Record<string, number> = {};

  constructor(private readonly dir: string) {}

  add(resource: fhir.Resource): void {
    const type = resource.resourceType;
    const line = `${JSON.stringify(resource)}\n`;
    let buffer = this.buffers.get(type);
    if (!buffer) {
      buffer = [];
      this.buffers.set(type, buffer);
    }
    buffer.push(line);
    this.buffered += line.length;
    this.counts[type] = (this.counts[type] ?? 0) + 1;
  }

  async maybeFlush(): Promise<void> {
    if (this.buffered >= FLUSH_CHARS) await this.flush();
  }

  async flush(): Promise<void> {
    for (const [type, lines] of this.buffers) {
      if (lines.length === 0) continue;
      let stream = this.streams.get(type);
      if (!stream) {
        stream = createWriteStream(join(this.dir, `${type}.ndjson`));
        this.streams.set(type, stream);
      }
      if (!stream.write(lines.join(''))) await once(stream, 'drain');
      lines.length = 0;
    }
    this.buffered = 0;
  }

  async close(): Promise<string[]> {
    await this.flush();
    await Promise.all([...this.streams.values()].map(async (stream) => {
      stream.end();
      await once(stream, 'finish');
    }));
    return [...this.streams.keys()].sort().map((type) => `${type}.ndjson`);
  }
}

/**
 * Writes every resource of the population to `outDir` (created if missing): <ResourceType>.ndjson,
 * answer-key.ndjson, ocean-sites.json, ocean-listings.json, fixtures.json and stats.json.
 * `onProgress` is called every 1,000 patients and at the end.
 */
export async function writePopulationNdjson(population: Population, outDir: string, onProgress?: (progress: NdjsonProgress) => void): Promise<PopulationStats> {
  await mkdir(outDir, { recursive: true });
  const files = new TypedFiles(outDir);
  for (const provider of population.providers()) {
    files.add(provider.practitioner);
    for (const role of provider.roles) files.add(role);
  }
  for (const org of population.organizations()) {
    files.add(org.organization);
    for (const affiliation of org.affiliations) files.add(affiliation);
  }
  for (const facility of population.facilities()) files.add(facility.location);
  const total = population.options.sizes.patients;
  const clientStatuses: Record<ClientStatus, number> = { active: 0, deceased: 0, merged: 0, confidential: 0 };
  let newborns = 0;
  for (let i = 0; i < total; i++) {
    const record = population.client(i);
    clientStatuses[record.status] += 1;
    if (record.motherPhn) newborns += 1;
    files.add(record.patient);
    for (const resource of population.chart(i)) files.add(resource);
    await files.maybeFlush();
    if (onProgress && ((i + 1) % 1000 === 0 || i + 1 === total)) onProgress({ done: i + 1, total });
  }
  const written = await files.close();
  const answerKey = population.answerKey();
  await writeFile(join(outDir, 'answer-key.ndjson'), answerKey.map((entry) => `${JSON.stringify(entry)}\n`).join(''));
  await writeFile(join(outDir, 'ocean-sites.json'), `${JSON.stringify(population.oceanSites(), null, 2)}\n`);
  await writeFile(join(outDir, 'ocean-listings.json'), `${JSON.stringify(population.oceanListings(), null, 2)}\n`);
  await writeFile(join(outDir, 'fixtures.json'), `${JSON.stringify(population.fixtures, null, 2)}\n`);
  const stats: PopulationStats = {
    options: population.options,
    resources: Object.fromEntries(Object.entries(files.counts).sort(([a], [b]) => (a < b ? -1 : 1))),
    clientStatuses,
    newborns,
    answerKeyEntries: answerKey.length,
    oceanSites: population.oceanSites().length,
    oceanListings: population.oceanListings().length,
    files: [...written, 'answer-key.ndjson', 'ocean-sites.json', 'ocean-listings.json', 'fixtures.json', 'stats.json'],
  };
  await writeFile(join(outDir, 'stats.json'), `${JSON.stringify(stats, null, 2)}\n`);
  return stats;
}

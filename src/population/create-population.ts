// createPopulation: one deterministic population from (seed, reference date, sizes); clients and charts on demand.
import type * as fhir from '../fhir/types.js';
import { createAttachmentCache } from './attachments/attachment-cache.js';
import { buildChart } from './chart/build-chart.js';
import { createClientFactory, type ClientDetail } from './client/client-factory.js';
import { FIXTURE_COUNT, FIXTURE_PHNS, fixtureIndex } from './client/fixture-patients.js';
import { BLOCK_SIZE, blockRoles } from './client/roles.js';
import { NAMED_FIXTURES } from './fixtures.js';
import { buildOceanDirectory } from './ocean/directory.js';
import { assertPopulationOptions } from './options.js';
import { createPhnCodec } from './phn-codec.js';
import { buildPlr } from './plr/build-plr.js';
import { createRng, STREAM } from './random/rng.js';
import type { AnswerKeyEntry, ClientRecord, PlrFacility, PlrOrganization, PlrProvider, Population, PopulationOptions } from './types.js';

/** Charts of the named fixtures use this seed, so they read the same whatever the population seed. */
const FIXTURE_CHART_SEED = 20_260_101;

/**
 * Builds a population. The PLR plans and Ocean's directory are built eagerly (the PLR records are rendered
 * from the plans when first asked for); clients and charts are computed from their index on each call, so a
 * million patients cost no memory.
 * Throws RangeError for invalid options. See src/population/types.ts for the contract.
 */
export function createPopulation(options: PopulationOptions): Population {
  const referenceDay = assertPopulationOptions(options);
  const frozen: PopulationOptions = Object.freeze({ seed: options.seed, referenceDate: options.referenceDate, sizes: Object.freeze({ ...options.sizes }) });
  const { seed, sizes } = frozen;
  const plr = buildPlr(seed, sizes, referenceDay);
  const ocean = buildOceanDirectory(seed, plr);
  const codec = createPhnCodec(seed, FIXTURE_PHNS);
  const factory = createClientFactory({ seed, referenceDay, patients: sizes.patients, codec, primaryCare: plr.primaryCare });
  const attachments = createAttachmentCache();
  const fixtureByPhn = new Map(FIXTURE_PHNS.map((phn, i) => [phn, i]));
  const recent: ClientDetail[] = [];
  const detail = (index: number): ClientDetail => {
    const hit = recent.find((d) => d.index === index);
    if (hit) return hit;
    const made = factory.detail(index);
    recent.unshift(made);
    if (recent.length > 2) recent.pop();
    return made;
  };
  let answerKey: readonly AnswerKeyEntry[] | undefined;
  const buildAnswerKey = (): readonly AnswerKeyEntry[] => {
    const [originalPhn, duplicatePhn] = NAMED_FIXTURES.duplicatePair;
    const entries: AnswerKeyEntry[] = [{ originalPhn, duplicatePhn, variant: factory.variantOf(fixtureIndex('duplicate-variant')) ?? 'nickname' }];
    for (let block = 0; block * BLOCK_SIZE < sizes.patients; block++) {
      const roles = [...blockRoles(seed, block, sizes.patients, FIXTURE_COUNT)].sort((a, b) => a[0] - b[0]);
      for (const [index, role] of roles) {
        if (role.kind !== 'duplicate-variant' || role.partner === undefined) continue;
        entries.push({ originalPhn: factory.phnOf(role.partner), duplicatePhn: factory.phnOf(index), variant: factory.variantOf(index) ?? 'typo' });
      }
    }
    return Object.freeze(entries);
  };
  const client = (index: number): ClientRecord => factory.record(detail(index));
  let providers: readonly PlrProvider[] | undefined;
  let organizations: readonly PlrOrganization[] | undefined;
  let facilities: readonly PlrFacility[] | undefined;
  const sites = Object.freeze(ocean.sites);
  const listings = Object.freeze(ocean.listings);
  return {
    options: frozen,
    generatedFrom: frozen,
    fixtures: NAMED_FIXTURES,
    client,
    clientByPhn(phn) {
      const fixture = fixtureByPhn.get(phn);
      if (fixture !== undefined) return fixture < sizes.patients ? client(fixture) : undefined;
      const index = codec.indexOf(phn);
      return index !== undefined && index >= FIXTURE_COUNT && index < sizes.patients ? client(index) : undefined;
    },
    clientDemographics: (index) => {
      if (!Number.isInteger(index) || index < 0 || index >= sizes.patients) throw new RangeError(`Client index ${index} is outside 0..${sizes.patients - 1}`);
      return factory.demographics(index);
    },
    *clients() {
      for (let i = 0; i < sizes.patients; i++) yield client(i);
    },
    chart(index): fhir.Resource[] {
      const d = detail(index);
      const rng = createRng(d.fixture ? FIXTURE_CHART_SEED : seed, STREAM.chart, index);
      return buildChart(d, rng, referenceDay, d.fixture && index === fixtureIndex('ordinary'), attachments);
    },
    providers: () => (providers ??= Object.freeze(plr.providers)),
    plrPractitioners: () => plr.practitionerSource,
    provider(ipc) {
      const i = plr.practitionerSource.indexOf(ipc);
      return i === undefined ? undefined : (providers?.[i] ?? plr.practitionerSource.render(i));
    },
    renderPlrSteps: (every) => plr.renderSteps(every),
    organizations: () => (organizations ??= Object.freeze(plr.organizations)),
    facilities: () => (facilities ??= Object.freeze(plr.facilities)),
    oceanSites: () => sites,
    oceanListings: () => listings,
    plrCounts: () => ({
      practitioners: sizes.practitioners,
      organizations: plr.orgPlans.length,
      locations: plr.facilityPlans.length,
      relationships: plr.practitionerRelationships + plr.affiliationCount,
    }),
    answerKey() {
      answerKey ??= buildAnswerKey();
      return answerKey;
    },
  };
}

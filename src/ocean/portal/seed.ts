// Seeds Ocean's sites and Healthmap listings from the population (the store overlays them afterwards).
import { createHash } from 'node:crypto';
import type { OceanSiteSeed } from '../../population/types.js';
import type { OceanContext } from '../context.js';
import type { OceanSite } from '../model.js';

/** Deterministic API credentials for a seeded site, so the README and tests can name them. */
export function seededCredentials(seed: OceanSiteSeed): { clientId: string; clientSecret: string } {
  return {
    clientId: `ocean-site-${seed.siteNum}`,
    clientSecret: createHash('sha256').update(`ocean-site-secret:${seed.siteNum}:${seed.sharedEncryptionKey}`).digest('base64url').slice(0, 24),
  };
}

/** Writes every population site (owned by the demo partner) and listing (accepting eReferrals). */
export function seedOcean(ctx: OceanContext): void {
  const { population, clock } = ctx.deps;
  const now = clock.iso();
  for (const s of population.oceanSites()) {
    const site: OceanSite = { ...s, ...seededCredentials(s), partner: 'demo', createdAt: now };
    ctx.repo.putSite(site);
  }
  for (const l of population.oceanListings()) ctx.repo.putListing({ ...structuredClone(l), acceptsReferrals: true });
}

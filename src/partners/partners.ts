// Partners: the connected organizations, with client credentials and users for the token issuer.
import { randomBytes } from 'node:crypto';
import type { Store } from '../store/index.js';

export interface PartnerUser {
  /** PLR/HCIM style user id, e.g. `demo@IDIR` (sent as the UserId header). */
  username: string;
  password: string;
}

export interface Partner {
  name: string;
  clientId: string;
  clientSecret: string;
  users: PartnerUser[];
  /** Systems whose tokens this partner may get (the token's `aud`). */
  audiences: string[];
  createdAt: string;
}

/** Audiences of the issuer's tokens, one per registry. */
export const REGISTRY_AUDIENCES = ['plr', 'hcim'] as const;

export const DEMO_PARTNER = Object.freeze({
  name: 'demo',
  clientId: 'demo-pos',
  clientSecret: 'demo-secret',
  users: [{ username: 'demo@IDIR', password: 'demo-password' }],
});

const COLLECTION = 'partners';
const NAME = /^[a-z0-9][a-z0-9-]{1,39}$/;

export interface Partners {
  get(name: string): Partner | undefined;
  byClientId(clientId: string): Partner | undefined;
  list(): Partner[];
  /** Adds a partner with generated credentials unless given. Throws PartnerError on a bad or taken name. */
  add(input: { name: string; clientId?: string; clientSecret?: string; users?: PartnerUser[] }, now: string): Partner;
  remove(name: string): boolean;
  /** Writes the demo partner (seeding). */
  seed(now: string): void;
}

export class PartnerError extends Error {}

export function createPartners(store: Store): Partners {
  const partners: Partners = {
    get: (name) => store.get<Partner>(COLLECTION, name),
    byClientId: (clientId) => store.find<Partner>(COLLECTION, (p) => p.clientId === clientId)[0],
    list: () => store.list<Partner>(COLLECTION).sort((a, b) => a.name.localeCompare(b.name)),
    add(input, now) {
      if (!NAME.test(input.name ?? '')) {
        throw new PartnerError(`partner name "${input.name}" must be 2-40 lower-case letters, digits or dashes, starting with a letter or digit`);
      }
      if (partners.get(input.name)) throw new PartnerError(`partner "${input.name}" already exists`);
      const clientId = input.clientId ?? `${input.name}-pos`;
      if (partners.byClientId(clientId)) throw new PartnerError(`client id "${clientId}" is already used by another partner`);
      const partner: Partner = {
        name: input.name,
        clientId,
        clientSecret: input.clientSecret ?? randomBytes(18).toString('base64url'),
        users: input.users ?? [{ username: `${input.name}@IDIR`, password: randomBytes(9).toString('base64url') }],
        audiences: [...REGISTRY_AUDIENCES],
        createdAt: now,
      };
      return store.put(COLLECTION, partner.name, partner);
    },
    remove: (name) => store.remove(COLLECTION, name),
    seed(now) {
      if (!partners.get(DEMO_PARTNER.name)) partners.add({ ...DEMO_PARTNER, users: [...DEMO_PARTNER.users] }, now);
    },
  };
  return partners;
}

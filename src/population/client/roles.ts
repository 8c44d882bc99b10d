// Which clients are merged, deceased, confidential, newborns, mothers or injected duplicates.
// Roles are drawn per block of 100 indexes, so any client's role is computable from its index alone.
import { createRng, STREAM } from '../random/rng.js';

export const BLOCK_SIZE = 100;

export type RoleKind =
  | 'plain'
  | 'merged'
  | 'survivor'
  | 'deceased'
  | 'confidential'
  | 'newborn'
  | 'mother'
  | 'duplicate-original'
  | 'duplicate-variant';

/** A client's role; `partner` is the other index of a pair (survivor, mother, original...). */
export interface ClientRole {
  kind: RoleKind;
  partner?: number;
}

/** Per-block counts: each entry is equally likely (means: merged 1%, deceased 1.5%, confidential 1%, newborns 1%, duplicates 2%). */
const COUNTS = {
  merged: [0, 1, 1, 2],
  deceased: [1, 1, 2, 2],
  confidential: [0, 1, 1, 2],
  newborn: [0, 1, 1, 2],
  duplicate: [1, 2, 2, 3],
} as const;

/** Roles of every special index in one block (indexes absent from the map are plain). */
export function blockRoles(seed: number, block: number, patients: number, reservedBelow: number): Map<number, ClientRole> {
  const roles = new Map<number, ClientRole>();
  const start = block * BLOCK_SIZE;
  const end = Math.min(start + BLOCK_SIZE, patients);
  const free: number[] = [];
  for (let i = Math.max(start, reservedBelow); i < end; i++) free.push(i);
  const rng = createRng(seed, STREAM.block, block);
  const take = (): number | undefined => {
    if (free.length === 0) return undefined;
    const j = rng.int(0, free.length - 1);
    const index = free[j] as number;
    free[j] = free[free.length - 1] as number;
    free.pop();
    return index;
  };
  const pair = (first: RoleKind, second: RoleKind, count: number): void => {
    for (let k = 0; k < count && free.length >= 2; k++) {
      const a = take() as number;
      const b = take() as number;
      roles.set(a, { kind: first, partner: b });
      roles.set(b, { kind: second, partner: a });
    }
  };
  const single = (kind: RoleKind, count: number): void => {
    for (let k = 0; k < count; k++) {
      const index = take();
      if (index !== undefined) roles.set(index, { kind });
    }
  };
  pair('merged', 'survivor', rng.pick(COUNTS.merged));
  single('deceased', rng.pick(COUNTS.deceased));
  single('confidential', rng.pick(COUNTS.confidential));
  pair('newborn', 'mother', rng.pick(COUNTS.newborn));
  pair('duplicate-variant', 'duplicate-original', rng.pick(COUNTS.duplicate));
  return roles;
}

/** Looks roles up by index, remembering the last block (clients are usually read in order). */
export interface RoleLookup {
  roleOf(index: number): ClientRole;
}

/** A role lookup for one population; fixture indexes (below `reservedBelow`) never get a random role. */
export function createRoleLookup(seed: number, patients: number, reservedBelow: number): RoleLookup {
  let cachedBlock = -1;
  let cached = new Map<number, ClientRole>();
  const plain: ClientRole = { kind: 'plain' };
  return {
    roleOf(index) {
      const block = Math.floor(index / BLOCK_SIZE);
      if (block !== cachedBlock) {
        cached = blockRoles(seed, block, patients, reservedBelow);
        cachedBlock = block;
      }
      return cached.get(index) ?? plain;
    },
  };
}

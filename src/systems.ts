// The simulated systems mounted by `hie-sandbox start`, in mount order.
import type { SystemFactory } from './app-deps.js';
import { createHcimSystem } from './hcim/index.js';
import { createOceanSystem } from './ocean/index.js';
import { createPlrSystem } from './plr/index.js';
import { createPosSystem } from './pos/index.js';

export const DEFAULT_SYSTEMS: readonly SystemFactory[] = [createOceanSystem, createPlrSystem, createHcimSystem, createPosSystem];

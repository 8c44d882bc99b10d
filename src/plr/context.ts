// What the PLR handlers share: the app's deps, the registry view and the distributor.
import type { AppDeps } from '../app-deps.js';
import type { Distributor } from './distribution/distributor.js';
import type { Registry } from './registry/registry.js';

export interface PlrContext {
  deps: AppDeps;
  registry: Registry;
  distributor: Distributor;
}

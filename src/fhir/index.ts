// R4 plumbing shared by every system: outcomes, errors, bundles, negotiation, capability statements, routes.
export * from './outcome.js';
export * from './errors.js';
export * from './bundle.js';
export * from './answer-cache.js';
export * from './raw-json.js';
export * from './negotiate.js';
export * from './capability.js';
export * from './routes.js';
export * from './express-adapter.js';
export * from './unknown-route.js';
export * from './json-body.js';
export * from './json-shape.js';
export type * as fhir from './types.js';

// Fault seams: declaration, arming, checking, and applying an effect to an Express response.
export * from './faults.js';
export { applyInboundFault } from './express.js';

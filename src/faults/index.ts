// Fault seams: declaration, arming, checking, and applying an effect to an Express response.
export * from './faults.js';
export { applyInboundFault, markFaulted } from './express.js';

// Reliable outbound delivery: channels, schedules, outbound auth and the engine.
export * from './delivery.js';
export * from './schedule.js';
export { createOutboundAuthorizer, type OutboundAuth } from './outbound-auth.js';

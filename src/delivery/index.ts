// Reliable outbound delivery: channels, schedules, outbound auth and the engine.
export * from './delivery.js';
export * from './schedule.js';
export type { OutboundAuth } from './outbound-auth.js';

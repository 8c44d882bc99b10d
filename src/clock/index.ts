// The simulated clock and ISO durations.
export * from './clock.js';
export * from './duration.js';
export * from './anchor.js';

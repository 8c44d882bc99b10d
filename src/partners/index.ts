// Partners: connected organizations and their credentials.
export * from './partners.js';

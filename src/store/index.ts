// The store: one interface, lowdb behind it.
export * from './store.js';
export { openStore, type OpenStoreOptions } from './lowdb-store.js';

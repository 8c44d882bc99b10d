// The store: one interface; a write-ahead log in front of lowdb's JSON file behind it.
export * from './store.js';
export { openStore, type OpenStoreOptions } from './lowdb-store.js';
export { acknowledgeWhenDurable } from './acknowledge.js';
export { forgetOlderThan, MAX_MESSAGE_ID_LENGTH, replayWindow, type ReplayWindow, type ReplayWindowOptions } from './replay-window.js';
export { newestOf, newestWithin, oldestBeyond, removeOldestBeyond, type TrimOptions } from './trim-oldest.js';
export { DataFileInUseError } from './data-lock.js';
export { writeFileDurablySync } from './json-file.js';

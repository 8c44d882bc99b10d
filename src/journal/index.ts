// The journal and its Express recorder.
export * from './journal.js';
export { journalInbound, type JournalLocals } from './express.js';

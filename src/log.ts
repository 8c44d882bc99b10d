// A small structured logger: one JSON line per event on stderr, or silence for tests.
import type { Logger } from './fhir/index.js';

export type LogLevel = 'silent' | 'error' | 'warn' | 'info';

const ORDER: Record<LogLevel, number> = { silent: 0, error: 1, warn: 2, info: 3 };

export function createLogger(level: LogLevel = 'info', write: (line: string) => void = (l) => process.stderr.write(l + '\n')): Logger {
  const emit = (lvl: Exclude<LogLevel, 'silent'>) => (msg: string, fields?: Record<string, unknown>) => {
    if (ORDER[lvl] <= ORDER[level]) write(JSON.stringify({ level: lvl, time: new Date().toISOString(), msg, ...fields }));
  };
  return { error: emit('error'), warn: emit('warn'), info: emit('info') };
}

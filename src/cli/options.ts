// Shared option parsing for CLI commands: sandbox config from flags.
import { InvalidArgumentError } from 'commander';
import { parseDuration } from '../clock/index.js';
import { DEFAULT_DATA_FILE, loadConfig, parseClockMode, type Config, type ConfigOverrides } from '../config.js';

export interface SandboxFlags {
  port?: number;
  host?: string;
  data?: string;
  ephemeral?: boolean;
  seed?: number;
  clock?: string;
  auth?: boolean;
  fsync?: boolean;
  patients?: number;
  practitioners?: number;
  referenceDate?: string;
  baseUrl?: string;
  tls?: boolean;
  mtls?: boolean;
}

/** A repeatable option's values, in the order given (`--webhook a --webhook b`). */
export const repeatable = (value: string, all: string[]): string[] => [...all, value];

export function parseInteger(min: number, max = Number.MAX_SAFE_INTEGER) {
  return (text: string): number => {
    const n = Number(text);
    if (!Number.isInteger(n) || n < min || n > max) throw new InvalidArgumentError(`must be a whole number from ${min} to ${max}`);
    return n;
  };
}

export function parseClock(text: string): string {
  try {
    parseClockMode(text);
    return text;
  } catch (err) {
    throw new InvalidArgumentError((err as Error).message.replace(/^--clock /, ''));
  }
}

export function parseDate(text: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text) || Number.isNaN(Date.parse(text))) throw new InvalidArgumentError('must be a date as YYYY-MM-DD');
  return text;
}

/** An ISO 8601 duration (PT10S, PT2M) as milliseconds. */
export function parseDurationMs(text: string): number {
  const ms = parseDuration(text);
  if (ms === undefined) throw new InvalidArgumentError('must be an ISO 8601 duration such as PT10S or PT2M');
  return ms;
}

/** Turns start/reset flags into a Config (flags win over HIE_SANDBOX_* variables). */
export function configFromFlags(flags: SandboxFlags, env: Record<string, string | undefined>): Config {
  const overrides: ConfigOverrides = {};
  if (flags.port !== undefined) overrides.port = flags.port;
  if (flags.host !== undefined) overrides.host = flags.host;
  if (flags.ephemeral) overrides.dataFile = undefined;
  else if (flags.data !== undefined) overrides.dataFile = flags.data;
  if (flags.seed !== undefined) overrides.seed = flags.seed;
  if (flags.clock !== undefined) overrides.clock = parseClockMode(flags.clock);
  if (flags.auth === false) overrides.auth = false;
  if (flags.fsync === false) overrides.fsync = false;
  if (flags.patients !== undefined) overrides.sizes = { patients: flags.patients };
  if (flags.practitioners !== undefined) overrides.sizes = { ...overrides.sizes, practitioners: flags.practitioners };
  if (flags.referenceDate !== undefined) overrides.referenceDate = flags.referenceDate;
  if (flags.baseUrl !== undefined) overrides.baseUrl = flags.baseUrl;
  if (flags.mtls) overrides.tls = 'mtls';
  else if (flags.tls) overrides.tls = 'tls';
  return loadConfig(env, overrides);
}

export { DEFAULT_DATA_FILE };

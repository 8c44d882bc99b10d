// Retry schedules as data, per channel: when each retry falls, and which statuses count as delivered.
import { parseDuration } from '../clock/index.js';

export interface RetrySchedule {
  /** Offsets from the first attempt for the early retries (ISO 8601 durations). */
  retries: string[];
  /** After those, retry this often... */
  every?: string;
  /** ...until this long after the first attempt; then the message is dead-lettered. */
  giveUpAfter: string;
}

export interface ChannelConfig {
  name: string;
  schedule: RetrySchedule;
  /** Statuses that count as delivered. Default: any 2xx. */
  delivered?: number[];
  /** Keep messages to one endpoint in order: the next waits until the one before is delivered or dead. */
  ordered?: boolean;
  /** Per-attempt time-out in real milliseconds. Default 10 s. */
  attemptTimeoutMs?: number;
}

/**
 * Ocean: "Ocean will retry the call to the endpoint several times in the first hour. If unsuccessful,
 * Ocean will try once an hour" and gives up "after 96 hours" (docs/ocean.md#delivery-and-retry). The first-hour offsets
 * are not published; these four are the sandbox's choice.
 */
export const OCEAN_CHANNEL: ChannelConfig = {
  name: 'ocean',
  schedule: { retries: ['PT1M', 'PT5M', 'PT15M', 'PT30M'], every: 'PT1H', giveUpAfter: 'PT96H' },
};

/** PLR: "the reliable messaging function will retry ... until a 200 is received back or times out" (docs/plr.md#maintain-batch-and-distributions). */
export const PLR_CHANNEL: ChannelConfig = {
  name: 'plr',
  schedule: { retries: ['PT1M', 'PT5M'], every: 'PT15M', giveUpAfter: 'PT24H' },
  delivered: [200, 201],
  ordered: true,
};

/** HCIM change notifications and async operation call-backs. */
export const HCIM_CHANNEL: ChannelConfig = {
  name: 'hcim',
  schedule: { retries: ['PT1M', 'PT5M', 'PT15M'], every: 'PT1H', giveUpAfter: 'PT24H' },
  ordered: true,
};

export const DEFAULT_CHANNELS: readonly ChannelConfig[] = [OCEAN_CHANNEL, PLR_CHANNEL, HCIM_CHANNEL];

/** Every attempt offset (ms after the first attempt) the schedule allows, the first attempt (0) included. */
export function attemptOffsets(schedule: RetrySchedule): number[] {
  const limit = mustParse(schedule.giveUpAfter);
  const offsets = [0, ...schedule.retries.map(mustParse)].filter((o) => o <= limit);
  if (schedule.every) {
    const step = mustParse(schedule.every);
    let at = Math.floor(offsets[offsets.length - 1]! / step) * step + step;
    while (at <= limit) {
      offsets.push(at);
      at += step;
    }
  }
  return offsets;
}

export function isDelivered(channel: ChannelConfig, status: number): boolean {
  return channel.delivered ? channel.delivered.includes(status) : status >= 200 && status < 300;
}

function mustParse(text: string): number {
  const ms = parseDuration(text);
  if (ms === undefined) throw new Error(`not an ISO 8601 duration: ${text}`);
  return ms;
}

// Ocean writes its timestamps in the site's local time with an offset, e.g. 2024-06-24T09:35:42.730-04:00.

/** `ms`: to the millisecond (Bundle.timestamp, meta.lastUpdated, DocumentReference.date); `s`: to the second (authoredOn, note.time, creation). */
export type Precision = 'ms' | 's';

export type LocalTime = (isoInstant: string, precision: Precision) => string;

const pad = (n: number, width = 2) => String(Math.abs(n)).padStart(width, '0');

/**
 * A formatter for one time zone: turns an instant into local wall time with the zone's offset at that instant.
 * See: Ocean's v0.11 add-service-request payload, https://github.com/dougkavanagh/ocean-ts-integration (payload.json).
 */
export function localTimeIn(timeZone: string): LocalTime {
  const format = new Intl.DateTimeFormat('en-CA', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
  return (isoInstant, precision) => {
    const at = Date.parse(isoInstant);
    if (Number.isNaN(at)) return isoInstant;
    const p = Object.fromEntries(format.formatToParts(new Date(at)).map((x) => [x.type, Number(x.value)])) as Record<string, number>;
    const wall = Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!);
    const offsetMinutes = Math.round((wall - Math.floor(at / 1000) * 1000) / 60_000);
    const sign = offsetMinutes < 0 ? '-' : '+';
    const ms = precision === 'ms' ? `.${pad(((at % 1000) + 1000) % 1000, 3)}` : '';
    return `${p.year}-${pad(p.month!)}-${pad(p.day!)}T${pad(p.hour!)}:${pad(p.minute!)}:${pad(p.second!)}${ms}${sign}${pad(Math.trunc(offsetMinutes / 60))}:${pad(offsetMinutes % 60)}`;
  };
}

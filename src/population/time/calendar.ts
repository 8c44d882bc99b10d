// Calendar arithmetic on day numbers (days since 1970-01-01), without Date or the host time zone.

/** Day number of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

export interface CivilDate {
  year: number;
  month: number;
  day: number;
}

/** Inverse of daysFromCivil. */
export function civilFromDays(days: number): CivilDate {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));

/** YYYY-MM-DD for a day number. */
export function isoDate(days: number): string {
  const { year, month, day } = civilFromDays(days);
  return `${year}-${pad2(month)}-${pad2(day)}`;
}

/** Day number of a YYYY-MM-DD string; throws on anything else. */
export function parseIsoDate(text: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) throw new RangeError(`Expected a date as YYYY-MM-DD, got "${text}"`);
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const days = daysFromCivil(year, month, day);
  if (isoDate(days) !== text) throw new RangeError(`"${text}" is not a real calendar date`);
  return days;
}

/** 0 = Sunday ... 6 = Saturday. */
export function weekday(days: number): number {
  return (((days % 7) + 7 + 4) % 7);
}

function nthSunday(year: number, month: number, n: number): number {
  const first = daysFromCivil(year, month, 1);
  return first + ((7 - weekday(first)) % 7) + (n - 1) * 7;
}

/** UTC offset of Pacific time on that day: -07:00 from the 2nd Sunday of March to the 1st Sunday of November. */
export function pacificOffset(days: number): string {
  const { year } = civilFromDays(days);
  const inDst = days >= nthSunday(year, 3, 2) && days < nthSunday(year, 11, 1);
  return inDst ? '-07:00' : '-08:00';
}

/** Local Pacific date-time with offset, e.g. 2025-03-04T09:30:00-08:00. */
export function isoDateTime(days: number, minuteOfDay: number): string {
  const hour = Math.floor(minuteOfDay / 60);
  const minute = minuteOfDay % 60;
  return `${isoDate(days)}T${pad2(hour)}:${pad2(minute)}:00${pacificOffset(days)}`;
}

/** Whole years between a birth day and another day. */
export function ageInYears(birthDay: number, onDay: number): number {
  const b = civilFromDays(birthDay);
  const o = civilFromDays(onDay);
  let age = o.year - b.year;
  if (o.month < b.month || (o.month === b.month && o.day < b.day)) age -= 1;
  return age;
}

/** The same calendar day `years` later (29 Feb falls back to 28 Feb). */
export function addYears(days: number, years: number): number {
  const { year, month, day } = civilFromDays(days);
  const target = daysFromCivil(year + years, month, day);
  // Every month has its days 1-28 in every year: only a 29th or later needs checking.
  return day <= 28 || civilFromDays(target).day === day ? target : daysFromCivil(year + years, month, 28);
}

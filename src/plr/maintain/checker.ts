// Field checks with the registry's codes: mandatory, length, character set, date (https://github.com/bcgov/moh-plr-web-test-suite, data/error-list.json).
import type { IssueInput } from '../../fhir/index.js';
import { plrIssue, type PlrCodeName } from '../error-codes.js';

/** Character sets of PLR-TEST `error-list.json`. */
export const CHARSETS = {
  name: { code: 'nameCharacters', re: /^[\p{L} '\-.]+$/u },
  identifier: { code: 'identifierCharacters', re: /^[A-Za-z0-9.]+$/ },
  telecom: { code: 'telecomCharacters', re: /^[0-9 \-]+$/ },
  address: { code: 'addressCharacters', re: /^[\p{L}0-9 #'\-.,/&()]+$/u },
  facilityName: { code: 'facilityNameCharacters', re: /^[\p{L}0-9 #'\-.,/&()!]+$/u },
  note: { code: 'noteCharacters', re: /^[^<>\p{Cc}]*$/u },
} as const satisfies Record<string, { code: PlrCodeName; re: RegExp }>;

const EMAIL = /^[^\s@]+@[^\s@.]+(?:\.[^\s@.]+)+$/;
const DATE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?$/;

/** Collects every problem of a request (the registry reports them together). */
export class Checker {
  readonly issues: IssueInput[] = [];

  add(issue: IssueInput): void {
    this.issues.push(issue);
  }

  /** GRS.SYS.UNK.UNK.1.0.5000 when the value is missing. */
  mandatory(value: unknown, field: string, expression: string): boolean {
    if (value === undefined || value === null || (Array.isArray(value) && value.length === 0)) {
      this.add(plrIssue('mandatory', { field, expression }));
      return false;
    }
    return true;
  }

  /** 5003 length, 7042 just spaces, and a character-set code, for a string that is present. */
  text(value: string | undefined, field: string, expression: string, limits: { min?: number; max: number }, charset?: keyof typeof CHARSETS): void {
    if (value === undefined) return;
    if (value.length > 0 && value.trim() === '') {
      this.add(plrIssue('justSpaces', { field, expression }));
      return;
    }
    const min = limits.min ?? 0;
    if (value.length < min || value.length > limits.max) this.add(plrIssue('length', { field, min, max: limits.max, expression }));
    if (charset && !CHARSETS[charset].re.test(value)) this.add(plrIssue(CHARSETS[charset].code, { field, expression }));
  }

  /** GRS.SYS.ELE.UNK.1.0.7013 for a malformed e-mail address. */
  email(value: string | undefined, field: string, expression: string): void {
    if (value !== undefined && !EMAIL.test(value.replace(/^mailto:/i, ''))) this.add(plrIssue('electronicAddress', { field, expression }));
  }

  /** GRS.SYS.UNK.UNK.1.0.5004 when a date field holds something else. */
  date(value: string | undefined, field: string, expression: string): boolean {
    if (value === undefined) return true;
    if (!DATE.test(value) || Number.isNaN(Date.parse(value.slice(0, 10)))) {
      this.add(plrIssue('dateOnly', { field, expression }));
      return false;
    }
    return true;
  }

  hasErrors(): boolean {
    return this.issues.some((i) => i.severity === 'error' || i.severity === 'fatal');
  }
}

// A readable line diff of expected vs actual JSON (volatile fields masked first).
import { maskVolatile } from './mask.js';

/** Pretty JSON with sorted keys, so key order never shows up as a difference. */
export function canonicalJson(value: unknown): string {
  const sort = (v: unknown): unknown =>
    Array.isArray(v) ? v.map(sort) : typeof v === 'object' && v !== null ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, sort((v as Record<string, unknown>)[k])])) : v;
  return JSON.stringify(sort(value ?? null), null, 2) ?? 'undefined';
}

/** True when both sides are equal once masked. */
export function sameMasked(expected: unknown, actual: unknown): boolean {
  return canonicalJson(maskVolatile(expected)) === canonicalJson(maskVolatile(actual));
}

/** True when both sides are the same JSON (key order aside): an id or an instant must be the very one expected. */
export function sameJson(expected: unknown, actual: unknown): boolean {
  return canonicalJson(expected) === canonicalJson(actual);
}

/**
 * Unified-style diff (`- expected`, `+ actual`, two lines of context) from a longest common
 * subsequence of lines. Inputs are masked, so ids and timestamps never differ.
 */
export function diffJson(expected: unknown, actual: unknown, maxLines = 60, mask = true): string {
  const a = canonicalJson(mask ? maskVolatile(expected) : expected).split('\n');
  const b = canonicalJson(mask ? maskVolatile(actual) : actual).split('\n');
  const lcs: number[][] = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) for (let j = b.length - 1; j >= 0; j--) lcs[i]![j] = a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
  const ops: Array<[' ' | '-' | '+', string]> = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) ops.push([' ', a[i++]!]), j++;
    else if (j < b.length && (i >= a.length || lcs[i]![j + 1]! > lcs[i + 1]![j]!)) ops.push(['+', b[j++]!]);
    else ops.push(['-', a[i++]!]);
  }
  const keep = ops.map((_, k) => ops.slice(Math.max(0, k - 2), k + 3).some(([t]) => t !== ' '));
  const out: string[] = ['--- expected', '+++ actual'];
  ops.forEach(([t, line], k) => {
    if (keep[k]) out.push(`${t} ${line}`);
    else if (keep[k - 1]) out.push('  ...');
  });
  return out.length > maxLines ? [...out.slice(0, maxLines), `  ... (${out.length - maxLines} more lines)`].join('\n') : out.join('\n');
}

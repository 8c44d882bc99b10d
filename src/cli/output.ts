// How every command prints: text for people by default, JSON with --json, tables whose columns line up.
import type { Command } from 'commander';

export interface JsonFlag {
  json?: boolean;
}

/** Adds `--json` to a command that prints data. */
export function withJson(cmd: Command): Command {
  return cmd.option('--json', 'print the result as JSON (for scripts)');
}

/** Prints `value` as JSON with --json, else the text made by `text`. */
export function emit(flags: JsonFlag, value: unknown, text: () => string): void {
  process.stdout.write(flags.json ? `${JSON.stringify(value, null, 2)}\n` : `${text().replace(/\n$/, '')}\n`);
}

/**
 * A table: one line per row, every column as wide as its widest cell (the last one is not padded), two spaces
 * between columns, a header line when given. `empty` is printed when there are no rows.
 */
export function formatTable(headers: readonly string[] | undefined, rows: ReadonlyArray<readonly unknown[]>, empty = '(none)'): string {
  if (!rows.length) return empty;
  const all = [...(headers ? [headers] : []), ...rows].map((r) => r.map((c) => (c === undefined || c === null ? '' : String(c))));
  const widths = all[0]!.map((_, i) => Math.max(...all.map((r) => (r[i] ?? '').length)));
  return all.map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]!))).join('  ').trimEnd()).join('\n');
}

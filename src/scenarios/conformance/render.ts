// Renders the worksheet as Markdown and as one self-contained HTML page (everything escaped, evidence embedded).
import { escapeCell } from '../reports/markdown.js';
import type { Exchange } from './evidence.js';
import { listTitle, REFERENCE_LABEL, type Worksheet, type WorksheetRow } from './worksheet.js';

const usedText = (r: Worksheet['statusMap'][number]) => (r.used.length ? `yes (${r.used.map((u) => `#${u.journal}→${u.status ?? '?'}`).slice(0, 6).join(' ')})` : 'no');
const lists = (w: Worksheet) => [...new Set(w.rows.map((r) => r.list))];
const exchangeLine = (x: Exchange) => `#${x.journal} ${x.time} ${x.direction === 'inbound' ? '→ sandbox' : '→ POS'} ${x.method} ${x.url} → ${x.status ?? 'no answer'}${x.own ? '' : ' (not the partner\'s system)'}`;

/** What the worksheet is evidence of, in one sentence. */
function heading(w: Worksheet): { title: string; lead: string } {
  const title = w.mode === 'reference' ? `Release Information Worksheet — ${REFERENCE_LABEL}` : `Release Information Worksheet — test case results for ${w.partner}`;
  const where = w.sandbox.where === 'in-process' ? 'an in-process sandbox started by the command (gone when it ended)' : `the sandbox at ${w.sandbox.url}`;
  const what =
    w.mode === 'reference'
      ? `The library was run against the sandbox's own reference POS, as partner \`${w.partner}\`. This shows the sandbox and the scenarios work; it is not evidence of any partner's system.`
      : `Partner \`${w.partner}\`: a row passes only on exchanges with the partner's own registered endpoints; the exchanges that decided each row are embedded below it.`;
  return { title, lead: `${what} Run on ${where}, hie-sandbox ${w.sandbox.version}, seed ${w.sandbox.seed ?? '?'}; simulated time ${w.simulated.start} to ${w.simulated.end ?? '?'}${w.patience ? `; each expect step, \`absent\` ones included, kept looking for ${w.patience} of real time after its simulated window` : ''}; written ${w.generatedAt}.` };
}

const resultText = (r: WorksheetRow) => (r.result === 'Pass' ? 'Pass' : `**${r.result}**${r.message ? ` — ${escapeCell(r.message)}` : ''}${r.command ? ` Register with: \`${escapeCell(r.command)}\`` : ''}`);

export function renderWorksheetMarkdown(w: Worksheet): string {
  const h = heading(w);
  const out = [`# ${h.title}`, '', h.lead, ''];
  for (const list of lists(w)) {
    out.push(`## ${listTitle(list)}`, '', '| Use case | Priority | Result | Scenarios | Evidence |', '| --- | --- | --- | --- | --- |');
    for (const r of w.rows.filter((x) => x.list === list)) out.push(`| ${escapeCell(r.useCase)} | ${r.priority} | ${resultText(r)} | ${r.scenarios.join(', ') || '—'} | ${[...new Set(r.exchanges.map((x) => `#${x.journal}`))].slice(0, 10).join(' ')} |`);
    out.push('');
    for (const r of w.rows.filter((x) => x.list === list && x.exchanges.length)) {
      const lines = r.exchanges.flatMap((x) => [`step ${x.step} (${x.outcome})`, `  ${exchangeLine(x)}`, `  ${x.excerpt.replace(/[\r\n]+/g, ' ')}`]);
      // The fence is longer than any run of backticks in what it holds (a partner's text among it), so nothing closes it early.
      const fence = '`'.repeat(Math.max(3, ...lines.map((l) => Math.max(0, ...(l.match(/`+/g) ?? []).map((run) => run.length + 1)))));
      out.push(`<details><summary>${escapeCell(r.useCase)}: the exchanges that decided it</summary>`, '', `${fence}text`, ...lines, fence, '', '</details>', '');
    }
  }
  out.push(
    '## Task.status → folder map (from what the partner sent)',
    '',
    'Filled in from the partner\'s `$process-messages` calls in this run (journal id → Ocean\'s HTTP answer). The last two columns are the partner\'s to fill.',
    '',
    '| Ocean "Sent" folder | Ocean "Received" folder | Value sent | Notes | Sent by the partner | POS Folder Location | Is POS Location Configurable? |',
    '| --- | --- | --- | --- | --- | --- | --- |',
  );
  for (const r of w.statusMap) out.push(`| ${r.sent} | ${r.received} | ${r.value} | ${r.note} | ${usedText(r)} | | |`);
  if (w.unsupportedStatuses.length) {
    out.push('', 'Values Ocean does not honour, sent anyway:', '');
    for (const u of w.unsupportedStatuses) out.push(`- \`${u.value}\` in journal #${u.journal} (Ocean answered ${u.status ?? '?'})`);
  }
  return out.join('\n') + '\n';
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const CLASS = { Pass: 'pass', Fail: 'fail', 'Not verified': 'unverified', 'Not run': 'notrun' } as const;

function htmlRow(r: WorksheetRow): string {
  const why = `${r.message ? `<div class="why">${esc(r.message)}</div>` : ''}${r.command ? `<div class="why">Register with: <code>${esc(r.command)}</code></div>` : ''}`;
  const evidence = r.exchanges.length
    ? `<details><summary>${r.exchanges.length} exchange(s)</summary>${r.exchanges.map((x) => `<div class="x${x.own ? '' : ' other'}"><b>step ${esc(x.step)}</b> (${x.outcome})<br><code>${esc(exchangeLine(x))}</code><pre>${esc(x.excerpt)}</pre></div>`).join('')}</details>`
    : '—';
  return `<tr class="${CLASS[r.result]}"><td>${esc(r.useCase)}</td><td>${esc(r.priority)}</td><td>${esc(r.result)}${why}</td><td>${esc(r.scenarios.join(', ') || '—')}</td><td>${evidence}</td></tr>`;
}

export function renderWorksheetHtml(w: Worksheet): string {
  const h = heading(w);
  const sections = lists(w).map((list) => `<h2>${esc(listTitle(list))}</h2>\n<table><thead><tr><th>Use case</th><th>Priority</th><th>Result</th><th>Scenarios</th><th>Evidence</th></tr></thead><tbody>\n${w.rows.filter((x) => x.list === list).map(htmlRow).join('\n')}\n</tbody></table>`);
  const map = w.statusMap.map((r) => `<tr><td>${esc(r.sent)}</td><td>${esc(r.received)}</td><td>${esc(r.value)}</td><td>${esc(r.note)}</td><td>${esc(usedText(r))}</td><td></td><td></td></tr>`).join('\n');
  const bad = w.unsupportedStatuses.map((u) => `<li><code>${esc(u.value)}</code> in journal #${esc(u.journal)} (Ocean answered ${u.status ?? '?'})</li>`).join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${esc(h.title)}</title>
<style>body{font:14px system-ui,sans-serif;margin:2em;max-width:80em}table{border-collapse:collapse;width:100%;margin-bottom:1.5em}th,td{border:1px solid #ccc;padding:.3em .5em;text-align:left;vertical-align:top}th{background:#f0f0f0}tr.pass td:nth-child(3){color:#176f2c;font-weight:600}tr.fail td:nth-child(3){color:#b00020;font-weight:600}tr.unverified td:nth-child(3){color:#8a5a00;font-weight:600}tr.notrun td:nth-child(3){color:#666}.why{font-weight:400;color:#333;font-size:12px}.x{margin:.4em 0;font-size:12px}.x.other{color:#666}pre{white-space:pre-wrap;margin:.2em 0;background:#f7f7f7;padding:.3em}.mode{padding:.5em;border:2px solid #8a5a00;background:#fff7e0}</style></head>
<body><h1>${esc(h.title)}</h1>
<p${w.mode === 'reference' ? ' class="mode"' : ''}>${esc(h.lead).replace(/`([^`]+)`/g, '<code>$1</code>')}</p>
${sections.join('\n')}
<h2>Task.status → folder map (from what the partner sent)</h2>
<table><thead><tr><th>Ocean "Sent" folder</th><th>Ocean "Received" folder</th><th>Value sent</th><th>Notes</th><th>Sent by the partner</th><th>POS Folder Location</th><th>Is POS Location Configurable?</th></tr></thead><tbody>
${map}
</tbody></table>
${bad ? `<p>Values Ocean does not honour, sent anyway:</p><ul>${bad}</ul>` : ''}
</body></html>
`;
}

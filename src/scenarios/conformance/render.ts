// Renders the worksheet as Markdown and as a self-contained HTML page (everything escaped).
import { escapeCell } from '../reports/markdown.js';
import { listTitle, type Worksheet } from './worksheet.js';

const usedText = (r: Worksheet['statusMap'][number]) => (r.used.length ? `yes (${r.used.map((u) => `#${u.journal}→${u.status ?? '?'}`).slice(0, 6).join(' ')})` : 'no');
const ids = (xs: string[]) => [...new Set(xs)].slice(0, 10).map((x) => `#${x}`).join(' ');

export function renderWorksheetMarkdown(w: Worksheet): string {
  const out = [`# Release Information Worksheet — test case results`, '', `Partner \`${w.partner}\`, sandbox ${w.sandbox}, generated ${w.generatedAt}. Evidence = journal entry ids (GET /admin/journal/{id}).`, ''];
  for (const list of [...new Set(w.rows.map((r) => r.list))]) {
    out.push(`## ${listTitle(list)}`, '', '| Use case | Priority | Result | Scenarios | Evidence |', '| --- | --- | --- | --- | --- |');
    for (const r of w.rows.filter((x) => x.list === list)) out.push(`| ${escapeCell(r.useCase)} | ${r.priority} | ${r.result === 'Pass' || r.result === 'Not run' ? r.result : `**${r.result}** — ${escapeCell(r.message ?? '')}`} | ${r.scenarios.join(', ') || '—'} | ${ids(r.evidence)} |`);
    out.push('');
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

export function renderWorksheetHtml(w: Worksheet): string {
  const sections = [...new Set(w.rows.map((r) => r.list))].map((list) => {
    const rows = w.rows
      .filter((x) => x.list === list)
      .map((r) => `<tr class="${{ Pass: 'pass', Fail: 'fail', 'Not verified': 'unverified', 'Not run': 'notrun' }[r.result]}"><td>${esc(r.useCase)}</td><td>${esc(r.priority)}</td><td>${esc(r.result)}${r.message ? `<div class="why">${esc(r.message)}</div>` : ''}</td><td>${esc(r.scenarios.join(', ') || '—')}</td><td>${esc(ids(r.evidence))}</td></tr>`)
      .join('\n');
    return `<h2>${esc(listTitle(list))}</h2>\n<table><thead><tr><th>Use case</th><th>Priority</th><th>Result</th><th>Scenarios</th><th>Evidence (journal)</th></tr></thead><tbody>\n${rows}\n</tbody></table>`;
  });
  const map = w.statusMap.map((r) => `<tr><td>${esc(r.sent)}</td><td>${esc(r.received)}</td><td>${esc(r.value)}</td><td>${esc(r.note)}</td><td>${esc(usedText(r))}</td><td></td><td></td></tr>`).join('\n');
  const bad = w.unsupportedStatuses.map((u) => `<li><code>${esc(u.value)}</code> in journal #${esc(u.journal)} (Ocean answered ${u.status ?? '?'})</li>`).join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Release Information Worksheet — ${esc(w.partner)}</title>
<style>body{font:14px system-ui,sans-serif;margin:2em;max-width:75em}table{border-collapse:collapse;width:100%;margin-bottom:1.5em}th,td{border:1px solid #ccc;padding:.3em .5em;text-align:left;vertical-align:top}th{background:#f0f0f0}tr.pass td:nth-child(3){color:#176f2c;font-weight:600}tr.fail td:nth-child(3){color:#b00020;font-weight:600}tr.unverified td:nth-child(3){color:#8a5a00;font-weight:600}tr.notrun td:nth-child(3){color:#666}.why{font-weight:400;color:#333;font-size:12px}</style></head>
<body><h1>Release Information Worksheet — test case results</h1>
<p>Partner <b>${esc(w.partner)}</b>, sandbox ${esc(w.sandbox)}, generated ${esc(w.generatedAt)}. Evidence = journal entry ids.</p>
${sections.join('\n')}
<h2>Task.status → folder map (from what the partner sent)</h2>
<table><thead><tr><th>Ocean "Sent" folder</th><th>Ocean "Received" folder</th><th>Value sent</th><th>Notes</th><th>Sent by the partner</th><th>POS Folder Location</th><th>Is POS Location Configurable?</th></tr></thead><tbody>
${map}
</tbody></table>
${bad ? `<p>Values Ocean does not honour, sent anyway:</p><ul>${bad}</ul>` : ''}
</body></html>
`;
}

// A minimal valid PDF 1.4 (one page of Helvetica text), built byte by byte with a correct xref table.

/** PDF string literal in WinAnsi/Latin-1: escapes \ ( ) and replaces characters outside Latin-1. */
function pdfString(text: string): string {
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 63;
    const safe = code < 32 || code > 255 ? '?' : ch;
    out += safe === '\\' || safe === '(' || safe === ')' ? `\\${safe}` : safe;
  }
  return `(${out})`;
}

/** One-page PDF: a 16 pt title, then 11 pt lines. See: ISO 32000-1 §7.5 (file structure). */
export function buildPdf(title: string, lines: readonly string[]): Buffer {
  const body = [`BT /F1 16 Tf 72 720 Td ${pdfString(title)} Tj ET`, 'BT /F1 11 Tf 15 TL 72 690 Td'];
  lines.forEach((line, i) => body.push(`${i === 0 ? '' : 'T* '}${pdfString(line)} Tj`));
  body.push('ET');
  const content = body.join('\n');
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
    `<< /Length ${Buffer.byteLength(content, 'latin1')} >>\nstream\n${content}\nendstream`,
    `<< /Title ${pdfString(title)} /Producer (hie-sandbox synthetic population) >>`,
  ];
  let pdf = '%PDF-1.4\n%\u00e2\u00e3\u00cf\u00d3\n';
  const offsets: number[] = [];
  objects.forEach((object, i) => {
    offsets.push(Buffer.byteLength(pdf, 'latin1'));
    pdf += `${i + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xrefOffset = Buffer.byteLength(pdf, 'latin1');
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) pdf += `${String(offset).padStart(10, '0')} 00000 n \n`;
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Info ${objects.length} 0 R >>\nstartxref\n${xrefOffset}\n%%EOF\n`;
  return Buffer.from(pdf, 'latin1');
}

/** RFC 4180 text: fields with a comma, quote or line break are quoted, quotes doubled. */
export function toCsv(header: readonly string[], rows: readonly (readonly unknown[])[]): string {
  const out = [header.map(field).join(',')];
  for (const r of rows) out.push(r.map(field).join(','));
  return `${out.join('\r\n')}\r\n`;
}

function field(v: unknown): string {
  if (v === null || v === undefined) return '';
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** CSV in and out: RFC 4180 quoting, and the ids of a pasted list or an uploaded file. */

function quote(value: string | number | boolean | null | undefined): string {
  const text = value === null || value === undefined ? '' : String(value);
  // A leading =, +, - or @ would be run as a formula by spreadsheet programs.
  const safe = /^[=+\-@]/.test(text) ? `'${text}` : text;
  return /[",\n\r]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export function toCsv(
  header: readonly string[],
  rows: readonly (readonly (string | number | boolean | null | undefined)[])[],
): string {
  return [header, ...rows].map((row) => row.map(quote).join(',')).join('\r\n') + '\r\n';
}

/** Certificate ids from pasted text or a CSV file: any UUID-like token, each once, in order. */
export function extractIds(text: string): string[] {
  const tokens = text.split(/[\s,;"']+/).filter((token) => /^[0-9a-fA-F-]{8,64}$/.test(token));
  const header = /^(id|certificate|certificate_id)$/i;
  return [
    ...new Set(tokens.filter((token) => !header.test(token)).map((token) => token.toLowerCase())),
  ];
}

// A1 addresses: column letters and row numbers, 1-based.

const LETTERS: string[] = [];

export function columnLetter(col: number): string {
  const known = LETTERS[col];
  if (known !== undefined) return known;
  let n = col;
  let out = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    out = String.fromCharCode(65 + r) + out;
    n = Math.floor((n - 1) / 26);
  }
  if (col > 0 && col <= 16384) LETTERS[col] = out;
  return out;
}

export function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

export function address(row: number, col: number): string {
  return columnLetter(col) + row;
}

export function parseAddress(a1: string): { row: number; col: number } {
  const at = tryParseAddress(a1);
  if (!at) throw new Error(`不是单元格地址：${a1}`);
  return at;
}

/** Like parseAddress, but null for text that is no cell address (as in a damaged file). */
export function tryParseAddress(a1: string): { row: number; col: number } | null {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d+)$/.exec(a1);
  return m ? { col: columnNumber(m[1]), row: Number(m[2]) } : null;
}

export function rangeAddress(top: number, left: number, bottom: number, right: number): string {
  return `${address(top, left)}:${address(bottom, right)}`;
}

/** Every cell address of a range "C8:C20" (or a single cell). */
export function expandRange(range: string): string[] {
  const [a, b] = range.split(':');
  const start = parseAddress(a);
  const end = b ? parseAddress(b) : start;
  const out: string[] = [];
  for (let r = Math.min(start.row, end.row); r <= Math.max(start.row, end.row); r++) {
    for (let c = Math.min(start.col, end.col); c <= Math.max(start.col, end.col); c++) out.push(address(r, c));
  }
  return out;
}

/** Quotes a sheet name for a formula or hyperlink: '公开05表 一般…'!C7. */
export function sheetRef(sheet: string, a1: string): string {
  return `'${sheet.replace(/'/g, "''")}'!${a1}`;
}

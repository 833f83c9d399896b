// A workbook as the core sees it: sheets of cells with values, formulas and formats, read by
// a host adapter (exceljs for files, Office.js in Excel). Nothing here knows about either.
//
// The grid contract — what every reader gives for the same workbook (test/grid-contract.test.ts
// runs the readers over the same generated workbooks and requires equal grids):
// - Sheets: in workbook order; hidden sheets included, very-hidden sheets and gongkai's own
//   检查结果 sheet left out; chart and dialog sheets (no cells) left out.
// - Cells: only cells that show something, a formula or an error; an empty string is no cell.
//   Rows and columns are 1-based; rowCount/columnCount are the extent of the cells present.
// - Values: text as shown (rich-text runs joined, phonetic guides left out, _xHHHH_ escapes and
//   entities decoded, CDATA as text, CR LF as LF); numbers as numbers; booleans as booleans.
// - Formulas: the text without "=", shared formulas expanded to each cell (relative references
//   moved); `value` is the cached result (null when none was saved; 0 is kept).
// - Errors: `error` holds the error ("#REF!", "#N/A" …) and `value` is null, for typed errors and
//   for formulas whose cached result is an error.
// - Number formats: `numFmt` is the format code ("#,##0.00"; built-in ids by their code), absent
//   for General.
// - Dates: a number whose format shows a date, or a date cell, is the ISO day "2025-02-28" (1900
//   or 1904 date system as the workbook says).
// - Merges: top-left cell keeps the value, the other cells of a merge are empty; `merges` lists
//   ranges as written, except merges over 1,000 cells, which are clipped to the extent (and
//   dropped when nothing of them is left) — see grid-bounds.ts.
// - Markup: comments and processing instructions are no content; a file Excel would read
//   differently (duplicate parts, missing or external sheet parts, addresses past XFD1048576)
//   is refused, never read in part.
import { address } from './a1';
import { BoundedMemo } from './memo';

export type CellValue = string | number | boolean | null;

export interface GridCell {
  /** The value shown: a formula's cached result, or the typed value. */
  value: CellValue;
  /** Formula text without "=", when the cell holds one. */
  formula?: string;
  /** An error value (#REF!, #VALUE! …) shown in the cell. */
  error?: string;
  numFmt?: string;
}

export interface Grid {
  name: string;
  /** Cells by row then column, 1-based; missing entries are empty cells. */
  rows: Map<number, Map<number, GridCell>>;
  rowCount: number;
  columnCount: number;
  merges: string[];
}

export interface WorkbookGrid {
  sheets: Grid[];
}

export function newGrid(name: string): Grid {
  return { name, rows: new Map(), rowCount: 0, columnCount: 0, merges: [] };
}

export function setCell(grid: Grid, row: number, col: number, cell: GridCell): void {
  let r = grid.rows.get(row);
  if (!r) grid.rows.set(row, (r = new Map()));
  r.set(col, cell);
  grid.rowCount = Math.max(grid.rowCount, row);
  grid.columnCount = Math.max(grid.columnCount, col);
}

export function getCell(grid: Grid, row: number, col: number): GridCell | undefined {
  return grid.rows.get(row)?.get(col);
}

/** The cell's text as a user reads it, trimmed; numbers as typed ("2010301"). */
export function textAt(grid: Grid, row: number, col: number): string {
  const v = getCell(grid, row, col)?.value;
  if (v === null || v === undefined) return '';
  return typeof v === 'number' ? String(v) : String(v).trim();
}

/** Header-style text: no spaces of any width, NFKC (full-width punctuation folded). */
const squashed = new BoundedMemo<string>(100_000);
const squashText = (text: string) => text.normalize('NFKC').replace(/[\s\u3000]+/g, '');

export function squash(text: string): string {
  // printable ASCII without spaces (numbers, codes) is already what NFKC would give
  let plain = true;
  for (let i = 0; i < text.length && plain; i++) {
    const c = text.charCodeAt(i);
    plain = c > 0x20 && c < 0x7f;
  }
  if (plain) return text;
  return squashed.get(text, squashText);
}

export function a1(row: number, col: number): string {
  return address(row, col);
}

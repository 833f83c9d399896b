// A workbook as the core sees it: sheets of cells with values, formulas and formats, read by
// a host adapter (exceljs for files, Office.js in Excel). Nothing here knows about either.
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

// The same figures laid out other ways, as grids: other titles, columns swapped, rows inserted,
// another unit, two tables stacked on one sheet.
import { address, parseAddress, rangeAddress } from '../../src/core/a1';
import type { Grid, GridCell, WorkbookGrid } from '../../src/core/grid';
import { setCell } from '../../src/core/grid';

export function cloneBook(book: WorkbookGrid): WorkbookGrid {
  return {
    sheets: book.sheets.map((s) => ({ ...s, merges: [...s.merges], rows: new Map([...s.rows].map(([r, cells]) => [r, new Map([...cells].map(([c, cell]) => [c, { ...cell }]))])) })),
  };
}

export function sheetOf(book: WorkbookGrid, prefix: string): Grid {
  const s = book.sheets.find((x) => x.name.startsWith(prefix));
  if (!s) throw new Error(`no sheet ${prefix}`);
  return s;
}

export function retitle(book: WorkbookGrid, prefix: string, from: string, to: string): void {
  const s = sheetOf(book, prefix);
  for (const cells of s.rows.values()) for (const cell of cells.values()) if (cell.value === from) cell.value = to;
}

export function swapColumns(grid: Grid, a: number, b: number): void {
  for (const cells of grid.rows.values()) {
    const ca = cells.get(a);
    const cb = cells.get(b);
    cells.delete(a);
    cells.delete(b);
    if (ca) cells.set(b, ca);
    if (cb) cells.set(a, cb);
  }
}

function shiftMerge(m: string, at: number, by: number): string {
  const [x, y] = m.split(':');
  const s = parseAddress(x);
  const e = parseAddress(y ?? x);
  return rangeAddress(s.row >= at ? s.row + by : s.row, s.col, e.row >= at ? e.row + by : e.row, e.col);
}

/** Inserts rows before `at` holding the given cells (an empty row, a note row…). */
export function insertRows(grid: Grid, at: number, rows: Map<number, GridCell>[]): void {
  const moved = [...grid.rows].map(([r, cells]) => [r >= at ? r + rows.length : r, cells] as const);
  grid.rows = new Map(moved);
  rows.forEach((cells, i) => grid.rows.set(at + i, cells));
  grid.rowCount += rows.length;
  grid.merges = grid.merges.map((m) => shiftMerge(m, at, rows.length));
}

/** Restates a 万元 table in 元: every number ×10000, the unit line changed. */
export function toYuan(grid: Grid, firstBodyRow: number): void {
  for (const [r, cells] of grid.rows) {
    for (const cell of cells.values()) {
      if (typeof cell.value === 'string') cell.value = cell.value.replace('单位：万元', '单位：元');
      if (r >= firstBodyRow && typeof cell.value === 'number') cell.value = Math.round(cell.value * 1000000) / 100;
    }
  }
}

/** Moves the second sheet's rows under the first's (a gap of two rows) and drops the second. */
export function stack(book: WorkbookGrid, first: string, second: string): void {
  const a = sheetOf(book, first);
  const b = sheetOf(book, second);
  const offset = a.rowCount + 2;
  for (const [r, cells] of b.rows) for (const [c, cell] of cells) setCell(a, r + offset, c, cell);
  a.merges.push(...b.merges.map((m) => shiftMerge(m, 1, offset)));
  book.sheets = book.sheets.filter((s) => s !== b);
}

export { address };

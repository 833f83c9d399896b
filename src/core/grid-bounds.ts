// Merged ranges bounded by what a sheet holds: a large merge reaching past the used range (the
// cells with content that no merge hides) — one to XFD1048576, say — is clipped to it, so nothing
// downstream walks a range of billions of cells. A small merge (a title merged across a few empty
// columns) is kept as written. Both file readers apply this, so they agree on every grid.
import { rangeAddress, tryParseAddress } from './a1';
import type { Grid } from './grid';

export interface Rect {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/** A merge reference ("C4:E4", "$A$1:$B$2", reversed corners too) as a rectangle; null if it is none. */
export function mergeRect(range: string): Rect | null {
  const [a, b, extra] = range.split(':');
  if (extra !== undefined) return null;
  const s = tryParseAddress(a);
  const e = b === undefined ? s : tryParseAddress(b);
  if (!s || !e) return null;
  return { top: Math.min(s.row, e.row), left: Math.min(s.col, e.col), bottom: Math.max(s.row, e.row), right: Math.max(s.col, e.col) };
}

export const rectCells = (r: Rect) => (r.bottom - r.top + 1) * (r.right - r.left + 1);

/** Merges of up to this many cells are kept as written. */
export const CLIP_MERGES_OVER = 1_000;

/** The grid's merges, those over CLIP_MERGES_OVER cells clipped to its used range (1..rowCount ×
 * 1..columnCount); a clipped merge left with one cell, or none, is dropped. */
export function clipMerges(grid: Grid): string[] {
  const out: string[] = [];
  for (const range of grid.merges) {
    const r = mergeRect(range);
    if (!r) continue;
    if (rectCells(r) <= CLIP_MERGES_OVER) {
      out.push(range);
      continue;
    }
    if (r.top > grid.rowCount || r.left > grid.columnCount) continue;
    const bottom = Math.min(r.bottom, grid.rowCount);
    const right = Math.min(r.right, grid.columnCount);
    if (bottom === r.top && right === r.left) continue;
    out.push(bottom === r.bottom && right === r.right ? range : rangeAddress(r.top, r.left, bottom, right));
  }
  return out;
}

/** Cells the merges cover, summed. */
export function mergedCells(ranges: string[]): number {
  let n = 0;
  for (const range of ranges) {
    const r = mergeRect(range);
    if (r) n += rectCells(r);
  }
  return n;
}

// Queues the writes of a plan in Excel: a standard table as a new sheet (cells, formulas, number
// formats, styles, merges, widths, row heights, frozen panes, print setup), and fill/recalc edits
// (row insertions, then cells). Nothing here syncs; the caller sends the batch.
import { address, columnLetter, parseAddress, sheetRef } from '../../core/a1';
import type { Edit } from '../../core/edits';
import { formulaText } from '../../core/plan/evaluate';
import type { SheetPlan, StyleName } from '../../core/plan/types';
import { maxOf } from '../../core/arrays';
import type { RequestContext, SetSupport, Worksheet } from './excel-api';
import { applyPrint, applyStyle, columnPoints, OFFICE_STYLES } from './look';

/** Runs of adjacent cells in one row with the same style ("B7:E7"), so a style is set once a run. */
export function styleRuns(cells: { address: string; style: StyleName }[]): { range: string; style: StyleName }[] {
  const runs: { range: string; style: StyleName }[] = [];
  const byRow = new Map<number, { col: number; style: StyleName }[]>();
  for (const c of cells) {
    const { row, col } = parseAddress(c.address);
    let list = byRow.get(row);
    if (!list) byRow.set(row, (list = []));
    list.push({ col, style: c.style });
  }
  for (const [row, list] of byRow) {
    list.sort((a, b) => a.col - b.col);
    let start = list[0];
    let prev = list[0];
    for (const c of [...list.slice(1), null]) {
      if (c && c.style === start.style && c.col === prev.col + 1) {
        prev = c;
        continue;
      }
      runs.push({ range: start.col === prev.col ? address(row, start.col) : `${address(row, start.col)}:${address(row, prev.col)}`, style: start.style });
      if (c) start = prev = c;
    }
  }
  return runs;
}

/** Runs of consecutive rows of the same height: [first, last, points]. */
function heightRuns(heights: Record<number, number>): [number, number, number][] {
  const rows = Object.keys(heights).map(Number).sort((a, b) => a - b);
  const runs: [number, number, number][] = [];
  for (const r of rows) {
    const last = runs[runs.length - 1];
    if (last && last[1] === r - 1 && last[2] === heights[r]) last[1] = r;
    else runs.push([r, r, heights[r]]);
  }
  return runs;
}

/** Sets row heights in points (ExcelApi 1.2). */
export function queueRowHeights(ws: Worksheet, heights: Record<number, number>, supports: SetSupport): void {
  if (!supports('ExcelApi', '1.2')) return;
  for (const [first, last, points] of heightRuns(heights)) ws.getRange(`${first}:${last}`).format.rowHeight = points;
}

/** Sets column widths given in characters (ExcelApi 1.2). */
export function queueWidths(ws: Worksheet, widths: number[], supports: SetSupport): void {
  if (!supports('ExcelApi', '1.2')) return;
  widths.forEach((w, i) => (ws.getRange(`${columnLetter(i + 1)}:${columnLetter(i + 1)}`).format.columnWidth = columnPoints(w)));
}

/** Queues a standard table's sheet; returns roughly how many bytes the request carries. */
export function queueSheet(ws: Worksheet, plan: SheetPlan, supports: SetSupport): number {
  const rows = maxOf(plan.cells.map((c) => parseAddress(c.address).row));
  const cols = Math.max(plan.widths.length, maxOf(plan.cells.map((c) => parseAddress(c.address).col)));
  const matrix: unknown[][] = Array.from({ length: rows }, () => Array<unknown>(cols).fill(''));
  const formats: string[][] = Array.from({ length: rows }, () => Array<string>(cols).fill('General'));
  for (const c of plan.cells) {
    const { row, col } = parseAddress(c.address);
    matrix[row - 1][col - 1] = c.formula ? `=${formulaText(c.formula)}` : c.value ?? '';
    formats[row - 1][col - 1] = OFFICE_STYLES[c.style].numFmt ?? 'General';
  }
  const whole = ws.getRange(`A1:${columnLetter(cols)}${rows}`);
  // number formats first, so codes typed as text stay text
  whole.numberFormat = formats;
  whole.formulas = matrix;
  for (const run of styleRuns(plan.cells)) applyStyle(ws.getRange(run.range).format, OFFICE_STYLES[run.style]);
  if (supports('ExcelApi', '1.2')) for (const m of plan.merges) ws.getRange(m).merge(false);
  queueWidths(ws, plan.widths, supports);
  queueRowHeights(ws, plan.rowHeights, supports);
  if (supports('ExcelApi', '1.7') && (plan.freeze.rows > 0 || plan.freeze.columns > 0)) {
    if (plan.freeze.columns === 0) ws.freezePanes.freezeRows(plan.freeze.rows);
    else ws.freezePanes.freezeAt(`A1:${columnLetter(plan.freeze.columns)}${Math.max(1, plan.freeze.rows)}`);
  }
  applyPrint(
    ws,
    { orientation: plan.print.orientation, margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 }, titleRows: plan.print.titleRows, centered: true, fitToWidth: plan.print.fitToWidth },
    supports,
  );
  return JSON.stringify(matrix).length * 2 + JSON.stringify(formats).length;
}

/** Queues fill/recalc edits: row insertions bottom-up (Excel adjusts formulas; the new rows take
 * their model row's formats where ExcelApi 1.9 can copy them), then cell writes. */
export function queueEdits(context: RequestContext, edits: Edit[], supports: SetSupport): void {
  const sheets = context.workbook.worksheets;
  const inserts = edits.filter((e): e is Extract<Edit, { op: 'insertRows' }> => e.op === 'insertRows').sort((a, b) => b.before - a.before);
  for (const e of inserts) {
    const ws = sheets.getItem(e.sheet);
    const added = ws.getRange(`${e.before}:${e.before + e.count - 1}`);
    added.insert('Down');
    if (supports('ExcelApi', '1.9')) {
      const model = e.styleFrom >= e.before ? e.styleFrom + e.count : e.styleFrom;
      ws.getRange(`${e.before}:${e.before + e.count - 1}`).copyFrom(sheetRef(e.sheet, `${model}:${model}`), 'Formats');
    }
  }
  for (const e of edits) {
    if (e.op === 'insertRows') continue;
    const r = sheets.getItem(e.sheet).getRange(e.address);
    if (e.op === 'setValue') {
      r.values = [[e.value ?? '']];
      if (e.bold) r.format.font.bold = true;
    } else {
      r.formulas = [[`=${formulaText(e.formula)}`]];
    }
  }
}

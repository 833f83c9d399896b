// Applies host-neutral edits to an exceljs workbook. Inserting rows moves every cell, style,
// note and merged range below the insertion point and adjusts formulas on every sheet that
// refer to the moved rows, as Excel does when rows are inserted.
import type ExcelJS from 'exceljs';
import { parseAddress, rangeAddress } from '../../core/a1';
import type { Edit } from '../../core/edits';
import { shiftFormula } from '../../core/formula-shift';
import { toNumber } from '../../core/money';
import { formulaText } from '../../core/plan/evaluate';
import { cellValue, FORMULA, removeNote } from './cell-value';

function sheetOf(wb: ExcelJS.Workbook, name: string): ExcelJS.Worksheet {
  const ws = wb.getWorksheet(name);
  if (!ws) throw new Error(`没有工作表 ${name}`);
  return ws;
}

function copyStyle(style: Partial<ExcelJS.Style>): Partial<ExcelJS.Style> {
  return JSON.parse(JSON.stringify(style ?? {}));
}

function insertRows(wb: ExcelJS.Workbook, ws: ExcelJS.Worksheet, before: number, count: number, styleFrom: number): void {
  const merges: string[] = [...((ws.model as unknown as { merges?: string[] }).merges ?? [])];
  const moved = merges.filter((m) => parseAddress(m.split(':')[1] ?? m).row >= before);
  for (const m of moved) ws.unMergeCells(m);
  const last = ws.rowCount;
  for (let r = last; r >= before; r--) {
    const src = ws.getRow(r);
    const dst = ws.getRow(r + count);
    dst.height = src.height;
    src.eachCell({ includeEmpty: true }, (cell, c) => {
      const target = dst.getCell(c);
      const note = cell.note;
      target.value = cellValue(cell);
      target.style = copyStyle(cell.style);
      if (note) target.note = note;
      else removeNote(target);
      removeNote(cell);
      cell.value = null;
    });
  }
  // the new rows take the look of the row they were inserted above (now moved down)
  const model = ws.getRow(styleFrom + count);
  for (let r = before; r < before + count; r++) {
    const row = ws.getRow(r);
    row.height = model.height;
    model.eachCell({ includeEmpty: true }, (cell, c) => {
      row.getCell(c).style = copyStyle(cell.style);
    });
  }
  for (const m of moved) {
    const [a, b] = m.split(':');
    const s = parseAddress(a);
    const e = parseAddress(b ?? a);
    const top = s.row >= before ? s.row + count : s.row;
    ws.mergeCells(rangeAddress(top, s.col, e.row + count, e.col));
  }
  const ins = { sheet: ws.name, at: before, count };
  for (const sheet of wb.worksheets) {
    sheet.eachRow({ includeEmpty: false }, (row) => {
      row.eachCell({ includeEmpty: false }, (cell) => {
        if (cell.type !== FORMULA || !cell.formula) return;
        cell.value = { formula: shiftFormula(cell.formula, sheet.name, ins), result: cell.result } as ExcelJS.CellFormulaValue;
      });
    });
  }
}

export function applyEdits(wb: ExcelJS.Workbook, edits: Edit[]): void {
  const insertions = edits.filter((e): e is Extract<Edit, { op: 'insertRows' }> => e.op === 'insertRows');
  // bottom-up, so each insertion's row numbers are still the original ones
  for (const e of [...insertions].sort((a, b) => b.before - a.before)) insertRows(wb, sheetOf(wb, e.sheet), e.before, e.count, e.styleFrom);
  for (const e of edits) {
    if (e.op === 'insertRows') continue;
    const cell = sheetOf(wb, e.sheet).getCell(e.address);
    if (e.op === 'setValue') {
      cell.value = e.value;
      if (e.bold) cell.font = { ...(cell.font ?? {}), bold: true };
    } else {
      cell.value = { formula: formulaText(e.formula), result: toNumber(e.result) } as ExcelJS.CellFormulaValue;
    }
  }
}

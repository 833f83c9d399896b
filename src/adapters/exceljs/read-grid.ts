// Reads an exceljs workbook into the core's Grid model: values (cached results for formulas),
// formula texts, error values, number formats and merged ranges.
import type ExcelJS from 'exceljs';
import { RESULTS_SHEET } from '../../core/check/finding';
import { type CellValue, type Grid, newGrid, setCell, type WorkbookGrid } from '../../core/grid';
import { clipMerges } from '../../core/grid-bounds';

function plainValue(v: ExcelJS.CellValue): { value: CellValue; formula?: string; error?: string } {
  if (v === null || v === undefined) return { value: null };
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return { value: v };
  if (v instanceof Date) return { value: v.toISOString().slice(0, 10) };
  if ('richText' in v) return { value: v.richText.map((r) => r.text).join('') };
  if ('error' in v) return { value: null, error: String(v.error) };
  if ('formula' in v || 'sharedFormula' in v) {
    const f = v as ExcelJS.CellFormulaValue & { sharedFormula?: string };
    const formula = f.formula ?? f.sharedFormula;
    const r = f.result;
    if (r !== null && typeof r === 'object' && 'error' in r) return { value: null, formula, error: String(r.error) };
    const inner = r === undefined ? { value: null } : plainValue(r as ExcelJS.CellValue);
    return { ...inner, ...(formula ? { formula } : {}) };
  }
  if ('text' in v) return { value: String((v as ExcelJS.CellHyperlinkValue).text) };
  return { value: null };
}

/** exceljs's cell.value drops a cached result of 0; cell.result keeps it. */
function formulaAware(cell: ExcelJS.Cell): { value: CellValue; formula?: string; error?: string } {
  if (cell.type !== 6 /* ExcelJS.ValueType.Formula */) return plainValue(cell.value);
  return plainValue({ formula: cell.formula, result: cell.result } as ExcelJS.CellFormulaValue);
}

export function readSheet(ws: ExcelJS.Worksheet): Grid {
  const grid = newGrid(ws.name);
  ws.eachRow({ includeEmpty: false }, (row, r) => {
    row.eachCell({ includeEmpty: false }, (cell, c) => {
      // merged slaves repeat the master's value in exceljs; keep them empty as Excel does
      if (cell.isMerged && cell.master !== cell) return;
      const pv = formulaAware(cell);
      if ((pv.value === null || pv.value === '') && !pv.formula && !pv.error) return;
      setCell(grid, r, c, { ...pv, ...(cell.numFmt ? { numFmt: cell.numFmt } : {}) });
    });
  });
  const merges = (ws.model as unknown as { merges?: string[] }).merges ?? [];
  grid.merges = [...merges];
  grid.merges = clipMerges(grid);
  return grid;
}

export function readWorkbookGrid(wb: ExcelJS.Workbook): WorkbookGrid {
  return { sheets: wb.worksheets.filter((ws) => ws.state !== 'veryHidden' && ws.name !== RESULTS_SHEET).map(readSheet) };
}

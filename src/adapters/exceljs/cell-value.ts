// Working around exceljs: its cell.value drops a formula's cached result when it is 0, and a
// note once written stays in the cell's value model after the note is removed.
import type ExcelJS from 'exceljs';

export const FORMULA = 6; // ExcelJS.ValueType.Formula

/** A cell's value for copying: shared formulas become plain ones, and a cached 0 survives. */
export function cellValue(cell: ExcelJS.Cell): ExcelJS.CellValue {
  if (cell.type !== FORMULA) return cell.value;
  return { formula: cell.formula, result: cell.result } as ExcelJS.CellFormulaValue;
}

/** Removes a cell's note for good (the value model is rebuilt so no stale copy is written). */
export function removeNote(cell: ExcelJS.Cell): void {
  const value = cellValue(cell);
  delete (cell as unknown as { _comment?: unknown })._comment;
  cell.value = null;
  cell.value = value;
}

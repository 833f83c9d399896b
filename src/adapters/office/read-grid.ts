// Reads the open workbook into the core's grid, as the file readers give it: values (dates as
// ISO days, by their number format), formulas, errors, number formats and merged ranges (ExcelApi
// 1.13); very hidden sheets and gongkai's 检查结果 sheet are left out. Two syncs whatever the
// number of rows: sheet names (and the notes, ExcelApi 1.18), then every sheet's cells at once.
import { RESULTS_SHEET } from '../../core/check/finding';
import { type CellValue, type GridCell, newGrid, setCell, type WorkbookGrid } from '../../core/grid';
import { isDateFormat, serialDate } from '../xlsx/read-xlsx';
import type { Note, RequestContext, SetSupport } from './excel-api';

/** A note already in the workbook: its text, and the object to delete it by. */
export interface ExistingNote {
  content: string;
  note: Note;
}

export interface ExcelRead {
  grid: WorkbookGrid;
  /** Every sheet's name, hidden ones too. */
  sheetNames: string[];
  /** Notes by cell ("sheet\0A1"); empty when the host has no notes API. */
  notes: Map<string, ExistingNote>;
}

export const cellKey = (sheet: string, a1: string) => `${sheet}\u0000${a1}`;

/** "'My sheet'!$A$1:$B$2" → ["My sheet", "A1:B2"]. */
export function splitRef(ref: string): [string, string] {
  const i = ref.lastIndexOf('!');
  const sheet = ref.slice(0, i);
  return [sheet.startsWith("'") ? sheet.slice(1, -1).replace(/''/g, "'") : sheet, ref.slice(i + 1).replace(/\$/g, '')];
}

/** The areas of a RangeAreas address ("Sheet1!A1:B2, Sheet1!C3"), without their sheet. */
export function areasOf(address: string): string[] {
  return [...address.matchAll(/!(\$?[A-Z]{1,3}\$?\d+(?::\$?[A-Z]{1,3}\$?\d+)?)(?=\s*,|\s*$)/g)].map((m) => m[1].replace(/\$/g, ''));
}

function gridCell(value: unknown, formula: unknown, type: unknown, format: unknown): GridCell | null {
  const isFormula = typeof formula === 'string' && formula.startsWith('=');
  if ((value === '' || value === null || value === undefined) && !isFormula) return null;
  const numFmt = typeof format === 'string' && format !== 'General' ? format : undefined;
  const cell: GridCell =
    type === 'Error'
      ? { value: null, error: String(value) }
      : { value: value === '' || value === undefined ? null : typeof value === 'number' && isDateFormat(numFmt) ? serialDate(value, false) : (value as CellValue) };
  if (isFormula) cell.formula = (formula as string).slice(1);
  if (numFmt) cell.numFmt = numFmt;
  // keep the reader's key order: value, formula, error, numFmt
  return { value: cell.value, ...(cell.formula ? { formula: cell.formula } : {}), ...(cell.error ? { error: cell.error } : {}), ...(numFmt ? { numFmt } : {}) };
}

/**
 * Sheet names and notes (sync 1); with `cells`, every readable sheet's used range and merges,
 * and each note's cell (sync 2, skipped when there is nothing to read).
 */
export async function readExcel(context: RequestContext, supports: SetSupport, what: { cells: boolean; notes: boolean }): Promise<ExcelRead> {
  const sheets = context.workbook.worksheets;
  sheets.load('items/name,items/visibility');
  const noteCollection = what.notes && supports('ExcelApi', '1.18') ? context.workbook.notes.load('items/content') : null;
  await context.sync();
  const sheetNames = sheets.items.map((ws) => ws.name);
  const merges = supports('ExcelApi', '1.13');
  const reads = what.cells
    ? sheets.items
        .filter((ws) => ws.visibility !== 'VeryHidden' && ws.name !== RESULTS_SHEET)
        .map((ws) => ({
          name: ws.name,
          used: ws.getUsedRange().load(['values', 'formulas', 'valueTypes', 'numberFormat', 'rowIndex', 'columnIndex']),
          merged: merges ? ws.getRange().getMergedAreasOrNullObject().load('address') : null,
        }))
    : [];
  const located = (noteCollection?.items ?? []).map((note) => ({ note, content: note.content, where: note.getLocation().load('address') }));
  if (reads.length || located.length) await context.sync();
  const grid: WorkbookGrid = {
    sheets: reads.map(({ name, used, merged }) => {
      const g = newGrid(name);
      const { values, formulas, valueTypes, numberFormat, rowIndex, columnIndex } = used;
      for (let i = 0; i < values.length; i++) {
        for (let j = 0; j < values[i].length; j++) {
          const cell = gridCell(values[i][j], formulas[i]?.[j], valueTypes[i]?.[j], numberFormat[i]?.[j]);
          if (cell) setCell(g, rowIndex + i + 1, columnIndex + j + 1, cell);
        }
      }
      if (merged && !merged.isNullObject) g.merges = areasOf(merged.address);
      return g;
    }),
  };
  const notes = new Map<string, ExistingNote>();
  for (const { note, content, where } of located) {
    const [sheet, a1] = splitRef(where.address);
    notes.set(cellKey(sheet, a1), { content, note });
  }
  return { grid, sheetNames, notes };
}

/** The open workbook's grid, in two syncs. */
export async function readGrid(context: RequestContext, supports: SetSupport): Promise<WorkbookGrid> {
  return (await readExcel(context, supports, { cells: true, notes: false })).grid;
}

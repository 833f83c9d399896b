// Applies a command's plan to an exceljs workbook (the CLI's files and the standalone page):
// marks removed, tables added, edits, marks and the 检查结果 sheet, the 情况说明 sheet — and
// gongkai's record of what it changed, in a very hidden sheet, so 清除标记 undoes exactly that.
import type ExcelJS from 'exceljs';
import { sheetRef } from '../../core/a1';
import { type BookPlan, MARK_FILLS, type ResultsSheet, type TextSheet } from '../../core/commands/plan';
import { isEmptyStore, type Original, ownSheetName, parseStore, STORE_SHEET, type Store, storeLines } from '../../core/commands/store';
import { applyEdits } from './apply-edits';
import { removeNote } from './cell-value';
import { addSheet } from './write-plan';


export interface Applied {
  /** Cells whose own fill and note were put back. */
  restored: number;
  /** The sheets made: 检查结果, 情况说明 (their names, when a user's sheet had the name). */
  results?: string;
  text?: string;
}

function readStore(wb: ExcelJS.Workbook): Store {
  const ws = wb.getWorksheet(STORE_SHEET);
  const lines: string[] = [];
  ws?.eachRow((row) => {
    const v = row.getCell(1).value;
    if (typeof v === 'string') lines.push(v);
  });
  return parseStore(lines);
}

function writeStore(wb: ExcelJS.Workbook, store: Store): void {
  const old = wb.getWorksheet(STORE_SHEET);
  if (old) wb.removeWorksheet(old.id);
  if (isEmptyStore(store)) return;
  const ws = wb.addWorksheet(STORE_SHEET, { state: 'veryHidden' });
  for (const line of storeLines(store)) ws.addRow([line]);
}

function restore(wb: ExcelJS.Workbook, store: Store): number {
  let restored = 0;
  for (const o of store.originals) {
    const ws = wb.getWorksheet(o.sheet);
    if (!ws) continue;
    const cell = ws.getCell(o.address);
    const style = { ...cell.style };
    if (o.raw) style.fill = o.raw as ExcelJS.Fill;
    else if (o.fill) style.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: o.fill } };
    else delete style.fill;
    cell.style = style;
    if (o.note) cell.note = o.note;
    else removeNote(cell);
    restored++;
  }
  for (const own of store.owned.filter((s) => s.kind === 'results')) {
    const ws = wb.getWorksheet(own.name);
    if (ws) wb.removeWorksheet(ws.id);
  }
  store.originals = [];
  store.owned = store.owned.filter((s) => s.kind !== 'results');
  return restored;
}

function names(wb: ExcelJS.Workbook): string[] {
  return wb.worksheets.map((w) => w.name);
}

function writeResults(wb: ExcelJS.Workbook, results: ResultsSheet, store: Store): string {
  const { name, replaces } = ownSheetName(results.name, names(wb), store.owned.map((s) => s.name));
  if (replaces) wb.removeWorksheet(wb.getWorksheet(name)!.id);
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  results.columns.forEach((c, i) => (ws.getColumn(i + 1).width = c.width));
  ws.addRow(results.columns.map((c) => c.header)).font = { bold: true };
  for (const r of results.rows) {
    const row = ws.addRow(r.cells);
    if (r.link) {
      const target = sheetRef(r.link.sheet, r.link.cell).replace(/"/g, '""');
      row.getCell(3).value = { formula: `HYPERLINK("#${target}","${r.link.cell}")`, result: r.link.cell } as ExcelJS.CellFormulaValue;
      row.getCell(3).font = { color: { argb: 'FF0563C1' }, underline: true };
    }
    row.getCell(1).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: MARK_FILLS[r.severity] } };
    row.getCell(5).alignment = { wrapText: true, vertical: 'top' };
  }
  if (results.rows.length === 0) ws.addRow(['', '', '', '', results.empty]);
  store.owned.push({ name, kind: 'results' });
  return name;
}

function writeText(wb: ExcelJS.Workbook, text: TextSheet, store: Store): string {
  const { name, replaces } = ownSheetName(text.name, names(wb), store.owned.filter((s) => s.kind === 'text').map((s) => s.name));
  if (replaces) wb.removeWorksheet(wb.getWorksheet(name)!.id);
  const ws = wb.addWorksheet(name, {
    pageSetup: { paperSize: 9, orientation: text.print.orientation, fitToPage: true, fitToWidth: 1, fitToHeight: 0, margins: { left: 0.79, right: 0.79, top: 0.79, bottom: 0.79, header: 0.3, footer: 0.3 } },
    headerFooter: { oddFooter: '第 &P 页，共 &N 页' },
  });
  ws.getColumn(1).width = text.width;
  for (const line of text.lines) ws.addRow([line]).getCell(1).alignment = { wrapText: true, vertical: 'top' };
  if (!store.owned.some((s) => s.name === name)) store.owned.push({ name, kind: 'text' });
  return name;
}

export function applyBookPlan(wb: ExcelJS.Workbook, plan: BookPlan): Applied {
  const store = readStore(wb);
  const applied: Applied = { restored: 0 };
  if (plan.clearMarks) applied.restored = restore(wb, store);
  for (const sheet of plan.sheets) addSheet(wb, sheet);
  if (plan.edits.length) applyEdits(wb, plan.edits);
  for (const m of plan.marks) {
    const ws = wb.getWorksheet(m.sheet);
    if (!ws) continue;
    const cell = ws.getCell(m.address);
    const fill = cell.fill && Object.keys(cell.fill).length ? (JSON.parse(JSON.stringify(cell.fill)) as ExcelJS.Fill) : null;
    const original: Original = { sheet: m.sheet, address: m.address, fill: null, ...(fill ? { raw: fill } : {}), note: typeof cell.note === 'string' ? cell.note : cell.note ? (cell.note.texts ?? []).map((t) => t.text).join('') : null };
    store.originals.push(original);
    cell.style = { ...cell.style, fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: MARK_FILLS[m.severity] } } };
    cell.note = m.note;
  }
  if (plan.results) applied.results = writeResults(wb, plan.results, store);
  if (plan.text) applied.text = writeText(wb, plan.text, store);
  if (plan.clearMarks || plan.marks.length || plan.results || plan.text) writeStore(wb, store);
  return applied;
}

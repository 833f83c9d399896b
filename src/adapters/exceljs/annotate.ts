// Puts findings where the accountant looks: each offending cell filled (red error, orange
// warning, blue notice) with a note saying what is wrong, and a 检查结果 sheet listing every
// finding with a link to its cell. The cells' own fills and notes are kept in a hidden sheet,
// so annotating again replaces the marks instead of stacking them, and `clear` restores them.
import type ExcelJS from 'exceljs';
import { sheetRef } from '../../core/a1';
import type { Finding, Report, Severity } from '../../core/check/finding';
import { RESULTS_SHEET, SEVERITY_NAMES } from '../../core/check/finding';
import { removeNote } from './cell-value';

export const ORIGINALS_SHEET = '_gongkai_原格式';

const FILLS: Record<Severity, string> = { error: 'FFFFC7CE', warning: 'FFFFE0B2', notice: 'FFDDEBF7' };
const RANK: Record<Severity, number> = { error: 0, warning: 1, notice: 2 };

interface Original {
  sheet: string;
  address: string;
  fill: ExcelJS.Fill | null;
  note: ExcelJS.Comment | string | null;
}

/** Removes gongkai's marks: restores each marked cell's fill and note, drops the added sheets. */
export function clearAnnotations(wb: ExcelJS.Workbook): number {
  const store = wb.getWorksheet(ORIGINALS_SHEET);
  let restored = 0;
  if (store) {
    store.eachRow((row) => {
      const original = JSON.parse(String(row.getCell(1).value)) as Original;
      const ws = wb.getWorksheet(original.sheet);
      if (!ws) return;
      const cell = ws.getCell(original.address);
      const style = { ...cell.style };
      if (original.fill) style.fill = original.fill;
      else delete style.fill;
      cell.style = style;
      if (original.note) cell.note = original.note as ExcelJS.Comment;
      else removeNote(cell);
      restored++;
    });
    wb.removeWorksheet(store.id);
  }
  const results = wb.getWorksheet(RESULTS_SHEET);
  if (results) wb.removeWorksheet(results.id);
  return restored;
}

function noteText(findings: Finding[]): string {
  return ['gongkai 检查：', ...findings.map((f) => `【${SEVERITY_NAMES[f.severity]}】${f.message}`)].join('\n');
}

export function annotateWorkbook(wb: ExcelJS.Workbook, report: Report): void {
  clearAnnotations(wb);
  const byCell = new Map<string, Finding[]>();
  for (const f of report.findings) {
    if (!f.sheet || !f.cell) continue;
    const key = `${f.sheet}\u0000${f.cell}`;
    byCell.set(key, [...(byCell.get(key) ?? []), f]);
  }
  const originals: Original[] = [];
  for (const [key, findings] of byCell) {
    const [sheet, address] = key.split('\u0000');
    const ws = wb.getWorksheet(sheet);
    if (!ws) continue;
    const cell = ws.getCell(address);
    originals.push({ sheet, address, fill: cell.fill && Object.keys(cell.fill).length ? (JSON.parse(JSON.stringify(cell.fill)) as ExcelJS.Fill) : null, note: (cell.note as ExcelJS.Comment | string | undefined) ?? null });
    const worst = findings.reduce((a, f) => (RANK[f.severity] < RANK[a] ? f.severity : a), 'notice' as Severity);
    cell.style = { ...cell.style, fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: FILLS[worst] } } };
    cell.note = noteText(findings);
  }

  const results = wb.addWorksheet(RESULTS_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  results.columns = [
    { header: '严重程度', key: 'severity', width: 10 },
    { header: '工作表', key: 'sheet', width: 30 },
    { header: '单元格', key: 'cell', width: 10 },
    { header: '规则', key: 'rule', width: 18 },
    { header: '说明', key: 'message', width: 90 },
    { header: '应为', key: 'expected', width: 16 },
    { header: '实为', key: 'actual', width: 16 },
  ];
  results.getRow(1).font = { bold: true };
  for (const f of report.findings) {
    const row = results.addRow({ severity: SEVERITY_NAMES[f.severity], sheet: f.sheet ?? '', cell: f.cell ?? '', rule: f.rule, message: f.message, expected: f.expected ?? '', actual: f.actual ?? '' });
    if (f.sheet && f.cell) {
      row.getCell('cell').value = { formula: `HYPERLINK("#${sheetRef(f.sheet, f.cell).replace(/"/g, '""')}","${f.cell}")`, result: f.cell } as ExcelJS.CellFormulaValue;
      row.getCell('cell').font = { color: { argb: 'FF0563C1' }, underline: true };
    }
    row.getCell('severity').fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: FILLS[f.severity] } };
    row.getCell('message').alignment = { wrapText: true, vertical: 'top' };
  }
  if (report.findings.length === 0) results.addRow({ message: '没有发现问题。' });

  const store = wb.addWorksheet(ORIGINALS_SHEET, { state: 'veryHidden' });
  for (const o of originals) store.addRow([JSON.stringify(o)]);
}

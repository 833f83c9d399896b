// Builds "as received" workbooks from a full table: parent rows deleted, names blanked,
// totals typed or left blank, as accountants and exports deliver them.
import ExcelJS from 'exceljs';
import type { CodeRowData } from '../../src/core/plan/build';

export interface StripOptions {
  title: string;
  unit: '元' | '万元';
  /** Amount column headers, left to right; the first is the row total (合计). */
  columns: string[];
  /** Detail rows only (codes of full length), amounts by header. */
  rows: { code: string; name: string; amounts: number[] }[];
  /** Value typed in each amount cell of the 合计 row (null leaves it blank). */
  total?: (number | null)[];
}

export function strippedWorkbook(o: StripOptions): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('表');
  ws.getCell('A1').value = o.title;
  ws.getCell('A2').value = `单位：${o.unit}`;
  ws.addRow(['科目编码', '科目名称', ...o.columns]);
  ws.addRow(['', '合计', ...(o.total ?? o.columns.map(() => null))]);
  for (const r of o.rows) ws.addRow([r.code, r.name, ...r.amounts]);
  return wb;
}

/** Detail rows (no children among the rows) of a table's code rows. */
export function detailRows(rows: CodeRowData[]): CodeRowData[] {
  return rows.filter((r) => !rows.some((o) => o !== r && o.code.startsWith(r.code)));
}

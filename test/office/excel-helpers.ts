// Shared by the Office adapter tests: a workbook opened "in Excel" (the double, built from an
// .xlsx file cell by cell through exceljs) and the same file read by the direct reader.
import type ExcelJS from 'exceljs';
import { readGrid as readFileGrid } from '../../src/adapters/node/grid-file';
import type { SetSupport } from '../../src/adapters/office/excel-api';
import type { WorkbookGrid } from '../../src/core/grid';
import { readWorkbook } from '../helpers/workbook';
import { FakeContext, type FakeWorkbookModel, modelFromWorkbook } from './fake-excel';

/** Every requirement set up to ExcelApi 1.<minor>. */
export const upTo =
  (minor: number): SetSupport =>
  (_name, version) =>
    Number(version.split('.')[1]) <= minor;
export const all = upTo(99);

export async function bytesOf(wb: ExcelJS.Workbook): Promise<Buffer> {
  return Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

/** The file as Excel holds it once opened (the file written, read back by exceljs). */
export async function openInExcel(wb: ExcelJS.Workbook): Promise<{ model: FakeWorkbookModel; ctx: () => FakeContext; direct: WorkbookGrid; bytes: Buffer }> {
  return openFileInExcel(await bytesOf(wb));
}

/** An .xlsx file's bytes as Excel holds them once opened. */
export async function openFileInExcel(bytes: Buffer): Promise<{ model: FakeWorkbookModel; ctx: () => FakeContext; direct: WorkbookGrid; bytes: Buffer }> {
  const model = modelFromWorkbook(await readWorkbook(bytes));
  return { model, ctx: () => new FakeContext(model), direct: readFileGrid('工作簿.xlsx', bytes), bytes };
}

/** A department's export pasted beside its tables: a code table of `rows` detail rows with
 * names blank and totals missing (the 项 varied within real 款; unknown codes are only flagged). */
export function addExport(wb: ExcelJS.Workbook, rows: number, name = '一体化导出'): void {
  const codes = ['2010301', '2010302', '2010350', '2080505', '2080506', '2101101', '2101103', '2210201', '2120199'];
  const ws = wb.addWorksheet(name);
  ws.getCell('A1').value = '2025年一般公共预算支出表';
  ws.getCell('A2').value = '单位：万元';
  ws.addRow(['科目编码', '科目名称', '合计', '基本支出', '项目支出']);
  ws.addRow(['', '合计', null, null, null]);
  for (let i = 0; i < rows; i++) ws.addRow([i < codes.length ? codes[i] : `20103${String(10 + (i % 80)).padStart(2, '0')}`, '', 2 * (1 + i), 1 + i, 1 + i]);
}

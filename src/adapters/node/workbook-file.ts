// Opening a workbook file for a command: format checks with clear Chinese errors, the exceljs
// model for writing, and the core's grid for reading.
import * as fs from 'node:fs';
import ExcelJS from 'exceljs';
import { UserError } from '../../core/errors';
import type { WorkbookGrid } from '../../core/grid';
import { readWorkbookGrid } from '../exceljs/read-grid';
import { inspectXlsx } from './inspect';
import { sniffFormat } from './sniff';

export interface OpenWorkbook {
  file: string;
  workbook: ExcelJS.Workbook;
  grid: WorkbookGrid;
}

export async function openWorkbook(file: string): Promise<OpenWorkbook> {
  if (!fs.existsSync(file)) throw new UserError(`找不到文件 ${file}`);
  if (fs.statSync(file).isDirectory()) throw new UserError(`${file} 是目录，不是工作簿文件`);
  const bytes = fs.readFileSync(file);
  sniffFormat(file, bytes);
  await inspectXlsx(file, bytes);
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (e) {
    throw new UserError(`无法打开 ${file}：文件已损坏或不是有效的 .xlsx（${(e as Error).message}）`);
  }
  return { file, workbook, grid: readWorkbookGrid(workbook) };
}

export async function workbookBuffer(wb: ExcelJS.Workbook): Promise<Buffer> {
  return Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

// Opening a workbook file for a command that writes: format checks with clear Chinese errors,
// the exceljs model for writing, and the core's grid for reading. Commands that only read use
// grid-file.ts, which builds no model.
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { UserError } from '../../core/errors';
import type { WorkbookGrid } from '../../core/grid';
import { readWorkbookGrid } from '../exceljs/read-grid';
import { plainMarkup } from '../xlsx/xml';
import { readFileBytes, readGrid } from './grid-file';
import { inspectXlsx } from './inspect';

export interface OpenWorkbook {
  file: string;
  workbook: ExcelJS.Workbook;
  grid: WorkbookGrid;
}

/** The exceljs model of a file already read and sniffed. */
export async function loadWorkbookModel(file: string, bytes: Buffer): Promise<ExcelJS.Workbook> {
  // the direct reader first: it refuses what the model would read otherwise than Excel (duplicate
  // or missing parts, addresses past the grid) or could not hold (merges over millions of cells)
  const cdata: string[] = [];
  readGrid(file, bytes, { resultsSheet: true, forModel: true, onCdata: (part) => cdata.push(part) });
  await inspectXlsx(file, bytes);
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load((cdata.length ? await withoutCdata(bytes, cdata) : bytes) as unknown as ArrayBuffer);
  } catch (e) {
    throw new UserError(`无法打开 ${file}：文件已损坏或不是有效的 .xlsx（${(e as Error).message}）`);
  }
  return workbook;
}

/** exceljs drops the text of CDATA sections: those parts are given to it as plain escaped text. */
async function withoutCdata(bytes: Buffer, parts: string[]): Promise<Buffer> {
  const zip = await JSZip.loadAsync(bytes);
  for (const name of parts) {
    const entry = zip.file(name);
    if (entry) zip.file(name, plainMarkup(await entry.async('string')));
  }
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

export async function openWorkbook(file: string): Promise<OpenWorkbook> {
  const workbook = await loadWorkbookModel(file, readFileBytes(file));
  return { file, workbook, grid: readWorkbookGrid(workbook) };
}

export async function workbookBuffer(wb: ExcelJS.Workbook): Promise<Buffer> {
  return Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

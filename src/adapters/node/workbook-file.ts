// A workbook file as an exceljs model, after the direct reader's checks (clear Chinese errors for
// what the model would read otherwise than Excel). The commands read with grid-file.ts and write
// by patching the package; the model is kept for comparing the two readers (the grid contract).
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { UserError } from '../../core/errors';
import { plainMarkup } from '../xlsx/xml';
import { readGrid } from './grid-file';
import { inspectXlsx } from './inspect';

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

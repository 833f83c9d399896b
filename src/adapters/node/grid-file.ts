// Reading a workbook file into the core's grid for checking, without building a workbook model:
// the format sniffed, the zip's directory read, and only the parts a check needs inflated, each
// within the limits (a zip bomb or a sheet of a million rows is refused before it costs memory).
import { RESULTS_SHEET } from '../../core/check/finding';
import { UserError } from '../../core/errors';
import type { WorkbookGrid } from '../../core/grid';
import { readXlsxGrid, XlsxError } from '../xlsx/read-xlsx';
import { LIMITS, PACKAGE_MESSAGES, refuseNonWorkbook } from './inspect';
import { MAX_WORKBOOK_BYTES, readInputFile } from './input-file';
import { sniffFormat } from './sniff';
import { Zip, ZipError } from './zip';

export function readFileBytes(file: string): Buffer {
  const bytes = readInputFile(file, { maxBytes: MAX_WORKBOOK_BYTES, what: '工作簿', refuseLockFile: true });
  sniffFormat(file, bytes);
  return bytes;
}

export function readGrid(file: string, bytes: Buffer): WorkbookGrid {
  try {
    const zip = new Zip(bytes, LIMITS.inflatedBytes);
    refuseNonWorkbook(file, zip.names());
    if (zip.declaredSize() > LIMITS.inflatedBytes) throw new UserError(PACKAGE_MESSAGES.bomb(file));
    return readXlsxGrid(zip, { maxRows: LIMITS.rows, skipSheet: (name) => name === RESULTS_SHEET });
  } catch (e) {
    if (e instanceof ZipError) {
      if (e.reason === 'budget') throw new UserError(PACKAGE_MESSAGES.bomb(file));
      if (e.reason === 'encrypted') throw new UserError(`${file} 的压缩内容设有密码，无法读取。请在 Excel 或 WPS 中另存为普通的 .xlsx 再试。`);
      throw new UserError(PACKAGE_MESSAGES.corrupt(file, e.message));
    }
    if (e instanceof XlsxError) {
      if (e.reason === 'rows') throw new UserError(PACKAGE_MESSAGES.rows(file, `「${e.sheet}」`));
      throw new UserError(PACKAGE_MESSAGES.notWorkbook(file, false));
    }
    throw e;
  }
}

/** A workbook file's grid, for commands that only read. */
export function readGridFile(file: string): WorkbookGrid {
  return readGrid(file, readFileBytes(file));
}

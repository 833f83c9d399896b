// The files the page takes and offers, and what it refuses before reading a byte (kept apart
// from the command code, which runs in the page's worker).
import { UserError } from '../core/errors';

/** Largest workbook or PDF read (the CLI's limit, src/adapters/node/input-file.ts). */
export const MAX_WORKBOOK_BYTES = 200 * 1024 * 1024;

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

export interface WorkbookFile {
  name: string;
  bytes: ArrayBuffer;
}

export interface Output {
  name: string;
  type: string;
  blob: Blob;
}

/** Refuses what is not a workbook (or, with `pdf`, a published PDF) the page can read, before a byte of it is read. */
export function acceptWorkbook(name: string, size: number, pdf = false): void {
  if (name.startsWith('~$')) throw new UserError(`${name} 是 Excel 或 WPS 打开工作簿时生成的临时锁定文件（以 ~$ 开头），不是工作簿。请选择原工作簿。`);
  if (!(pdf ? /\.(xlsx|pdf)$/i : /\.xlsx$/i).test(name)) throw new UserError(`${name} 不是 .xlsx 工作簿${pdf ? '或 PDF 文件' : ''}（旧版 .xls 或 WPS .et 请先另存为 .xlsx）。`);
  if (size > MAX_WORKBOOK_BYTES) throw new UserError(`${name} 太大（${(size / 1024 / 1024).toFixed(0)} MB），工作簿不能超过 ${MAX_WORKBOOK_BYTES / 1024 / 1024} MB。`);
}

/** Largest catalog read: the CLI's caps (a .json like a document, an export like a workbook). */
export const MAX_CATALOG_JSON_BYTES = 50 * 1024 * 1024;
export const MAX_CATALOG_XLSX_BYTES = 200 * 1024 * 1024;

/** Refuses what cannot be a catalog, before a byte of it is read. */
export function acceptCatalog(name: string, size: number): void {
  const json = /\.json$/i.test(name);
  if (!json && !/\.xlsx$/i.test(name)) throw new UserError(`${name} 不是科目表：请选择 gongkai catalog import 生成的 .json，或一体化系统导出的 .xlsx。`);
  const cap = json ? MAX_CATALOG_JSON_BYTES : MAX_CATALOG_XLSX_BYTES;
  if (size > cap) throw new UserError(`科目表 ${name} 太大（${(size / 1024 / 1024).toFixed(0)} MB），不能超过 ${cap / 1024 / 1024} MB。`);
}

// A workbook package read into the core's grid on any host, with the CLI's guards and words:
// what the first bytes say the file is (an .xls, an encrypted workbook, not a zip), a package
// that is no workbook, a bomb (declared or real), and every reader refusal, each in Chinese
// naming the file. Node (grid-file.ts) and the page (src/page) unzip; this does the rest.
import { RESULTS_SHEET } from '../../core/check/finding';
import { UserError } from '../../core/errors';
import type { WorkbookGrid } from '../../core/grid';
import { MAX_CELLS, MAX_MERGED_CELLS, MAX_MERGES, MAX_SHEET_ROWS } from '../../core/limits';
import { type PartSource, readXlsxGrid, type ReadOptions, XlsxError } from './read-xlsx';
import { ZipError } from './zip-directory';

export const LIMITS = {
  /** Total inflated size of all parts. */
  inflatedBytes: 256 * 1024 * 1024,
  /** Rows in one sheet. */
  rows: MAX_SHEET_ROWS,
};

/** The messages for a package that cannot be read, shared by every reader. */
export const PACKAGE_MESSAGES = {
  corrupt: (name: string, detail: string) => `无法打开 ${name}：文件已损坏或不完整（${detail}）。如果是从网页或邮件下载的，请重新下载。`,
  notWorkbook: (name: string, isDocx: boolean) => `${name} 不是 Excel 工作簿${isDocx ? '，而是 Word 文档（.docx）' : '（压缩包里没有工作簿内容）'}。`,
  bomb: (name: string) => `${name} 解压后超过 ${LIMITS.inflatedBytes / 1024 / 1024} MB（可能是“压缩包炸弹”或异常大的文件），已拒绝打开。`,
  rows: (name: string, sheet: string) => `${name} 的工作表 ${sheet} 超过 ${LIMITS.rows.toLocaleString('en')} 行，公开表不会有这么多行，已拒绝打开。请删除多余的行后再试。`,
  damaged: (name: string, detail: string) => `无法打开 ${name}：压缩内容已损坏（${detail}）。`,
  duplicate: (name: string, part: string) => `无法打开 ${name}：压缩包里有两份同名的部件 ${part}，不同软件读到的可能不是同一份，文件已损坏或被改动过。请在 Excel 中打开后另存再试。`,
  encrypted: (name: string) => `${name} 设有打开密码（加密的工作簿）。请在 Excel 或 WPS 中取消密码后另存为 .xlsx 再试。`,
  oldFormat: (name: string) => `${name} 是旧版 Excel（.xls）或 WPS（.et）格式，不是 .xlsx。请在 Excel 或 WPS 中“另存为”Excel 工作簿（*.xlsx）后再试。`,
};

/** Refuses a zip that holds no workbook (naming a Word document for what it is). */
export function refuseNonWorkbook(name: string, parts: string[]): void {
  if (!parts.includes('[Content_Types].xml') || !parts.some((p) => p.startsWith('xl/'))) {
    throw new UserError(PACKAGE_MESSAGES.notWorkbook(name, parts.some((p) => p.startsWith('word/'))));
  }
}

const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
/** "EncryptedPackage" in UTF-16LE: the stream an encrypted OOXML file keeps in its OLE container. */
const ENCRYPTED = [...'EncryptedPackage'].flatMap((c) => [c.charCodeAt(0), 0]);

function includes(bytes: Uint8Array, needle: number[], limit: number): boolean {
  const end = Math.min(bytes.length, limit) - needle.length;
  outer: for (let i = 0; i <= end; i++) {
    if (bytes[i] !== needle[0]) continue;
    for (let j = 1; j < needle.length; j++) if (bytes[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

/** Tells what a file really is before the .xlsx reader sees it: an .xls, .et, .csv or encrypted
 * workbook gets a clear message instead of a zip error. */
export function sniffFormat(file: string, bytes: Uint8Array): void {
  if (bytes.length === 0) throw new UserError(`${file} 是空文件。`);
  if (bytes.length >= 8 && OLE.every((b, i) => bytes[i] === b)) {
    if (includes(bytes, ENCRYPTED, 1 << 20)) throw new UserError(PACKAGE_MESSAGES.encrypted(file));
    throw new UserError(PACKAGE_MESSAGES.oldFormat(file));
  }
  if (bytes[0] !== 0x50 || bytes[1] !== 0x4b) {
    throw new UserError(`${file} 不是 .xlsx 文件（.xlsx 是 zip 压缩包）。若是 CSV 或文本，请用 Excel 或 WPS 打开后另存为 .xlsx。`);
  }
}

export interface GridReadOptions {
  /** Also read gongkai's own 检查结果 sheet. */
  resultsSheet?: boolean;
  /** Told each sheet's merged ranges as the file has them (to refuse what a model could not hold). */
  onMerges?: ReadOptions['onMerges'];
  /** Told each part that holds CDATA sections. */
  onCdata?: (part: string) => void;
}

/** Refuses, before anything is inflated, a package that holds no workbook or declares a bomb. */
export function refusePackage(file: string, names: string[], declared: number): void {
  refuseNonWorkbook(file, names);
  if (declared > LIMITS.inflatedBytes) throw new UserError(PACKAGE_MESSAGES.bomb(file));
}

/** A package's grid: `names` its parts, `declared` the sizes its directory declares. */
export function readPackageGrid(file: string, parts: PartSource & { names(): string[] }, declared: number, options: GridReadOptions = {}): WorkbookGrid {
  refusePackage(file, parts.names(), declared);
  return readXlsxGrid(parts, {
    maxRows: LIMITS.rows,
    skipSheet: options.resultsSheet ? undefined : (name) => name === RESULTS_SHEET,
    onMerges: options.onMerges,
    onCdata: options.onCdata,
  });
}

/** Runs `read`, turning the zip's and the reader's refusals into Chinese naming `file`. */
export function withPackageErrors<T>(file: string, read: () => T): T {
  try {
    return read();
  } catch (e) {
    throw packageError(file, e);
  }
}

export function packageError(file: string, e: unknown): unknown {
  if (e instanceof ZipError) {
    if (e.reason === 'budget') return new UserError(PACKAGE_MESSAGES.bomb(file));
    if (e.reason === 'encrypted') return new UserError(`${file} 的压缩内容设有密码，无法读取。请在 Excel 或 WPS 中另存为普通的 .xlsx 再试。`);
    if (e.reason === 'duplicate') return new UserError(PACKAGE_MESSAGES.duplicate(file, e.message));
    return new UserError(PACKAGE_MESSAGES.corrupt(file, e.message));
  }
  if (e instanceof XlsxError) return new UserError(xlsxMessage(file, e));
  return e;
}

function xlsxMessage(file: string, e: XlsxError): string {
  const sheet = e.sheet === undefined ? '' : ` 的工作表「${e.sheet}」`;
  switch (e.reason) {
    case 'rows':
      return PACKAGE_MESSAGES.rows(file, `「${e.sheet}」`);
    case 'missing-part':
      return `无法打开 ${file}：工作簿列出了工作表「${e.sheet ?? ''}」，但文件里缺少它的内容（${e.part}${e.detail ? `，关系 ${e.detail}` : ''}），文件已损坏。请在 Excel 中打开后另存再试。`;
    case 'external-part':
      return `无法打开 ${file}：工作表「${e.sheet ?? ''}」的内容指向文件之外（${e.part}），不会去读取外部内容。请在 Excel 中另存为普通的 .xlsx 再试。`;
    case 'address':
      return `无法打开 ${file}${sheet}：${e.detail ?? ''} 超出 Excel 的范围（最后一格是 XFD1048576），文件已损坏。`;
    case 'cells':
      return `${file}${sheet}：整个工作簿有内容的单元格超过 ${MAX_CELLS.toLocaleString('en')} 个，公开表不会有这么多，已拒绝打开。`;
    case 'merges':
      return `${file}${sheet}：合并单元格过多或过大（超过 ${MAX_MERGES.toLocaleString('en')} 处，或合计覆盖超过 ${MAX_MERGED_CELLS.toLocaleString('en')} 个单元格），已拒绝打开。请在 Excel 中取消多余的合并后再试。`;
    case 'markup':
      return e.detail === 'dtd'
        ? `无法打开 ${file}：${e.part} 含有文档类型声明（DTD），Excel 工作簿不会有，已拒绝读取。`
        : `无法打开 ${file}：${e.part} 中有未结束的注释、处理指令或 CDATA，文件已损坏。`;
    default:
      return PACKAGE_MESSAGES.notWorkbook(file, false);
  }
}

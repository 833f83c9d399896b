// Reading a workbook file into the core's grid for checking, without building a workbook model:
// the format sniffed, the zip's directory read, and only the parts a check needs inflated, each
// within the limits (a zip bomb or a sheet of a million rows is refused before it costs memory).
import { RESULTS_SHEET } from '../../core/check/finding';
import { UserError } from '../../core/errors';
import type { WorkbookGrid } from '../../core/grid';
import { mergedCells, mergeRect, rectCells } from '../../core/grid-bounds';
import { MAX_CELLS, MAX_MERGED_CELLS, MAX_MERGES, MAX_MODEL_MERGES } from '../../core/limits';
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

export interface GridReadOptions {
  /** Also read gongkai's own 检查结果 sheet. */
  resultsSheet?: boolean;
  /** Refuse merges a workbook model could not hold (for commands that load one to write). */
  forModel?: boolean;
  /** Told each part that holds CDATA sections. */
  onCdata?: (part: string) => void;
}

export function readGrid(file: string, bytes: Buffer, options: GridReadOptions = {}): WorkbookGrid {
  try {
    const zip = new Zip(bytes, LIMITS.inflatedBytes);
    refuseNonWorkbook(file, zip.names());
    if (zip.declaredSize() > LIMITS.inflatedBytes) throw new UserError(PACKAGE_MESSAGES.bomb(file));
    return readXlsxGrid(zip, {
      maxRows: LIMITS.rows,
      skipSheet: options.resultsSheet ? undefined : (name) => name === RESULTS_SHEET,
      onMerges: options.forModel ? (sheet, _part, ranges) => refuseModelMerges(file, sheet, ranges) : undefined,
      onCdata: options.onCdata,
    });
  } catch (e) {
    if (e instanceof ZipError) {
      if (e.reason === 'budget') throw new UserError(PACKAGE_MESSAGES.bomb(file));
      if (e.reason === 'encrypted') throw new UserError(`${file} 的压缩内容设有密码，无法读取。请在 Excel 或 WPS 中另存为普通的 .xlsx 再试。`);
      if (e.reason === 'duplicate') throw new UserError(PACKAGE_MESSAGES.duplicate(file, e.message));
      throw new UserError(PACKAGE_MESSAGES.corrupt(file, e.message));
    }
    if (e instanceof XlsxError) throw new UserError(xlsxMessage(file, e));
    throw e;
  }
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

/** A workbook model (exceljs) makes an object for every merged cell and compares every merge with
 * all before it: merges past these caps are refused before it is built. */
function refuseModelMerges(file: string, sheet: string, ranges: string[]): void {
  if (ranges.length > MAX_MODEL_MERGES || mergedCells(ranges) > MAX_MERGED_CELLS) {
    const largest = ranges.reduce((a, b) => (rectOf(b) > rectOf(a) ? b : a), ranges[0] ?? '');
    throw new UserError(
      `${file} 的工作表「${sheet}」合并单元格过多或过大（${ranges.length.toLocaleString('en')} 处${largest ? `，最大的是 ${largest}` : ''}），无法修改后写回。请在 Excel 中取消多余的合并后再试；只检查不受影响。`,
    );
  }
}

const rectOf = (range: string) => {
  const r = mergeRect(range);
  return r ? rectCells(r) : 0;
};

/** A workbook file's grid, for commands that only read. */
export function readGridFile(file: string): WorkbookGrid {
  return readGrid(file, readFileBytes(file));
}

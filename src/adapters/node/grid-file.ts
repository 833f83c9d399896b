// Reading a workbook file into the core's grid for checking, without building a workbook model:
// the format sniffed, the zip's directory read, and only the parts a check needs inflated, each
// within the limits (a zip bomb or a sheet of a million rows is refused before it costs memory).
import { UserError } from '../../core/errors';
import type { WorkbookGrid } from '../../core/grid';
import { mergedCells, mergeRect, rectCells } from '../../core/grid-bounds';
import { MAX_MERGED_CELLS, MAX_MODEL_MERGES } from '../../core/limits';
import { type GridReadOptions as PackageReadOptions, LIMITS, readPackageGrid, sniffFormat, withPackageErrors } from '../xlsx/package-read';
import { MAX_WORKBOOK_BYTES, readInputFile } from './input-file';
import { Zip } from './zip';

export function readFileBytes(file: string): Buffer {
  const bytes = readInputFile(file, { maxBytes: MAX_WORKBOOK_BYTES, what: '工作簿', refuseLockFile: true });
  sniffFormat(file, bytes);
  return bytes;
}

export interface GridReadOptions extends Omit<PackageReadOptions, 'onMerges'> {
  /** Refuse merges a workbook model could not hold (for commands that load one to write). */
  forModel?: boolean;
}

export function readGrid(file: string, bytes: Buffer, options: GridReadOptions = {}): WorkbookGrid {
  return withPackageErrors(file, () => {
    const zip = new Zip(bytes, LIMITS.inflatedBytes);
    return readPackageGrid(file, zip, zip.declaredSize(), {
      resultsSheet: options.resultsSheet,
      onMerges: options.forModel ? (sheet, _part, ranges) => refuseModelMerges(file, sheet, ranges) : undefined,
      onCdata: options.onCdata,
    });
  });
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

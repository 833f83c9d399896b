// The part of the Office.js Excel API gongkai uses, as TypeScript shapes. Everything here is in
// ExcelApi 1.1 except where marked; the adapter checks newer sets at run time before using them.
// Keeping the surface this small is what lets volume-licensed Office 2016 (ExcelApi 1.1 only)
// run the core commands, and what lets the tests drive the adapter with an in-memory double.

export type Matrix<T> = T[][];

export interface RangeFormat {
  font: { bold: boolean; color: string; name: string; size: number };
  fill: { color: string; clear(): void; load(props: string | string[]): void };
  horizontalAlignment: string;
  wrapText: boolean;
  /** ExcelApi 1.2 */
  columnWidth: number;
  borders: { getItem(index: string): { style: string; color: string } };
}

export interface Range {
  address: string;
  values: Matrix<unknown>;
  formulas: Matrix<unknown>;
  numberFormat: Matrix<unknown>;
  rowCount: number;
  columnCount: number;
  rowIndex: number;
  columnIndex: number;
  format: RangeFormat;
  load(props: string | string[]): Range;
  /** ExcelApi 1.2 */
  merge(across?: boolean): void;
  insert(shift: 'Down' | 'Right'): Range;
  getCell(row: number, column: number): Range;
}

export interface Worksheet {
  name: string;
  visibility: 'Visible' | 'Hidden' | 'VeryHidden';
  getRange(address?: string): Range;
  getUsedRange(valuesOnly?: boolean): Range;
  delete(): void;
  load(props: string | string[]): Worksheet;
  /** ExcelApi 1.9 */
  pageLayout?: { orientation: 'Portrait' | 'Landscape'; paperSize: string };
  /** ExcelApi 1.7 */
  freezePanes?: { freezeAt(range: Range | string): void };
}

export interface WorksheetCollection {
  items: Worksheet[];
  add(name?: string): Worksheet;
  getItem(name: string): Worksheet;
  load(props: string | string[]): WorksheetCollection;
}

export interface Workbook {
  worksheets: WorksheetCollection;
  /** ExcelApi 1.18 */
  notes?: { add(cellAddress: Range | string, content: string): unknown; getItemOrNullObject?(key: string): { delete(): void } };
}

export interface RequestContext {
  workbook: Workbook;
  sync(): Promise<void>;
  /** ExcelApi 1.6 */
  application?: { suspendApiCalculationUntilNextSync(): void };
}

/** Which requirement sets the host supports (Office.context.requirements.isSetSupported). */
export type SetSupport = (name: 'ExcelApi', version: string) => boolean;

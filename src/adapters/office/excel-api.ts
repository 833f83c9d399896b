// The part of the Office.js Excel API gongkai uses: the real shapes from @types/office-js,
// narrowed with Pick to the members the adapter touches, so a wrong name or signature fails to
// compile and the test double has a small surface to model. Members newer than ExcelApi 1.1 are
// used only after the adapter asks the host for their set (test/office/api-sets.test.ts checks).

export type RangeFont = Pick<Excel.RangeFont, 'bold' | 'name' | 'size' | 'color' | 'underline'>;
export interface RangeFill extends Pick<Excel.RangeFill, 'color' | 'clear'> {
  load(propertyNames: string | string[]): RangeFill;
}
export type RangeBorder = Pick<Excel.RangeBorder, 'style' | 'weight' | 'color'>;
export type BorderIndex = Parameters<Excel.RangeBorderCollection['getItem']>[0];

export type RangeFormat = Pick<Excel.RangeFormat, 'horizontalAlignment' | 'verticalAlignment' | 'wrapText' | 'columnWidth' | 'rowHeight'> & {
  readonly font: RangeFont;
  readonly fill: RangeFill;
  readonly borders: { getItem(index: BorderIndex): RangeBorder };
};

/** A set of rectangular areas (the merged cells of a range): ExcelApi 1.9. */
export interface RangeAreas extends Pick<Excel.RangeAreas, 'address' | 'isNullObject'> {
  load(propertyNames: string | string[]): RangeAreas;
}

export interface Range extends Pick<Excel.Range, 'address' | 'values' | 'formulas' | 'valueTypes' | 'numberFormat' | 'rowIndex' | 'columnIndex' | 'merge' | 'insert'> {
  load(propertyNames: string | string[]): Range;
  readonly format: RangeFormat;
  /** ExcelApi 1.13 */
  getMergedAreasOrNullObject(): RangeAreas;
  /** ExcelApi 1.9 */
  copyFrom(sourceRange: string, copyType?: 'All' | 'Formulas' | 'Values' | 'Formats'): void;
}

export type HeaderFooter = Pick<Excel.HeaderFooter, 'centerFooter'>;

/** Print setup: ExcelApi 1.9. */
export type PageLayout = Pick<
  Excel.PageLayout,
  'orientation' | 'paperSize' | 'leftMargin' | 'rightMargin' | 'topMargin' | 'bottomMargin' | 'headerMargin' | 'footerMargin' | 'centerHorizontally' | 'zoom'
> & {
  setPrintTitleRows(printTitleRows: string): void;
  readonly headersFooters: { readonly defaultForAllPages: HeaderFooter };
};

/** ExcelApi 1.7 */
export type FreezePanes = { freezeAt(frozenRange: Range | string): void; freezeRows(count?: number): void };

export interface Worksheet extends Pick<Excel.Worksheet, 'name' | 'visibility' | 'delete'> {
  load(propertyNames: string | string[]): Worksheet;
  getRange(address?: string): Range;
  getUsedRange(valuesOnly?: boolean): Range;
  /** ExcelApi 1.7 */
  readonly freezePanes: FreezePanes;
  /** ExcelApi 1.9 */
  readonly pageLayout: PageLayout;
}

export interface WorksheetCollection {
  load(propertyNames: string | string[]): WorksheetCollection;
  readonly items: Worksheet[];
  add(name?: string): Worksheet;
  getItem(key: string): Worksheet;
}

/** ExcelApi 1.18 */
export interface Note extends Pick<Excel.Note, 'content' | 'delete' | 'isNullObject'> {
  load(propertyNames: string | string[]): Note;
  getLocation(): Range;
}

/** ExcelApi 1.18 */
export interface NoteCollection {
  load(propertyNames: string | string[]): NoteCollection;
  readonly items: Note[];
  add(cellAddress: Range | string, content: string): Note;
}

export type Workbook = {
  readonly worksheets: WorksheetCollection;
  /** ExcelApi 1.18 */
  readonly notes: NoteCollection;
  /** ExcelApi 1.1; its suspendApiCalculationUntilNextSync is ExcelApi 1.6. */
  readonly application: Pick<Excel.Application, 'suspendApiCalculationUntilNextSync'>;
};

export type RequestContext = { readonly workbook: Workbook; sync(): Promise<void> };

/** Which requirement sets the host supports (Office.context.requirements.isSetSupported). */
export type SetSupport = (name: 'ExcelApi', version: string) => boolean;

// The narrowed shapes are views of the real ones: a real context can be handed to the adapter.
type Fits<T extends true> = T;
export type RealContextFits = Fits<Excel.RequestContext extends RequestContext ? true : false>;

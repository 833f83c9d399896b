// A host-neutral plan of cells: what a sheet must contain, independent of exceljs and Office.js.
// Both adapters apply the same plan, so a template written to a file and one inserted into
// Excel cannot drift apart.
import type { Cents } from '../money';

/** Named cell styles; each adapter maps a name to fonts, borders and alignment once. */
export const styleNames = ['title', 'label', 'meta', 'metaRight', 'header', 'colno', 'code', 'name', 'nameBold', 'amount', 'amountBold', 'lineNo', 'note'] as const;
export type StyleName = (typeof styleNames)[number];

/** A formula kept as structure, so the core can compute its cached value exactly. */
export type Formula =
  /** Signed sum of single cells or ranges: "=C8+C12-C15", "=SUM(C8:C20)". */
  | { op: 'sum'; terms: { ref: string; sign: 1 | -1 }[] }
  /** Sum of the rows of valueRange whose code cell marks a 类 row (blank templates). */
  | { op: 'sumClassRows'; codeRange: string; valueRange: string; layout: 'single' | 'split' };

export interface PlanCell {
  /** A1 address on the sheet. */
  address: string;
  value?: string | number | null;
  formula?: Formula;
  /** The formula's result, written as its cached value. */
  result?: Cents;
  style: StyleName;
  /** An amount cell the user types into. */
  input?: boolean;
}

export interface SheetPlan {
  name: string;
  /** The spec this sheet was made from. */
  tableId: string;
  cells: PlanCell[];
  merges: string[];
  /** Column widths in characters, from column A. */
  widths: number[];
  rowHeights: Record<number, number>;
  /** Rows and columns frozen above and left of the first data cell. */
  freeze: { rows: number; columns: number };
  print: {
    paper: 'A4';
    orientation: 'landscape' | 'portrait';
    /** Rows repeated on every printed page, "1:6". */
    titleRows: string;
    fitToWidth: boolean;
  };
  /** Where the table's parts are, for later commands that read it back. */
  layout: {
    headerRows: [number, number];
    bodyRows: [number, number];
    unitCell: string;
  };
}

export interface WorkbookPlan {
  sheets: SheetPlan[];
}

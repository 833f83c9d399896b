// Findings: what is wrong, where, and by how much — the JSON contract other tools read.
import { sheetRef } from '../a1';
import type { CatalogUse } from '../catalog/catalog';
import { type Cents, convert, formatAmount, type Unit } from '../money';

export type Severity = 'error' | 'warning' | 'notice';

export interface Finding {
  rule: string;
  severity: Severity;
  sheet: string | null;
  cell: string | null;
  cells: string[];
  message: string;
  expected: number | string | null;
  actual: number | string | null;
  /** For a PDF: the page, the cell's box [x0, y0, x1, y1] in PDF points (origin bottom left), its printed text and its row's label. */
  location?: { page: number; box: [number, number, number, number]; text: string; row: string | null };
}

export interface Report {
  file: string;
  kind: 'budget' | 'final' | null;
  year: number | null;
  department: string | null;
  tables: {
    id: string;
    title: string;
    sheet: string;
    range: string;
    unit: Unit | null;
    /** How the table was recognised: the title's concepts, each column's header, the rows read. */
    how?: { concepts: string[]; columns: { key: string; cell: string; header: string }[]; rows: number };
  }[];
  /** The sheets that hold no table, and what they are (目录, 封面, 情况说明, 绩效表 …). */
  otherSheets?: { sheet: string; kind: string }[];
  findings: Finding[];
  /** The catalogs the codes were checked against. */
  catalogs?: CatalogUse[];
}

/** A located amount: the cell it is in and the unit of its table. */
export interface Located {
  cents: Cents;
  sheet: string;
  address: string;
  unit: Unit;
}

/** "C7" on the finding's own sheet, "'公开05表'!C7" on another. */
export function cellRef(loc: { sheet: string; address: string }, home: string): string {
  return loc.sheet === home ? loc.address : sheetRef(loc.sheet, loc.address);
}

/** gongkai's own sheet of findings in an annotated workbook: output, never part of the disclosure. */
export const RESULTS_SHEET = '检查结果';

export const SEVERITY_NAMES: Record<Severity, string> = { error: '错误', warning: '警告', notice: '提示' };

/**
 * Compares a stated total with the sum of n rounded parts, exactly in cents: equal is fine;
 * within n × 0.005 of the display unit is a rounding difference (尾差, a notice); beyond, an error.
 */
export function judgeSum(actual: Cents, expected: Cents, parts: number): 'ok' | 'rounding' | 'wrong' {
  const diff = Math.abs(actual - expected);
  if (diff === 0) return 'ok';
  // n × 0.005 units = n × 0.5 cents
  return diff * 2 <= parts ? 'rounding' : 'wrong';
}

/** Brings amounts of tables in different units to the coarser unit (万元) for comparison. */
export function commonUnit(values: Located[]): Unit {
  return values.some((v) => v.unit === '万元') ? '万元' : '元';
}

export function inUnit(v: Located, unit: Unit): Cents {
  return convert(v.cents, v.unit, unit);
}

export function money(c: Cents, unit?: Unit): string {
  return `${formatAmount(c)}${unit ? ` ${unit}` : ''}`;
}

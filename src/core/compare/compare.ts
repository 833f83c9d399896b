// Workbook ↔ published PDF: the two recognised books compared table by table (by spec id), row
// by row (by code or fixed-row key), column by column (by recognised column), figure by figure,
// in exact cents. A unit printed differently is said once per table and the figures compared in
// the coarser unit; title and header years compared per table; the PDF's 情况说明 checked
// against the workbook's tables.
import { address } from '../a1';
import type { Book, Value } from '../check/book';
import { squash } from '../grid';
import { type Cents, convert, formatAmount, type Unit } from '../money';
import type { RecognizedRow, RecognizedTable } from '../recognize/tables';
import type { NarrativeFigure } from './narrative';
import { withoutGuess } from '../narrative/findings';

export type DifferenceType = 'table.missing' | 'table.extra' | 'row.missing' | 'row.extra' | 'column.missing' | 'column.extra' | 'figure' | 'unit' | 'year' | 'narrative' | 'department';

/** A place in one of the two documents: the sheet and cell, and on a PDF the page and box. */
export interface Place {
  sheet: string;
  cell: string;
  text: string;
  page?: number;
  box?: [number, number, number, number];
}

export interface Difference {
  type: DifferenceType;
  /** The table's spec id (budget.05), null for the document as a whole. */
  table: string | null;
  title: string | null;
  row: string | null;
  code: string | null;
  column: string | null;
  message: string;
  /** Figures in the table's unit of each side, as numbers (万元 or 元). */
  workbookValue: number | string | null;
  pdfValue: number | string | null;
  workbook: Place | null;
  pdf: Place | null;
}

export interface CompareReport {
  workbook: string;
  pdf: string;
  kind: 'budget' | 'final' | null;
  year: number | null;
  department: string | null;
  tables: { id: string; title: string; workbook: string | null; pdf: string | null; figures: number }[];
  differences: Difference[];
}

/** Where a cell of a PDF sheet is printed (page, and its box unless printed blank), when known. */
export type Locate = (sheet: string, cell: string) => { page: number; box?: [number, number, number, number] } | undefined;

export interface CompareSide {
  file: string;
  book: Book;
  locate?: Locate;
}

export interface CompareInput {
  workbook: CompareSide;
  pdf: CompareSide;
  /** The figures of the PDF's 情况说明 that are not the workbook's (see narrative.ts). */
  narrative?: NarrativeFigure[];
}

const tableName = (t: RecognizedTable) => `${t.spec.sheetPrefix} ${t.spec.title}`;
const headerOf = (t: RecognizedTable, key: string) => (t.headers.get(key) ?? []).map(squash).join('/') || key;
const rowName = (r: RecognizedRow) => [r.code, r.label].filter(Boolean).join(' ') || r.key;
/** 「行」 of a figure; nothing for the one row of a single-row table. */
const ofRow = (r: RecognizedRow) => (r.key === 'single' ? '' : `「${rowName(r)}」`);

function place(side: CompareSide, sheet: string, cell: string, text: string): Place {
  const at = side.locate?.(sheet, cell);
  if (!at) return { sheet, cell, text };
  return at.box ? { sheet, cell, text, page: at.page, box: at.box } : { sheet, cell, text, page: at.page };
}

/** "第6页" on a PDF, "D9" on a workbook (the table's sheet is named with the table). */
export function where(p: Place): string {
  return p.page !== undefined ? `第${p.page}页` : p.cell;
}

/** Years written in a table's title and headers. */
function yearsOf(t: RecognizedTable): number[] {
  const texts = [t.title, ...[...t.headers.values()].flat()];
  return [...new Set(texts.flatMap((s) => [...squash(s).matchAll(/(20\d\d)年/g)].map((m) => Number(m[1]))))].sort();
}

/** The amount columns a row's figures stand in: its own block's (side-by-side tables: 收入 | 支出),
 * or every block's for the one row of a single-row table (“三公”经费: 上年 | 本年). */
function rowKeysOf(t: RecognizedTable, r: RecognizedRow, keys: string[]): string[] {
  const single = t.spec.blocks.every((b) => b.rows.kind === 'single');
  const own = single ? null : t.spec.blocks[r.block]?.columns.map((c) => c.key);
  return own ? keys.filter((k) => own.includes(k)) : keys;
}

/** Rows by key, first of each (a key repeated is the recognition's to report). */
function rowsByKey(t: RecognizedTable): Map<string, RecognizedRow> {
  const out = new Map<string, RecognizedRow>();
  for (const r of t.rows) if (!out.has(r.key)) out.set(r.key, r);
  return out;
}

/** The table's amount column keys present in it, in spec order. */
function amountKeys(t: RecognizedTable): string[] {
  return [...new Set(t.spec.blocks.flatMap((b) => b.columns.filter((c) => c.role === 'amount').map((c) => c.key)))].filter((k) => t.columns.has(k));
}

function firstTables(book: Book): Map<string, RecognizedTable> {
  const out = new Map<string, RecognizedTable>();
  for (const t of book.recognition.tables) if (!out.has(t.spec.id)) out.set(t.spec.id, t);
  return out;
}

/** One name written out more fully than the other (上海市普陀区万里街道办事处 / 万里街道办事处) is the same department. */
function sameDepartment(a: string, b: string): boolean {
  const [x, y] = [a, b].map((n) => n.replace(/[\s（）()]/g, ''));
  return x.includes(y) || y.includes(x);
}

export function compareBooks(input: CompareInput): CompareReport {
  const { workbook: wb, pdf } = input;
  const differences: Difference[] = [];
  const wbTables = firstTables(wb.book);
  const pdfTables = firstTables(pdf.book);
  const tables: CompareReport['tables'] = [];
  const diff = (d: Partial<Difference> & Pick<Difference, 'type' | 'message'>) =>
    differences.push({ table: null, title: null, row: null, code: null, column: null, workbookValue: null, pdfValue: null, workbook: null, pdf: null, ...d });

  // another department's file: said first, as every figure after it differs for that reason
  const da = wb.book.recognition.department;
  const db = pdf.book.recognition.department;
  if (da && db && !sameDepartment(da, db)) diff({ type: 'department', message: `工作簿是「${da}」，PDF 是「${db}」：不是同一单位的文件？`, workbookValue: da, pdfValue: db });
  for (const [id, a] of wbTables) {
    const b = pdfTables.get(id);
    if (!b) {
      diff({ type: 'table.missing', table: id, title: tableName(a), message: `PDF 中没有${tableName(a)}（工作簿中为工作表「${a.sheet}」）`, workbook: place(wb, a.sheet, a.titleCell, a.title) });
      tables.push({ id, title: tableName(a), workbook: a.sheet, pdf: null, figures: 0 });
      continue;
    }
    const figures = compareTable(a, b, input, diff);
    tables.push({ id, title: tableName(a), workbook: a.sheet, pdf: b.sheet, figures });
  }
  for (const [id, b] of pdfTables) {
    if (wbTables.has(id)) continue;
    diff({ type: 'table.extra', table: id, title: tableName(b), message: `PDF 中有${tableName(b)}，工作簿中没有这张表`, pdf: place(pdf, b.sheet, b.titleCell, b.title) });
    tables.push({ id, title: tableName(b), workbook: null, pdf: b.sheet, figures: 0 });
  }
  // the document's year, when no table's title or header already said it
  const ya = wb.book.recognition.year;
  const yb = pdf.book.recognition.year;
  if (ya && yb && ya !== yb && !differences.some((d) => d.type === 'year')) {
    diff({ type: 'year', message: `年度不同：工作簿是 ${ya} 年，PDF 是 ${yb} 年`, workbookValue: ya, pdfValue: yb });
  }
  for (const { finding: f, paragraph, table } of input.narrative ?? []) {
    const pp = place(pdf, f.sheet!, f.cell!, paragraph);
    const wp = table ? place(wb, table.sheet, table.cell, table.text) : null;
    diff({ type: 'narrative', message: `情况说明（PDF ${where(pp)}）中的数字与工作簿的表不符：${withoutGuess(f.message)}`, workbookValue: f.expected, pdfValue: f.actual, workbook: wp, pdf: pp });
  }
  return {
    workbook: wb.file,
    pdf: pdf.file,
    kind: wb.book.recognition.kind,
    year: ya,
    department: wb.book.recognition.department,
    tables,
    differences,
  };
}

function compareTable(a: RecognizedTable, b: RecognizedTable, input: CompareInput, diff: (d: Partial<Difference> & Pick<Difference, 'type' | 'message'>) => void): number {
  const { workbook: wb, pdf } = input;
  const id = a.spec.id;
  const title = tableName(a);
  const ua: Unit = wb.book.unitOf(a);
  const ub: Unit = pdf.book.unitOf(b);
  if (ua !== ub) {
    diff({ type: 'unit', table: id, title, message: `${title} 的金额单位不同：工作簿为${ua}，PDF 为${ub}；以下按${ua === '万元' || ub === '万元' ? '万元' : '元'}比较`, workbookValue: ua, pdfValue: ub, workbook: a.unitCell ? place(wb, a.sheet, a.unitCell, ua) : null, pdf: b.unitCell ? place(pdf, b.sheet, b.unitCell, ub) : null });
  }
  const unit: Unit = ua === '万元' || ub === '万元' ? '万元' : '元';
  const ya = yearsOf(a);
  const yb = yearsOf(b);
  if (ya.join() !== yb.join()) {
    diff({ type: 'year', table: id, title, message: `${title} 标题或表头的年份不同：工作簿为 ${ya.join('、') || '（无）'}，PDF 为 ${yb.join('、') || '（无）'}（年份没有更新？）`, workbookValue: ya.join('、'), pdfValue: yb.join('、'), workbook: place(wb, a.sheet, a.titleCell, a.title), pdf: place(pdf, b.sheet, b.titleCell, b.title) });
  }
  const keysA = amountKeys(a);
  const keysB = new Set(amountKeys(b));
  const keys = keysA.filter((k) => keysB.has(k));
  for (const k of keysA.filter((k) => !keysB.has(k))) {
    diff({ type: 'column.missing', table: id, title, column: headerOf(a, k), message: `${title} 的「${headerOf(a, k)}」栏在 PDF 中没有`, workbook: place(wb, a.sheet, address(a.headerRows[0], a.columns.get(k)!), headerOf(a, k)) });
  }
  for (const k of [...keysB].filter((k) => !keysA.includes(k))) {
    diff({ type: 'column.extra', table: id, title, column: headerOf(b, k), message: `${title} 的 PDF 中有「${headerOf(b, k)}」栏，工作簿中没有`, pdf: place(pdf, b.sheet, address(b.headerRows[0], b.columns.get(k)!), headerOf(b, k)) });
  }
  const rowsA = rowsByKey(a);
  const rowsB = rowsByKey(b);
  let figures = 0;
  for (const [key, ra] of rowsA) {
    const rb = rowsB.get(key);
    const rowKeys = rowKeysOf(a, ra, keys);
    const values = rowKeys.map((k) => wb.book.value(a, key, k)).filter((v): v is Value => v !== null);
    if (!rb) {
      const shown = values.filter((v) => v.cents !== 0).map((v) => formatAmount(v.cents)).join('、');
      diff({ type: 'row.missing', table: id, title, row: ra.label || null, code: ra.code, message: `${title} 的「${rowName(ra)}」行在 PDF 中没有${shown ? `（工作簿中为 ${shown}）` : '（工作簿中金额为 0）'}`, workbook: place(wb, a.sheet, address(ra.row, 1), ra.label) });
      continue;
    }
    for (const k of rowKeys) {
      const va = wb.book.value(a, key, k);
      const vb = pdf.book.value(b, key, k);
      if (!va || !vb) continue;
      figures++;
      const ca: Cents = convert(va.cents, ua, unit);
      const cb: Cents = convert(vb.cents, ub, unit);
      if (ca === cb) continue;
      const column = headerOf(a, k);
      const wp = place(wb, va.sheet, va.address, va.text);
      const pp = place(pdf, vb.sheet, vb.address, vb.text);
      diff({
        type: 'figure',
        table: id,
        title,
        row: ra.label || null,
        code: ra.code,
        column,
        message: `${title}${ofRow(ra)}的「${column}」：工作簿「${wp.sheet}」${where(wp)} 为 ${formatAmount(ca)}，PDF ${where(pp)}印的是 ${vb.blank ? '空白' : formatAmount(cb)}${unit === ua && unit === ub ? '' : `（${unit}）`}，相差 ${formatAmount(Math.abs(cb - ca) as Cents)}`,
        workbookValue: ca / 100,
        pdfValue: cb / 100,
        workbook: wp,
        pdf: pp,
      });
    }
  }
  for (const [key, rb] of rowsB) {
    if (rowsA.has(key)) continue;
    const shown = rowKeysOf(b, rb, keys).map((k) => pdf.book.value(b, key, k)).filter((v): v is Value => v !== null && v.cents !== 0).map((v) => formatAmount(v.cents)).join('、');
    diff({ type: 'row.extra', table: id, title, row: rb.label || null, code: rb.code, message: `${title} 的 PDF 中有「${rowName(rb)}」行${shown ? `（${shown}）` : ''}，工作簿中没有`, pdf: place(pdf, b.sheet, address(rb.row, 1), rb.label) });
  }
  return figures;
}

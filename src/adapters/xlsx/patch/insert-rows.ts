// Inserting rows into a worksheet part, as Excel does: rows, cells, merges, conditional formats,
// data validations, sparklines, hyperlinks, tables, notes, drawings and frozen panes at or below the insertion move down;
// ranges that span it grow; formulas on every sheet, defined names, chart series and pivot
// sources that refer to the moved rows follow them. Only parts that change are rewritten.
import { columnLetter } from '../../../core/a1';
import { type RowInsertion, shiftFormula, slideFormula } from '../../../core/formula-shift';
import type { Book } from './book';
import { REL } from './package';
import { formulaOf, renumberRow, rowAt, type SheetCell, type SheetModel, type SheetRow } from './sheet-data';
import { escapeText, getAttr, mapTags, mapText, parseTag, prefixFor, setAttr } from './xml-edit';

const DRAWING_NS = 'http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing';
const CHART_NS = 'http://schemas.openxmlformats.org/drawingml/2006/chart';

function shiftRow(row: number, ins: RowInsertion): number {
  return row >= ins.at ? row + ins.count : row;
}

/** One cell or range ("B7", "A3:F40", "$A$5", "5:9"); whole columns and bad text are kept. */
export function shiftRef(ref: string, ins: RowInsertion): string {
  const [a, b] = ref.split(':');
  const one = (part: string): string => {
    let i = 0;
    if (part[i] === '$') i++;
    while (i < part.length && part.charCodeAt(i) >= 65 && part.charCodeAt(i) <= 90) i++;
    const lead = part.slice(0, i);
    let j = i;
    if (part[j] === '$') j++;
    const digits = part.slice(j);
    if (!/^\d+$/.test(digits)) return part;
    return `${lead}${part.slice(i, j)}${shiftRow(Number(digits), ins)}`;
  };
  return b === undefined ? one(a) : `${one(a)}:${one(b)}`;
}

export function shiftSqref(sqref: string, ins: RowInsertion): string {
  return sqref
    .split(' ')
    .map((r) => (r ? shiftRef(r, ins) : r))
    .join(' ');
}

/**
 * Rewrites the cell formulas of one sheet. On the sheet that gets the rows every shared formula
 * is written out in full (a group may straddle the insertion); elsewhere only groups that change.
 */
export function shiftSheetFormulas(m: SheetModel, sheet: string, ins: RowInsertion): boolean {
  const own = sheet === ins.sheet;
  const masters = new Map<string, { text: string; row: number; col: number }>();
  const found: { row: SheetRow; cell: SheetCell; f: NonNullable<ReturnType<typeof formulaOf>>; full: string; shifted: string; si?: string }[] = [];
  for (const row of m.rows) {
    for (const cell of row.cells) {
      if (cell.body.indexOf('<f') < 0) continue;
      const f = formulaOf(cell);
      if (!f) continue;
      const t = parseTag(f.tag);
      const shared = getAttr(t, 't') === 'shared' ? getAttr(t, 'si') : undefined;
      if (shared !== undefined && f.text && !masters.has(shared)) masters.set(shared, { text: f.text, row: row.num, col: cell.col });
      found.push({ row, cell, f, full: f.text, shifted: '', si: shared });
    }
  }
  const expand = new Set<string>();
  for (const x of found) {
    if (x.si !== undefined && !x.full) {
      const master = masters.get(x.si);
      if (master) x.full = slideFormula(master.text, x.row.num - master.row, x.cell.col - master.col);
    }
    x.shifted = x.full ? shiftFormula(x.full, sheet, ins) : x.full;
    if (x.si !== undefined && (own || x.shifted !== x.full)) expand.add(x.si);
  }
  let changed = false;
  for (const x of found) {
    let tag = x.f.tag;
    if (x.si !== undefined && expand.has(x.si)) {
      if (!x.full) continue;
      tag = '<f>';
    } else if (own && getAttr(tag, 'ref') !== undefined) tag = setAttr(tag, 'ref', shiftRef(getAttr(tag, 'ref')!, ins));
    if (tag === x.f.tag && x.shifted === x.full) continue;
    if (tag.endsWith('/>')) tag = `${tag.slice(0, -2)}>`;
    x.cell.body = `${x.cell.body.slice(0, x.f.at)}${tag}${escapeText(x.shifted)}</f>${x.cell.body.slice(x.f.end)}`;
    changed = true;
  }
  return changed;
}

/** The rows themselves: moved down, and new rows with the look of the model row. */
function moveRows(m: SheetModel, ins: RowInsertion, styleFrom: number): void {
  for (let i = m.rows.length - 1; i >= 0 && m.rows[i].num >= ins.at; i--) renumberRow(m.rows[i], m.rows[i].num + ins.count);
  const model = rowAt(m, shiftRow(styleFrom, ins), false);
  for (let r = ins.at; r < ins.at + ins.count; r++) {
    const row = rowAt(m, r, true)!;
    if (!model) continue;
    let tag = setAttr(model.tag, 'r', r);
    for (const a of ['hidden', 'collapsed', 'outlineLevel']) tag = setAttr(tag, a, null);
    row.tag = tag.endsWith('/>') ? `${tag.slice(0, -2)}>` : tag;
    for (const c of model.cells) {
      const s = getAttr(c.tag, 's');
      if (s && s !== '0') row.cells.push({ col: c.col, tag: `<c r="${columnLetter(c.col)}${r}" s="${s}"/>`, body: '' });
    }
  }
}

/** Formulas of conditional formats and validations (any sheet's may refer to the moved rows). */
function shiftRuleFormulas(xml: string, sheet: string, ins: RowInsertion): string {
  let out = xml;
  for (const name of ['formula', 'formula1', 'formula2', 'xm:f']) out = mapText(out, name, (t) => shiftFormula(t, sheet, ins));
  return out;
}

/** What follows the cells on the sheet that gets the rows. */
function shiftTail(tail: string, ins: RowInsertion): string {
  let out = tail;
  const refAttr = (name: string, attr: string) => {
    out = mapTags(out, name, (tag) => {
      const v = getAttr(tag, attr);
      return v === undefined ? tag : setAttr(tag, attr, attr === 'sqref' ? shiftSqref(v, ins) : shiftRef(v, ins));
    });
  };
  refAttr('mergeCell', 'ref');
  refAttr('autoFilter', 'ref');
  refAttr('conditionalFormatting', 'sqref');
  refAttr('dataValidation', 'sqref');
  refAttr('hyperlink', 'ref');
  refAttr('protectedRange', 'sqref');
  refAttr('ignoredError', 'sqref');
  out = mapText(out, 'xm:sqref', (t) => shiftSqref(t, ins));
  out = mapTags(out, 'brk', (tag) => {
    const id = Number(getAttr(tag, 'id'));
    return Number.isFinite(id) && id >= ins.at ? setAttr(tag, 'id', id + ins.count) : tag;
  });
  return out;
}

/** The parts that hang off the sheet: drawings, notes, tables, pivot tables. */
function shiftSheetParts(book: Book, part: string, ins: RowInsertion): void {
  const pkg = book.pkg;
  const kinds = [REL.drawing, REL.vmlDrawing, REL.comments, REL.threadedComment, REL.table, REL.pivotTable];
  for (const rel of pkg.rels(part)) {
    if (!rel.part || !kinds.includes(rel.type)) continue;
    const xml = pkg.text(rel.part);
    if (xml === null) continue;
    let next = xml;
    if (rel.type === REL.drawing) {
      const p = prefixFor(xml, DRAWING_NS);
      const rowName = p ? `${p}:row` : 'row';
      // anchors count rows from 0
      next = mapText(xml, rowName, (t) => (/^\d+$/.test(t.trim()) ? String(Number(t) + 1 >= ins.at ? Number(t) + ins.count : Number(t)) : t));
    } else if (rel.type === REL.vmlDrawing) {
      next = mapText(xml, 'x:Row', (t) => (/^\d+$/.test(t.trim()) && Number(t) + 1 >= ins.at ? String(Number(t) + ins.count) : t));
      next = mapText(next, 'x:Anchor', (t) => {
        const n = t.split(',').map((s) => s.trim());
        if (n.length !== 8 || n.some((s) => !/^-?\d+$/.test(s))) return t;
        for (const i of [2, 6]) if (Number(n[i]) + 1 >= ins.at) n[i] = String(Number(n[i]) + ins.count);
        return n.join(', ');
      });
    } else if (rel.type === REL.comments || rel.type === REL.threadedComment) {
      next = mapTags(mapTags(xml, 'comment', (t) => shiftAttr(t, 'ref', ins)), 'threadedComment', (t) => shiftAttr(t, 'ref', ins));
    } else if (rel.type === REL.table) {
      next = mapTags(mapTags(xml, 'table', (t) => shiftAttr(t, 'ref', ins)), 'autoFilter', (t) => shiftAttr(t, 'ref', ins));
    } else if (rel.type === REL.pivotTable) {
      next = mapTags(xml, 'location', (t) => shiftAttr(t, 'ref', ins));
    }
    if (next !== xml) pkg.set(rel.part, next);
  }
}

/** A frozen pane with rows inserted among its frozen rows grows by them, as in Excel; below it, it stays. */
function shiftPanes(head: string, ins: RowInsertion): string {
  return mapTags(head, 'pane', (tag) => {
    const state = getAttr(tag, 'state');
    const split = Number(getAttr(tag, 'ySplit') ?? 0);
    if ((state !== 'frozen' && state !== 'frozenSplit') || !(split > 0) || ins.at > split) return tag;
    const out = setAttr(tag, 'ySplit', split + ins.count);
    return shiftAttr(out, 'topLeftCell', ins);
  });
}

function shiftAttr(tag: string, attr: string, ins: RowInsertion): string {
  const v = getAttr(tag, attr);
  return v === undefined ? tag : setAttr(tag, attr, shiftRef(v, ins));
}

/** Chart series and pivot caches that read the moved rows. */
function shiftBookParts(book: Book, ins: RowInsertion): void {
  const pkg = book.pkg;
  for (const name of pkg.names()) {
    if (name.startsWith('xl/charts/') && name.endsWith('.xml') && !name.includes('/_rels/')) {
      const xml = pkg.text(name);
      if (!xml) continue;
      const p = prefixFor(xml, CHART_NS);
      const next = mapText(xml, p ? `${p}:f` : 'f', (t) => shiftFormula(t, '\u0000', ins));
      if (next !== xml) pkg.set(name, next);
    } else if (name.startsWith('xl/pivotCache/pivotCacheDefinition') && name.endsWith('.xml')) {
      const xml = pkg.text(name);
      if (!xml) continue;
      const next = mapTags(xml, 'worksheetSource', (tag) => (getAttr(tag, 'sheet') === ins.sheet && !getAttr(tag, 'name') ? shiftAttr(tag, 'ref', ins) : tag));
      if (next !== xml) pkg.set(name, next);
    }
  }
}

export function insertRows(book: Book, sheet: string, before: number, count: number, styleFrom: number): void {
  const entry = book.sheet(sheet);
  if (!entry?.part) throw new Error(`没有工作表 ${sheet}`);
  const ins: RowInsertion = { sheet, at: before, count };
  // formulas first, while shared formulas still sit where they were written
  for (const s of book.sheets()) {
    if (s.kind !== 'worksheet' || !s.part) continue;
    const text = book.pkg.text(s.part) ?? '';
    if (s.part !== entry.part && text.indexOf('<f') < 0 && text.indexOf('formula') < 0 && text.indexOf('xm:f') < 0) continue;
    const m = book.model(s.part);
    let changed = shiftSheetFormulas(m, s.name, ins);
    const tail = shiftRuleFormulas(m.tail, s.name, ins);
    if (tail !== m.tail) {
      m.tail = tail;
      changed = true;
    }
    if (changed) book.touch(s.part);
  }
  const m = book.model(entry.part);
  moveRows(m, ins, styleFrom);
  m.tail = shiftTail(m.tail, ins);
  m.head = shiftPanes(mapTags(m.head, 'dimension', (tag) => shiftAttr(tag, 'ref', ins)), ins);
  book.touch(entry.part);
  shiftSheetParts(book, entry.part, ins);
  book.mapDefinedNames((f) => shiftFormula(f, '\u0000', ins));
  shiftBookParts(book, ins);
}


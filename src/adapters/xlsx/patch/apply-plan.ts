// Applies a command's plan to an .xlsx file by patching its package: only the parts and cells
// the plan touches are rewritten; charts, pivot tables, pictures, validations, printer settings
// and every other part are written back byte for byte. The same steps, in the same order, as
// the exceljs applier: marks removed, edits, marks, the 检查结果 and 情况说明 sheets, the record.
import { parseAddress } from '../../../core/a1';
import type { BookPlan, ResultsSheet, TextSheet } from '../../../core/commands/plan';
import { isEmptyStore, type Original, ownSheetName, parseStore, STORE_SHEET, type Store, storeLines } from '../../../core/commands/store';
import { stringItemText, decodeCharacters } from '../xml';
import { Book } from './book';
import { applyCellEdits } from './cell-edits';
import { insertRows } from './insert-rows';
import { resultsSheetXml, storeSheetXml, textSheetXml } from './new-sheets';
import { SheetNotes } from './notes';
import { XlsxPackage } from './package';
import { cellAt, dropIfBlank, setStyle, styleOf } from './sheet-data';
import { type FillObject, fillXml, solidFill } from './styles';
import { getAttr } from './xml-edit';
import { MARK_FILLS } from '../../../core/commands/plan';
import { NOTE_HEADING } from '../../../core/commands/check';

export interface Applied {
  restored: number;
  results?: string;
  text?: string;
}

export interface Patched {
  bytes: Buffer;
  applied: Applied;
  /** The parts written anew, added or removed; every other part is as it was. */
  touched: string[];
}

class Notes {
  private readonly bySheet = new Map<string, SheetNotes>();
  constructor(private readonly book: Book) {}
  of(part: string): SheetNotes {
    let n = this.bySheet.get(part);
    if (!n) this.bySheet.set(part, (n = new SheetNotes(this.book, part)));
    return n;
  }
  finish(): void {
    for (const [part, n] of this.bySheet) if (this.book.pkg.has(part)) n.finish();
  }
}

function readStore(book: Book): Store {
  const entry = book.sheet(STORE_SHEET);
  const lines: string[] = [];
  if (entry?.part) {
    for (const row of book.model(entry.part).rows) {
      const cell = row.cells.find((c) => c.col === 1);
      if (!cell) continue;
      const type = getAttr(cell.tag, 't');
      const v = /<v>([^<]*)<\/v>/.exec(cell.body)?.[1];
      let text: string | undefined;
      if (type === 's' && v !== undefined) text = book.strings().text(Number(v));
      else if (type === 'inlineStr') text = stringItemText(cell.body);
      else if (type === 'str' && v !== undefined) text = decodeCharacters(v);
      if (typeof text === 'string') lines.push(text);
    }
  }
  return parseStore(lines);
}

function writeStore(book: Book, store: Store): void {
  const entry = book.sheet(STORE_SHEET);
  if (isEmptyStore(store)) {
    if (entry) book.removeSheet(STORE_SHEET);
    return;
  }
  const xml = storeSheetXml(book, storeLines(store));
  if (entry?.part) book.replacePart(entry.part, xml);
  else book.addSheet(STORE_SHEET, xml, 'veryHidden');
}

function restore(book: Book, notes: Notes, store: Store): number {
  let restored = 0;
  for (const o of store.originals) {
    const entry = book.sheet(o.sheet);
    if (!entry?.part) continue;
    const { row, col } = parseAddress(o.address);
    const model = book.model(entry.part);
    const cell = cellAt(model, row, col, true)!;
    const fill = o.raw ? fillXml(o.raw as FillObject) : o.fill ? solidFill(o.fill) : null;
    setStyle(cell, book.styles().derive(styleOf(cell), { fill }));
    dropIfBlank(model, row, col);
    book.touch(entry.part);
    // our note goes; a user's note was never replaced (older files: put back over ours)
    const sheetNotes = notes.of(entry.part);
    const current = sheetNotes.get(o.address);
    if (current !== null && current.startsWith(NOTE_HEADING)) sheetNotes.set(o.address, o.note);
    restored++;
  }
  for (const own of store.owned.filter((s) => s.kind === 'results')) if (book.sheet(own.name)) book.removeSheet(own.name);
  store.originals = [];
  store.owned = store.owned.filter((s) => s.kind !== 'results');
  return restored;
}

function names(book: Book): string[] {
  return book.sheets().map((s) => s.name);
}

function writeResults(book: Book, results: ResultsSheet, store: Store): string {
  const { name, replaces } = ownSheetName(results.name, names(book), store.owned.map((s) => s.name));
  if (replaces) book.removeSheet(name);
  book.addSheet(name, resultsSheetXml(book, results));
  store.owned.push({ name, kind: 'results' });
  return name;
}

function writeText(book: Book, text: TextSheet, store: Store): string {
  const { name, replaces } = ownSheetName(text.name, names(book), store.owned.filter((s) => s.kind === 'text').map((s) => s.name));
  if (replaces) book.removeSheet(name);
  book.addSheet(name, textSheetXml(book, text));
  if (!store.owned.some((s) => s.name === name)) store.owned.push({ name, kind: 'text' });
  return name;
}

/** The parts a patch may read as text (pictures, printer settings and other binaries are never read). */
function textParts(pkg: XlsxPackage): string[] {
  return pkg.names().filter((n) => /\.(xml|rels|vml)$/i.test(n));
}

export async function patchWorkbook(bytes: Buffer | Uint8Array, plan: BookPlan): Promise<Patched> {
  const { pkg, applied } = await patch(bytes, plan);
  return { bytes: await pkg.toBuffer(), applied, touched: pkg.touched() };
}

/** The same, on any host: the bytes as a Uint8Array (the page has no Buffer). */
export async function patchWorkbookBytes(bytes: Uint8Array, plan: BookPlan): Promise<{ bytes: Uint8Array; applied: Applied }> {
  const { pkg, applied } = await patch(bytes, plan);
  return { bytes: await pkg.toBytes(), applied };
}

async function patch(bytes: Buffer | Uint8Array, plan: BookPlan): Promise<{ pkg: XlsxPackage; applied: Applied }> {
  if (plan.sheets.length) throw new Error('patchWorkbook: new standard tables are written by the template command');
  const pkg = await XlsxPackage.open(bytes);
  await pkg.load(textParts(pkg));
  const book = new Book(pkg);
  const notes = new Notes(book);
  const store = readStore(book);
  const applied: Applied = { restored: 0 };
  if (plan.clearMarks) applied.restored = restore(book, notes, store);
  if (plan.edits.length) {
    const insertions = plan.edits.filter((e) => e.op === 'insertRows');
    // bottom-up, so each insertion's row numbers are still the original ones
    for (const e of [...insertions].sort((a, b) => b.before - a.before)) insertRows(book, e.sheet, e.before, e.count, e.styleFrom);
    applyCellEdits(book, plan.edits);
    book.recalcOnLoad();
  }
  for (const m of plan.marks) {
    const entry = book.sheet(m.sheet);
    if (!entry?.part) continue;
    const { row, col } = parseAddress(m.address);
    const cell = cellAt(book.model(entry.part), row, col, true)!;
    const style = styleOf(cell);
    const fill = book.styles().fillOf(style);
    const sheetNotes = notes.of(entry.part);
    const existing = sheetNotes.get(m.address);
    const users = existing !== null && !existing.startsWith(NOTE_HEADING) ? existing : null;
    const original: Original = { sheet: m.sheet, address: m.address, fill: null, ...(fill ? { raw: fill } : {}), note: users };
    store.originals.push(original);
    setStyle(cell, book.styles().derive(style, { fill: solidFill(MARK_FILLS[m.severity]) }));
    book.touch(entry.part);
    // a cell with a user's note keeps it untouched; the finding is on the 检查结果 sheet
    if (users === null) sheetNotes.set(m.address, m.note);
  }
  if (plan.results) applied.results = writeResults(book, plan.results, store);
  if (plan.text) applied.text = writeText(book, plan.text, store);
  if (plan.clearMarks || plan.marks.length || plan.results || plan.text) writeStore(book, store);
  notes.finish();
  book.finish();
  return { pkg, applied };
}

// The plan's cell writes on a worksheet part: a value (text through the shared string table),
// or a formula with its cached result; a bold name gets a bold clone of the cell's style.
import { parseAddress } from '../../../core/a1';
import type { Edit } from '../../../core/edits';
import { toNumber } from '../../../core/money';
import { formulaText } from '../../../core/plan/evaluate';
import type { Book } from './book';
import { cellAt, formulaBody, setContent, setStyle, styleOf, type SheetCell } from './sheet-data';

function numberText(n: number): string {
  // the shortest text that reads back as the same double
  return String(n);
}

export function writeValue(book: Book, cell: SheetCell, value: string | number | boolean | null): void {
  if (value === null || value === '') setContent(cell, { type: null, body: '' });
  else if (typeof value === 'number') setContent(cell, { type: 'n', body: `<v>${numberText(value)}</v>` });
  else if (typeof value === 'boolean') setContent(cell, { type: 'b', body: `<v>${value ? 1 : 0}</v>` });
  else setContent(cell, { type: 's', body: `<v>${book.strings().indexOf(value)}</v>` });
}

export function writeFormula(cell: SheetCell, formula: string, result: number | string | null): void {
  setContent(cell, { type: typeof result === 'string' ? 'str' : 'n', body: formulaBody(formula, result) });
}

/** Applies the setValue and setFormula edits (addresses after the insertions). */
export function applyCellEdits(book: Book, edits: Edit[]): void {
  for (const e of edits) {
    if (e.op === 'insertRows') continue;
    const entry = book.sheet(e.sheet);
    if (!entry?.part) throw new Error(`没有工作表 ${e.sheet}`);
    const m = book.model(entry.part);
    const { row, col } = parseAddress(e.address);
    const cell = cellAt(m, row, col, true)!;
    if (e.op === 'setValue') {
      writeValue(book, cell, e.value);
      if (e.bold) setStyle(cell, book.styles().derive(styleOf(cell), { bold: true }));
    } else writeFormula(cell, formulaText(e.formula), toNumber(e.result));
    book.touch(entry.part);
  }
}

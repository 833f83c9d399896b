// A worksheet part split for patching: the text before <sheetData>, its rows and cells (each
// kept as written), and the text after. Only rows and cells an edit touches are rewritten.
import { columnLetter } from '../../../core/a1';
import { decodeCharacters } from '../xml';
import { elementAt, escapeText, getAttr, insertChild, parseTag, setAttr, unprefixRoot } from './xml-edit';

export interface SheetCell {
  col: number;
  /** The start tag, "<c r=… s=…>" or self-closing. */
  tag: string;
  /** What is between <c> and </c> ("" for a self-closing cell). */
  body: string;
}

export interface SheetRow {
  num: number;
  tag: string;
  cells: SheetCell[];
}

export interface SheetModel {
  head: string;
  rows: SheetRow[];
  tail: string;
}

function readAddress(r: string | undefined): { col: number; row: number } | null {
  if (!r) return null;
  let col = 0;
  let i = 0;
  for (; i < r.length; i++) {
    const c = r.charCodeAt(i);
    if (c < 65 || c > 90) break;
    col = col * 26 + c - 64;
  }
  const row = Number(r.slice(i));
  return col > 0 && Number.isInteger(row) && row > 0 ? { col, row } : null;
}

/** The children of <worksheet> in schema order. */
export const WORKSHEET_ORDER = [
  'sheetPr', 'dimension', 'sheetViews', 'sheetFormatPr', 'cols', 'sheetData', 'sheetCalcPr', 'sheetProtection', 'protectedRanges', 'scenarios',
  'autoFilter', 'sortState', 'dataConsolidate', 'customSheetViews', 'mergeCells', 'phoneticPr', 'conditionalFormatting', 'dataValidations',
  'hyperlinks', 'printOptions', 'pageMargins', 'pageSetup', 'headerFooter', 'rowBreaks', 'colBreaks', 'customProperties', 'cellWatches',
  'ignoredErrors', 'smartTags', 'drawing', 'legacyDrawing', 'legacyDrawingHF', 'drawingHF', 'picture', 'oleObjects', 'controls',
  'webPublishItems', 'tableParts', 'extLst',
];

export function parseSheet(source: string): SheetModel {
  let xml = unprefixRoot(source);
  let start = xml.indexOf('<sheetData');
  if (start < 0) {
    xml = insertChild(xml, 'worksheet', WORKSHEET_ORDER, 'sheetData', '<sheetData/>');
    start = xml.indexOf('<sheetData');
  }
  const open = elementAt(xml, 'sheetData', start);
  const rows: SheetRow[] = [];
  const bodyEnd = open.bodyEnd;
  let at = xml.indexOf('<row', open.bodyStart);
  let rowNumber = 0;
  while (at >= 0 && at < bodyEnd) {
    const gt = xml.indexOf('>', at);
    const tag = xml.slice(at, gt + 1);
    const r = Number(getAttr(tag, 'r'));
    rowNumber = r > 0 ? r : rowNumber + 1;
    const row: SheetRow = { num: rowNumber, tag, cells: [] };
    rows.push(row);
    if (xml.charCodeAt(gt - 1) === 47) {
      at = xml.indexOf('<row', gt);
      continue;
    }
    const rowEnd = xml.indexOf('</row>', gt);
    let colNumber = 0;
    let c = xml.indexOf('<c', gt);
    while (c >= 0 && c < rowEnd) {
      const ch = xml.charCodeAt(c + 2);
      if (ch !== 32 && ch !== 62 && ch !== 47 && ch !== 9 && ch !== 10 && ch !== 13) {
        c = xml.indexOf('<c', c + 2);
        continue;
      }
      const cgt = xml.indexOf('>', c);
      const ctag = xml.slice(c, cgt + 1);
      const addr = readAddress(getAttr(ctag, 'r'));
      colNumber = addr ? addr.col : colNumber + 1;
      if (xml.charCodeAt(cgt - 1) === 47) {
        row.cells.push({ col: colNumber, tag: ctag, body: '' });
        c = xml.indexOf('<c', cgt);
        continue;
      }
      const cend = xml.indexOf('</c>', cgt);
      row.cells.push({ col: colNumber, tag: ctag, body: xml.slice(cgt + 1, cend) });
      c = xml.indexOf('<c', cend + 4);
    }
    at = xml.indexOf('<row', rowEnd);
  }
  if (open.end === open.bodyStart) return { head: `${xml.slice(0, start)}<sheetData>`, rows, tail: `</sheetData>${xml.slice(open.end)}` };
  return { head: xml.slice(0, open.bodyStart), rows, tail: xml.slice(open.bodyEnd) };
}

export function serializeSheet(m: SheetModel): string {
  const parts: string[] = [m.head];
  for (const row of m.rows) {
    if (row.cells.length === 0 && row.tag.endsWith('/>')) {
      parts.push(row.tag);
      continue;
    }
    parts.push(row.tag.endsWith('/>') ? `${row.tag.slice(0, -2)}>` : row.tag);
    for (const c of row.cells) parts.push(c.body === '' && c.tag.endsWith('/>') ? c.tag : `${c.tag.endsWith('/>') ? `${c.tag.slice(0, -2)}>` : c.tag}${c.body}</c>`);
    parts.push('</row>');
  }
  return parts.join('') + m.tail;
}

/** The row numbered `num`, created in order when missing. */
export function rowAt(m: SheetModel, num: number, create: boolean): SheetRow | null {
  let lo = 0;
  let hi = m.rows.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (m.rows[mid].num < num) lo = mid + 1;
    else hi = mid;
  }
  if (m.rows[lo]?.num === num) return m.rows[lo];
  if (!create) return null;
  const row: SheetRow = { num, tag: `<row r="${num}">`, cells: [] };
  m.rows.splice(lo, 0, row);
  return row;
}

export function cellAt(m: SheetModel, row: number, col: number, create: boolean): SheetCell | null {
  const r = rowAt(m, row, create);
  if (!r) return null;
  let i = 0;
  while (i < r.cells.length && r.cells[i].col < col) i++;
  if (r.cells[i]?.col === col) return r.cells[i];
  if (!create) return null;
  // a new cell takes the row's style, as Excel does when typing into a formatted row
  const rowStyle = getAttr(r.tag, 'customFormat') === '1' ? getAttr(r.tag, 's') : undefined;
  const cell: SheetCell = { col, tag: `<c r="${columnLetter(col)}${row}"${rowStyle ? ` s="${rowStyle}"` : ''}/>`, body: '' };
  r.cells.splice(i, 0, cell);
  return cell;
}

/** Drops a cell left with no content and no style (as a mark leaves a cell it made, once cleared),
 * and its row when the row was only made for it. */
export function dropIfBlank(m: SheetModel, row: number, col: number): void {
  const r = rowAt(m, row, false);
  if (!r) return;
  const i = r.cells.findIndex((c) => c.col === col);
  if (i < 0) return;
  const t = parseTag(r.cells[i].tag);
  if (r.cells[i].body !== '' || t.attrs.some(([k, v]) => k !== 'r' && !(k === 's' && v === '0'))) return;
  r.cells.splice(i, 1);
  if (r.cells.length === 0 && r.tag === `<row r="${row}">`) m.rows.splice(m.rows.indexOf(r), 1);
}

export function styleOf(cell: SheetCell | null): number {
  return cell ? Number(getAttr(cell.tag, 's') ?? 0) : 0;
}

export function setStyle(cell: SheetCell, style: number): void {
  cell.tag = setAttr(cell.tag, 's', style === 0 ? null : style);
}

/** A cell's content replaced: a shared-string index, a number, a formula with its result. */
export function setContent(cell: SheetCell, content: { type: 's' | 'n' | 'str' | 'b' | null; body: string }): void {
  let tag = setAttr(cell.tag, 't', content.type === 'n' ? null : content.type);
  tag = setAttr(tag, 'cm', null);
  tag = setAttr(tag, 'vm', null);
  if (content.body === '') {
    cell.tag = tag.endsWith('/>') ? tag : `${tag.slice(0, -1)}/>`;
  } else {
    cell.tag = tag.endsWith('/>') ? `${tag.slice(0, -2)}>` : tag;
  }
  cell.body = content.body;
}

export function formulaBody(formula: string, result: number | string | null): string {
  const v = result === null ? '' : `<v>${escapeText(String(result))}</v>`;
  return `<f>${escapeText(formula)}</f>${v}`;
}

/** The <f> element of a cell body: its start tag, text and span; null when the cell has none. */
export function formulaOf(cell: SheetCell): { tag: string; text: string; at: number; end: number } | null {
  const at = cell.body.indexOf('<f');
  if (at < 0 || !(cell.body[at + 2] === '>' || cell.body[at + 2] === ' ' || cell.body[at + 2] === '/')) return null;
  const e = elementAt(cell.body, 'f', at);
  return { tag: e.tag, text: decodeCharacters(cell.body.slice(e.bodyStart, e.bodyEnd)), at, end: e.end };
}

export function moveCell(cell: SheetCell, row: number): void {
  cell.tag = setAttr(cell.tag, 'r', `${columnLetter(cell.col)}${row}`);
}

export function renumberRow(row: SheetRow, num: number): void {
  row.num = num;
  row.tag = setAttr(row.tag, 'r', num);
  for (const c of row.cells) moveCell(c, num);
}

export function tagName(tag: string): string {
  return parseTag(tag).name;
}

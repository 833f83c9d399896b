// Reading an .xlsx straight into the core's Grid, for checking: sheet names and visibility,
// shared strings, number formats, and each cell's value, formula and error — nothing else.
// The same grid as the exceljs reader gives (test/read-xlsx.test.ts compares the two on every
// fixture), at a fraction of the cost, since no workbook model is built. Host-agnostic: the
// parts come from whatever unzips them.
import { address } from '../../core/a1';
import { slideFormula } from '../../core/formula-shift';
import { type CellValue, type Grid, type GridCell, newGrid, type WorkbookGrid } from '../../core/grid';
import { clipMerges, mergedCells, mergeRect } from '../../core/grid-bounds';
import { EXCEL_COLUMNS, EXCEL_ROWS, MAX_CELLS, MAX_MERGED_CELLS, MAX_MERGES } from '../../core/limits';
import { relsName, resolveTarget } from './part-names';
import { attribute, decodeCharacters, decodeXml, elements, endsName, MarkupError, plainMarkup, stringItemText } from './xml';

export interface PartSource {
  /** A part's text ("xl/workbook.xml"); null when the package has none. */
  text(name: string): string | null;
  /** Whether the package has the part, without reading it. */
  has?(name: string): boolean;
}

/** Why a package could not be read as a workbook; the caller words it for the user. */
export class XlsxError extends Error {
  constructor(
    readonly reason: 'no-workbook' | 'rows' | 'missing-part' | 'external-part' | 'address' | 'markup' | 'cells' | 'merges',
    readonly part: string,
    readonly sheet?: string,
    readonly rows?: number,
    /** What was wrong: the address past the grid, the markup refused. */
    readonly detail?: string,
  ) {
    super(`${reason}: ${part}`);
    this.name = 'XlsxError';
  }
}

export interface ReadOptions {
  /** Refuse a sheet with more rows than this. */
  maxRows: number;
  /** Sheets not to read (gongkai's own 检查结果). */
  skipSheet?: (name: string) => boolean;
  /** Called with each sheet's merged ranges as the file has them, before they are clipped. */
  onMerges?: (sheet: string, part: string, ranges: string[]) => void;
  /** Called with each part read that holds CDATA sections (which exceljs drops). */
  onCdata?: (part: string) => void;
}

/** Built-in number formats, as exceljs names them (ids without a fixed code have none). */
const BUILTIN_FORMATS: Record<number, string> = {
  1: '0', 2: '0.00', 3: '#,##0', 4: '#,##0.00', 9: '0%', 10: '0.00%', 11: '0.00E+00', 12: '# ?/?', 13: '# ??/??',
  14: 'mm-dd-yy', 15: 'd-mmm-yy', 16: 'd-mmm', 17: 'mmm-yy', 18: 'h:mm AM/PM', 19: 'h:mm:ss AM/PM', 20: 'h:mm', 21: 'h:mm:ss',
  22: 'm/d/yy "h":mm', 37: '#,##0 ;(#,##0)', 38: '#,##0 ;[Red](#,##0)', 39: '#,##0.00 ;(#,##0.00)', 40: '#,##0.00 ;[Red](#,##0.00)',
  45: 'mm:ss', 46: '[h]:mm:ss', 47: 'mmss.0', 48: '##0.0E+0', 49: '@',
};

export function isDateFormat(format: string | undefined): boolean {
  // Excel's format codes are at most 255 characters
  if (!format || format.length > 255) return false;
  return /[ymdhMsb]/.test(format.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, ''));
}

interface Relationship {
  type: string;
  target: string;
  /** A target outside the package (TargetMode="External"): a URL, never read. */
  external: boolean;
}

function relationships(parts: PartSource, part: string): Map<string, Relationship> {
  const out = new Map<string, Relationship>();
  const xml = parts.text(relsName(part));
  if (!xml) return out;
  for (const r of elements(xml, 'Relationship')) {
    const id = attribute(r.tag, 'Id');
    const target = attribute(r.tag, 'Target');
    if (!id || !target) continue;
    const external = attribute(r.tag, 'TargetMode') === 'External';
    out.set(id, { type: attribute(r.tag, 'Type') ?? '', target: external ? target : resolveTarget(part, target), external });
  }
  return out;
}

function sharedStrings(xml: string | null): string[] {
  if (!xml) return [];
  const out: string[] = [];
  for (const si of elements(xml, 'si')) out.push(stringItemText(si.body));
  return out;
}

interface CellStyle {
  format: string | undefined;
  date: boolean;
}

/** The number format of each cell style (index into cellXfs), and whether it shows a date. */
function cellStyles(xml: string | null): (CellStyle | undefined)[] {
  if (!xml) return [];
  const custom = new Map<number, string>();
  const numFmts = xml.indexOf('<numFmts');
  if (numFmts >= 0) {
    for (const f of elements(xml, 'numFmt', numFmts, xml.indexOf('</numFmts>', numFmts))) {
      const id = Number(attribute(f.tag, 'numFmtId'));
      const code = attribute(f.tag, 'formatCode');
      if (code !== undefined) custom.set(id, code);
    }
  }
  const xfs = xml.indexOf('<cellXfs');
  if (xfs < 0) return [];
  const out: (CellStyle | undefined)[] = [];
  for (const xf of elements(xml, 'xf', xfs, xml.indexOf('</cellXfs>', xfs))) {
    const id = Number(attribute(xf.tag, 'numFmtId') ?? 0);
    const format = id ? (custom.get(id) ?? BUILTIN_FORMATS[id]) : undefined;
    out.push({ format, date: isDateFormat(format) });
  }
  return out;
}

interface Workbook {
  sheets: { name: string; part: string; hidden: 'visible' | 'hidden' | 'veryHidden' }[];
  date1904: boolean;
  strings: string[];
  styles: (CellStyle | undefined)[];
  /** Cells read so far, over all sheets. */
  cells: number;
}

function readWorkbook(parts: PartSource): Workbook {
  const root = relationships(parts, '');
  const main = [...root.values()].find((r) => r.type.endsWith('/officeDocument') && !r.external)?.target ?? 'xl/workbook.xml';
  const xml = parts.text(main);
  if (!xml) throw new XlsxError('no-workbook', main);
  const rels = relationships(parts, main);
  const byType = (suffix: string) => [...rels.values()].find((r) => r.type.endsWith(suffix) && !r.external)?.target;
  const sheets: Workbook['sheets'] = [];
  for (const s of elements(xml, 'sheet')) {
    const name = attribute(s.tag, 'name') ?? '';
    const id = attribute(s.tag, 'id');
    const rel = id ? rels.get(id) : undefined;
    // a sheet Excel lists but whose cells are nowhere: refused, never skipped
    if (!rel) throw new XlsxError('missing-part', main, name, undefined, id ?? '');
    if (rel.external) throw new XlsxError('external-part', rel.target, name);
    // chart sheets and dialog sheets hold no cells
    if (!rel.type.endsWith('/worksheet')) continue;
    if (parts.has ? !parts.has(rel.target) : false) throw new XlsxError('missing-part', rel.target, name);
    const state = attribute(s.tag, 'state');
    sheets.push({ name, part: rel.target, hidden: state === 'veryHidden' || state === 'hidden' ? state : 'visible' });
  }
  const pr = elements(xml, 'workbookPr').next().value?.tag ?? '';
  const date1904 = ['1', 'true'].includes(attribute(pr, 'date1904') ?? '');
  return {
    sheets,
    date1904,
    strings: sharedStrings(parts.text(byType('/sharedStrings') ?? 'xl/sharedStrings.xml')),
    styles: cellStyles(parts.text(byType('/styles') ?? 'xl/styles.xml')),
    cells: 0,
  };
}

/** A serial date as the ISO day, as the exceljs reader gives it; the number when out of range. */
export function serialDate(serial: number, date1904: boolean): CellValue {
  const d = new Date(Math.round((serial - 25569 + (date1904 ? 1462 : 0)) * 86_400_000));
  return Number.isNaN(d.getTime()) ? serial : d.toISOString().slice(0, 10);
}

function isoDate(text: string): CellValue {
  const d = new Date(text);
  return Number.isNaN(d.getTime()) ? text : d.toISOString().slice(0, 10);
}

/** A cell's start tag, read in one pass: its address, style and type. */
interface CellTag {
  row: number;
  col: number;
  style: number;
  type: string | undefined;
  /** Where the cell's content starts; -1 for an empty (self-closing) cell. */
  body: number;
  /** The address as written when it lies outside Excel's grid (row and col are then -1). */
  outside: string | undefined;
}

const WS = (c: number) => c === 32 || c === 9 || c === 10 || c === 13;

/** Reads "<c r=… s=… t=…>" from just after "<c"; row and col are 0 where no address is given. */
function readCellTag(xml: string, p: number, out: CellTag): void {
  out.row = 0;
  out.col = 0;
  out.style = -1;
  out.type = undefined;
  out.outside = undefined;
  for (;;) {
    let c = xml.charCodeAt(p);
    while (WS(c)) c = xml.charCodeAt(++p);
    if (c === 62 /* > */) {
      out.body = p + 1;
      return;
    }
    if (c === 47 /* / */ || Number.isNaN(c)) {
      out.body = -1;
      return;
    }
    const nameStart = p;
    while (c !== 61 /* = */ && !WS(c) && !Number.isNaN(c)) c = xml.charCodeAt(++p);
    const nameLength = p - nameStart;
    const name = xml.charCodeAt(nameStart);
    while (c !== 34 && c !== 39 && !Number.isNaN(c)) c = xml.charCodeAt(++p);
    const valueStart = p + 1;
    const valueEnd = xml.indexOf(c === 34 ? '"' : "'", valueStart);
    if (valueEnd < 0) {
      out.body = -1;
      return;
    }
    if (nameLength === 1) {
      if (name === 114 /* r */) {
        let q = valueStart;
        let col = 0;
        for (let ch = xml.charCodeAt(q); ch >= 65 && ch <= 90; ch = xml.charCodeAt(++q)) col = col * 26 + ch - 64;
        let row = 0;
        for (let ch = xml.charCodeAt(q); ch >= 48 && ch <= 57; ch = xml.charCodeAt(++q)) row = row * 10 + ch - 48;
        const whole = q === valueEnd && col > 0 && row > 0;
        if (whole && col <= EXCEL_COLUMNS && row <= EXCEL_ROWS) {
          out.col = col;
          out.row = row;
        } else if (whole) {
          out.col = -1;
          out.row = -1;
          out.outside = xml.slice(valueStart, Math.min(valueEnd, valueStart + 24));
        }
      } else if (name === 115 /* s */) out.style = Number(xml.slice(valueStart, valueEnd));
      else if (name === 116 /* t */) out.type = xml.slice(valueStart, valueEnd);
    }
    p = valueEnd + 1;
  }
}

function readSheet(xml: string, name: string, part: string, book: Workbook, options: ReadOptions): Grid {
  const grid = newGrid(name);
  const dimension = /<dimension\b[^>]*>/.exec(xml.slice(0, 4096))?.[0];
  const dimRows = dimension ? /:[A-Z]+(\d+)$/.exec(attribute(dimension, 'ref') ?? '')?.[1] : undefined;
  if (dimRows && Number(dimRows) > options.maxRows) throw new XlsxError('rows', part, name, Number(dimRows));

  const start = xml.indexOf('<sheetData');
  // the data ends near the end of the part: look from there
  const stop = start < 0 ? -1 : xml.lastIndexOf('</sheetData>');
  const end = stop < 0 ? start : stop;
  const shared = new Map<string, { formula: string; row: number; col: number }>();
  const tag: CellTag = { row: 0, col: 0, style: -1, type: undefined, body: -1, outside: undefined };
  const outside = (what: string) => new XlsxError('address', part, name, undefined, what);
  let rowNumber = 0;
  let colNumber = 0;
  let rows = 0;
  let pos = start;
  while (pos >= 0) {
    const lt = xml.indexOf('<', pos + 1);
    if (lt < 0 || lt >= end) break;
    const next = xml.charCodeAt(lt + 1);
    if (next === 114 /* r */ && xml.charCodeAt(lt + 2) === 111 && xml.charCodeAt(lt + 3) === 119 && endsName(xml.charCodeAt(lt + 4))) {
      const gt = xml.indexOf('>', lt);
      const r = rowAttribute(xml, lt + 4, gt);
      rowNumber = r > 0 ? r : rowNumber + 1;
      if (rowNumber > EXCEL_ROWS) throw outside(`行号 ${rowNumber}`);
      colNumber = 0;
      if (++rows > options.maxRows) throw new XlsxError('rows', part, name, rows);
      pos = gt;
      continue;
    }
    if (next !== 99 /* c */ || !endsName(xml.charCodeAt(lt + 2))) {
      pos = lt;
      continue;
    }
    readCellTag(xml, lt + 2, tag);
    if (tag.outside !== undefined) throw outside(`单元格地址 ${tag.outside}`);
    const row = tag.row || rowNumber;
    const col = tag.col || colNumber + 1;
    if (col > EXCEL_COLUMNS || row > EXCEL_ROWS) throw outside(`单元格地址 ${address(Math.min(row, EXCEL_ROWS + 1), Math.min(col, EXCEL_COLUMNS + 1))}`);
    colNumber = col;
    if (tag.body < 0) {
      pos = xml.indexOf('>', lt);
      continue;
    }
    const cell = readCell(xml, tag.body, end, tag, row, col, book, shared);
    pos = tag.body;
    if (cell) {
      if (++book.cells > MAX_CELLS) throw new XlsxError('cells', part, name);
      setRaw(grid, row, col, cell);
    }
  }
  const merges = mergeRanges(xml, stop < 0 ? 0 : stop);
  const tooMany = () => new XlsxError('merges', part, name);
  if (merges.length > MAX_MERGES) throw tooMany();
  options.onMerges?.(name, part, merges);
  grid.merges = merges;
  if (!dropMergedCells(grid)) throw tooMany();
  grid.merges = clipMerges(grid);
  if (mergedCells(grid.merges) > MAX_MERGED_CELLS) throw tooMany();
  return grid;
}

/** The r="…" of a row's start tag xml[from, to) as a number; 0 when absent. */
function rowAttribute(xml: string, from: number, to: number): number {
  // within the tag only: a search past it would make rows without r="…" quadratic
  const at = to < 0 ? -1 : xml.slice(from, to).indexOf(' r=');
  if (at >= 0) {
    let n = 0;
    for (let p = from + at + 4, ch = xml.charCodeAt(p); ch >= 48 && ch <= 57; ch = xml.charCodeAt(++p)) n = n * 10 + ch - 48;
    return n;
  }
  return 0;
}

/** The value, formula and error of a cell whose content starts at `from`, up to its </c> (or
 * `to`, the end of the sheet's data); leaves in tag.body where the cell ends. */
function readCell(
  xml: string,
  from: number,
  to: number,
  tag: CellTag,
  row: number,
  col: number,
  book: Workbook,
  shared: Map<string, { formula: string; row: number; col: number }>,
): GridCell | null {
  let formula: string | undefined;
  let raw: string | undefined;
  let inline: string | undefined;
  let lt = xml.indexOf('<', from);
  for (; lt >= 0 && lt < to; lt = xml.indexOf('<', lt + 1)) {
    const c = xml.charCodeAt(lt + 1);
    if (c === 47 /* / */ && xml.charCodeAt(lt + 2) === 99 /* c */ && xml.charCodeAt(lt + 3) === 62) break;
    if (c === 118 /* v */ && endsName(xml.charCodeAt(lt + 2))) {
      const gt = xml.indexOf('>', lt);
      if (xml.charCodeAt(gt - 1) === 47) continue;
      const close = xml.indexOf('</v>', gt);
      const stop = close < 0 || close > to ? to : close;
      if (stop > gt + 1) raw = xml.slice(gt + 1, stop);
      lt = stop;
    } else if (c === 102 /* f */ && endsName(xml.charCodeAt(lt + 2))) {
      const gt = xml.indexOf('>', lt);
      const fTag = xml.slice(lt, gt + 1);
      const si = fTag.indexOf('si') >= 0 ? attribute(fTag, 'si') : undefined;
      let text = '';
      if (xml.charCodeAt(gt - 1) !== 47) {
        const close = xml.indexOf('</f>', gt);
        const stop = close < 0 || close > to ? to : close;
        text = xml.slice(gt + 1, stop);
        lt = stop;
      }
      if (text) {
        formula = decodeCharacters(text);
        if (si !== undefined && attribute(fTag, 't') === 'shared') shared.set(si, { formula, row, col });
      } else if (si !== undefined) {
        const master = shared.get(si);
        if (master) formula = slideFormula(master.formula, row - master.row, col - master.col);
      }
    } else if (c === 105 /* i */ && xml.charCodeAt(lt + 2) === 115 /* s */ && endsName(xml.charCodeAt(lt + 3))) {
      const gt = xml.indexOf('>', lt);
      const close = xml.indexOf('</is>', gt);
      const stop = close < 0 || close > to ? to : close;
      inline = xml.charCodeAt(gt - 1) === 47 ? '' : stringItemText(xml.slice(gt + 1, stop));
      lt = stop;
    }
  }
  tag.body = lt < 0 || lt > to ? to : lt + 3;
  const style = tag.style >= 0 ? book.styles[tag.style] : undefined;
  let value: CellValue = null;
  let error: string | undefined;
  const type = tag.type;
  if (type === 'inlineStr') value = inline ?? null;
  else if (raw !== undefined) {
    if (type === undefined || type === 'n') {
      const n = parseFloat(raw);
      value = style?.date ? serialDate(n, book.date1904) : n;
    } else if (type === 's') value = book.strings[Number(raw)] ?? null;
    else if (type === 'str') value = decodeCharacters(raw);
    else if (type === 'b') value = parseInt(raw, 10) !== 0;
    else if (type === 'e') error = decodeXml(raw);
    else if (type === 'd') value = isoDate(decodeXml(raw));
    else value = parseFloat(raw);
  }
  if ((value === null || value === '') && !formula && !error) return null;
  const cell: GridCell = { value };
  if (formula) cell.formula = formula;
  if (error) cell.error = error;
  if (style?.format) cell.numFmt = style.format;
  return cell;
}

function setRaw(grid: Grid, row: number, col: number, cell: GridCell): void {
  let r = grid.rows.get(row);
  if (!r) grid.rows.set(row, (r = new Map()));
  r.set(col, cell);
}

function mergeRanges(xml: string, from: number): string[] {
  const at = xml.indexOf('<mergeCells', from);
  if (at < 0) return [];
  const out: string[] = [];
  for (const m of elements(xml, 'mergeCell', at, xml.indexOf('</mergeCells>', at))) {
    const ref = attribute(m.tag, 'ref');
    if (ref) out.push(ref);
  }
  return out;
}

/** Cells covered by a merge, other than its top-left one, are empty as Excel shows them. False
 * when the merges would take more work than a sheet of MAX_CELLS cells merged many times over
 * (thousands of overlapping merges, each over every row). */
function dropMergedCells(grid: Grid): boolean {
  let work = 0;
  const budget = 20 * MAX_CELLS;
  for (const range of grid.merges) {
    const r = mergeRect(range);
    if (!r) continue;
    const visit = (row: number, cells: Map<number, GridCell>) => {
      work += cells.size;
      for (const col of [...cells.keys()]) {
        if (col >= r.left && col <= r.right && (row !== r.top || col !== r.left)) cells.delete(col);
      }
      if (cells.size === 0) grid.rows.delete(row);
    };
    if (r.bottom - r.top < grid.rows.size) {
      for (let row = r.top; row <= r.bottom; row++) {
        const cells = grid.rows.get(row);
        if (cells) visit(row, cells);
      }
      work += r.bottom - r.top + 1;
    } else {
      for (const [row, cells] of [...grid.rows]) if (row >= r.top && row <= r.bottom) visit(row, cells);
      work += grid.rows.size;
    }
    if (work > budget) return false;
  }
  // row and column extents of what is left
  let rowCount = 0;
  let columnCount = 0;
  for (const [row, cells] of grid.rows) {
    if (row > rowCount) rowCount = row;
    for (const col of cells.keys()) if (col > columnCount) columnCount = col;
  }
  grid.rowCount = rowCount;
  grid.columnCount = columnCount;
  return true;
}

/** Each part as the scanners read it: comments, processing instructions and CDATA as an XML
 * parser reads them (see plainMarkup); SpreadsheetML written with a namespace prefix
 * (<x:worksheet><x:sheetData><x:row>…, as the .NET Open XML SDK writes it) as if unprefixed. */
function plainParts(parts: PartSource, onCdata?: (part: string) => void): PartSource {
  return {
    has: parts.has?.bind(parts),
    text(name) {
      const raw = parts.text(name);
      if (!raw) return raw;
      if (onCdata && raw.includes('<![CDATA[')) onCdata(name);
      let xml: string;
      try {
        xml = plainMarkup(raw);
      } catch (e) {
        if (e instanceof MarkupError) throw new XlsxError('markup', name, undefined, undefined, e.reason);
        throw e;
      }
      if (name.endsWith('.rels')) return xml;
      const prefix = /<([A-Za-z_][\w.-]*):(?:worksheet|workbook|sst|styleSheet)\b/.exec(xml.slice(0, 2048))?.[1];
      return prefix ? xml.split(`<${prefix}:`).join('<').split(`</${prefix}:`).join('</') : xml;
    },
  };
}

export function readXlsxGrid(source: PartSource, options: ReadOptions): WorkbookGrid {
  const parts = plainParts(source, options.onCdata);
  const book = readWorkbook(parts);
  const sheets: Grid[] = [];
  for (const s of book.sheets) {
    if (s.hidden === 'veryHidden' || options.skipSheet?.(s.name)) continue;
    const xml = parts.text(s.part);
    if (xml === null) throw new XlsxError('missing-part', s.part, s.name);
    sheets.push(readSheet(xml, s.name, s.part, book, options));
  }
  return { sheets };
}

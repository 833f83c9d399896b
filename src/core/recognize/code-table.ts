// Finds subject-code tables in a sheet, whoever made it: our template, a 一体化系统 or 久其
// export, or a plain sheet with 科目编码 / 科目名称 / amount columns. One code column or
// 类 | 款 | 项 columns; headers over several rows with merged cells; a 栏次 row; blank rows.
import { parseAddress } from '../a1';
import { type Cents, tryParseAmount, type Unit } from '../money';
import { type Grid, getCell, squash, textAt } from '../grid';
import type { TableSpec } from '../spec/schema';
import { specsForTitle } from './concepts';
import { leafMeaning, matchColumns } from './columns';

export interface AmountCell {
  cents: Cents | null;
  /** The cell text when it is not a number (text in an amount cell). */
  text: string;
  formula?: string;
  error?: string;
}

export interface CodeRow {
  row: number;
  kind: 'code' | 'total' | 'other';
  /** The full code (split layouts composed: 类 201 + 款 03 → 20103). */
  code: string | null;
  /** The code as written, for messages. */
  codeText: string;
  name: string;
  amounts: Map<number, AmountCell>;
}

export interface AmountColumn {
  col: number;
  /** Header texts from top to bottom (merged headers repeated over their columns). */
  header: string[];
  /** The spec column this is, when the table matched a spec. */
  key: string | null;
}

export interface CodeTable {
  sheet: string;
  title: string | null;
  spec: TableSpec | null;
  unit: Unit | null;
  classification: 'function' | 'economic';
  headerRows: [number, number];
  layout: 'single' | 'split' | 'names';
  /** single: [code]; split: [类, 款, 项] (项 absent for economic 类|款); names: none. */
  codeCols: number[];
  nameCol: number;
  amountCols: AmountColumn[];
  bodyRows: [number, number];
  totalRow: number | null;
  rows: CodeRow[];
  /** Rows left over from a template ("…" in the code and name cells). */
  leftovers: number[];
}

/** 科目编码, 功能分类科目编码, 部门预算经济分类科目编码, 科目代码 … (not 单位编码). */
const CODE_HEADER = /^(?!.*单位)(.{0,12}(分类|科目))?(编码|代码|编号)$/;
/** 科目名称, 经济分类科目名称, 部门经济分类科目名称, 项目 … (not 单位名称). */
const NAME_HEADER = /^(?!.*单位)(.{0,12}(分类|科目))?名称$|^项目$/;
/** A code and a name in one cell: "[30201]办公费", "30201 办公费", "2010301　行政运行", "2010301##行政运行". */
const CODE_AND_NAME = /^[[［【(（]?(\d{3}(?:\d{2}){0,2})[\]］】)）]?(?:\s|\u3000|#|:|：|-|－|、|\.)*([\u4e00-\u9fff“（(].*)$/;
/** A row left over from a template: only ellipses or dots in its code and name cells. */
const LEFTOVER = /^[…⋯\.。·\s]+$/;
const TOTAL_NAMES = new Set(['合计', '总计', '本年支出合计', '本年收入合计']);
const NOTE_ROW = /^(注|备注|说明|填报说明)[:：\d.、]/;
export const TITLE_ROW = /单位[:：]|部门[:：]|^公开\d+表$|^部门公开表\d+$|^表[一二三四五六七八九十]+、|^附件|^(附表|表)[\d一二三四五六七八九十]+$/;
/** Lines above a title that are not the title: labels, unit and department lines. */
const NOT_TITLE = /单位[:：]|部门[:：]|^公开\d+表$|^部门公开表\d+$|^附件\d*$/;

/** Maps every cell of a merged range to the range's top-left cell. */
function mergeMasters(grid: Grid): Map<string, { row: number; col: number }> {
  const out = new Map<string, { row: number; col: number }>();
  for (const m of grid.merges) {
    const [a, b] = m.split(':');
    const s = parseAddress(a);
    const e = parseAddress(b ?? a);
    for (let r = s.row; r <= e.row; r++) for (let c = s.col; c <= e.col; c++) if (r !== s.row || c !== s.col) out.set(`${r},${c}`, s);
  }
  return out;
}

function shownText(grid: Grid, masters: Map<string, { row: number; col: number }>, row: number, col: number): string {
  const m = masters.get(`${row},${col}`);
  return m ? textAt(grid, m.row, m.col) : textAt(grid, row, col);
}

/** The row's texts by column (index 0 is column A), up to its last cell: a cell far to the right
 * on one row does not make every row as wide. */
function rowTexts(grid: Grid, row: number): string[] {
  const cells = grid.rows.get(row);
  if (!cells) return [];
  let last = 0;
  for (const c of cells.keys()) if (c > last) last = c;
  const out: string[] = [];
  for (let c = 1; c <= last; c++) out.push(squash(textAt(grid, row, c)));
  return out;
}

/** A row that ends a table's body: a note (注：…) first, or another table's header or title. */
function endsBody(grid: Grid, row: number): boolean {
  const cells = grid.rows.get(row);
  if (!cells) return false;
  let firstCol = Infinity;
  let firstText = '';
  for (const [c, cell] of cells) {
    const v = cell.value;
    if (v === null || v === '') continue;
    // numbers and booleans name no header, title or note, but may come first
    const t = typeof v === 'string' ? squash(v.trim()) : null;
    if (t === '') continue;
    if (c < firstCol) {
      firstCol = c;
      firstText = t ?? '';
    }
    if (t && (CODE_HEADER.test(t) || TITLE_ROW.test(t))) return true;
  }
  return NOTE_ROW.test(firstText);
}

/** After a gap of blank rows: whether the next written row still belongs to the table (a
 * total row, or a row with a code). */
function resumesAfterGap(grid: Grid, from: number, h: HeaderFind): boolean {
  for (let r = from; r <= Math.min(grid.rowCount, from + 20); r++) {
    if (isEmptyRow(grid, r)) continue;
    if (endsBody(grid, r)) return false;
    const texts = [...h.codeCols, h.nameCol].map((c) => squash(textAt(grid, r, c)));
    return texts.some((t) => TOTAL_NAMES.has(t)) || texts.some((t) => /^\d{3,7}$/.test(t)) || CODE_AND_NAME.test(texts[texts.length - 1]);
  }
  return false;
}

function isEmptyRow(grid: Grid, row: number): boolean {
  const r = grid.rows.get(row);
  if (!r) return true;
  for (const cell of r.values()) if (cell.value !== null && cell.value !== '' && !(typeof cell.value === 'string' && cell.value.trim() === '')) return false;
  return true;
}

export function unitOf(text: string): Unit | null {
  const m = /单位[:：]\s*(万元|元)/.exec(text.normalize('NFKC').replace(/\s+/g, ''));
  return m ? (m[1] as Unit) : null;
}

/** Reads an amount cell: number, blank/dash (0), text that parses, or text that does not. */
export function readAmount(grid: Grid, row: number, col: number): AmountCell {
  const cell = getCell(grid, row, col);
  if (!cell) return { cents: null, text: '' };
  if (cell.error) return { cents: null, text: cell.error, error: cell.error, formula: cell.formula };
  const v = cell.value;
  let out: AmountCell;
  if (typeof v === 'number') out = { cents: tryParseAmount(v), text: String(v) };
  else {
    const text = v === null ? '' : String(v).trim();
    out = { cents: text === '' ? null : tryParseAmount(text), text };
  }
  if (cell.formula) out.formula = cell.formula;
  return out;
}

interface HeaderFind {
  row: number;
  layout: 'single' | 'split' | 'names';
  codeCols: number[];
  nameCol: number;
  bottom: number;
}

const NAMES_HEADER = /^(支出)?(功能|经济)(分类)?科目$|^科目名称$|^项目$/;

function findHeader(grid: Grid, from: number, namesOnly = false): HeaderFind | null {
  if (namesOnly) {
    // a table that prints names without codes (科目 resolved through the catalog): the first row
    // whose first text cell names the subjects and is followed by amount headers
    for (let r = from; r <= Math.min(grid.rowCount, from + 8); r++) {
      const texts = rowTexts(grid, r);
      const c = texts.findIndex(Boolean);
      if (c >= 0 && NAMES_HEADER.test(texts[c]) && texts.slice(c + 1).some(Boolean)) return { row: r, layout: 'names', codeCols: [], nameCol: c + 1, bottom: r };
    }
    return null;
  }
  for (let r = from; r <= grid.rowCount; r++) {
    const texts = rowTexts(grid, r);
    // split layout: 类 款 (项) in adjacent cells
    const lei = texts.findIndex((t, i) => t === '类' && texts[i + 1] === '款');
    if (lei >= 0) {
      const codeCols = texts[lei + 2] === '项' ? [lei + 1, lei + 2, lei + 3] : [lei + 1, lei + 2];
      const nameCol = findNameCol(grid, r, codeCols[codeCols.length - 1]);
      if (nameCol) return { row: r, layout: 'split', codeCols, nameCol, bottom: r };
    }
    const codeIdx = texts.findIndex((t) => CODE_HEADER.test(t));
    if (codeIdx >= 0) {
      // the 类/款/项 row may sit under the 科目编码 cell, perhaps below a row of other headers
      const splitBelow = [1, 2, 3].some((k) => {
        const below = rowTexts(grid, r + k);
        return below[codeIdx] === '类' && below[codeIdx + 1] === '款';
      });
      if (splitBelow) continue;
      const nameCol = findNameCol(grid, r, codeIdx + 1);
      if (nameCol) return { row: r, layout: 'single', codeCols: [codeIdx + 1], nameCol, bottom: r };
    }
  }
  return null;
}

function findNameCol(grid: Grid, row: number, after: number): number | null {
  for (const r of [row, row - 1, row + 1]) {
    if (r < 1) continue;
    const texts = rowTexts(grid, r);
    for (let c = after; c < texts.length; c++) if (NAME_HEADER.test(texts[c]) || texts[c] === '科目名称') return c + 1;
  }
  // 科目名称 may be written in the code row under a merged 科目编码 | 科目名称 header
  return null;
}

function titleAbove(grid: Grid, headerTop: number): { title: string | null; unit: Unit | null } {
  let title: string | null = null;
  let unit: Unit | null = null;
  for (let r = headerTop - 1; r >= Math.max(1, headerTop - 6); r--) {
    for (let c = 1; c <= grid.columnCount; c++) {
      const t = textAt(grid, r, c);
      if (!t) continue;
      unit ??= unitOf(t);
      if (!title && /表/.test(t) && !NOT_TITLE.test(squash(t)) && t.length >= 4) title = t;
    }
  }
  return { title, unit };
}

export function matchSpec(title: string | null, specs: TableSpec[], kind?: TableSpec['kind']): TableSpec | null {
  if (!title) return null;
  return specsForTitle(title, specs.filter((s) => !kind || s.kind === kind))[0]?.spec ?? null;
}

function composeCode(layout: 'single' | 'split' | 'names', parts: string[], context: { lei: string; kuan: string }): { code: string | null; text: string } {
  if (layout === 'single') {
    const t = parts[0].replace(/\s+/g, '');
    return { code: /^\d+$/.test(t) ? t : null, text: parts[0] };
  }
  const [lei, kuan, xiang] = parts.map((p) => p.replace(/\s+/g, ''));
  const text = parts.filter(Boolean).join(' ');
  if (lei && kuan && xiang) return { code: lei + kuan + xiang, text };
  if (lei && kuan) return { code: lei + kuan, text };
  if (lei) {
    context.lei = lei;
    context.kuan = '';
    return { code: lei, text };
  }
  if (kuan) {
    context.kuan = context.lei + kuan;
    return { code: context.kuan, text };
  }
  if (xiang) return { code: (context.kuan || context.lei) + xiang, text };
  return { code: null, text: '' };
}

function yearOf(title: string | null): number | null {
  const m = title ? /((?:19|20)\d{2})年/.exec(title) : null;
  return m ? Number(m[1]) : null;
}

/** Finds the code of a subject printed by name only, under the 类/款 last seen. */
export type NameResolver = (name: string, context: { lei: string; kuan: string }) => string | null;

export function findCodeTables(grid: Grid, specs: TableSpec[] = [], kind?: TableSpec['kind'], knownSpec?: TableSpec, resolveName?: NameResolver): CodeTable[] {
  const tables: CodeTable[] = [];
  const masters = mergeMasters(grid);
  // from the first row there is (a region of a sheet starts far down): rows above it are empty
  let start = grid.rowCount + 1;
  for (const r of grid.rows.keys()) if (r < start) start = r;
  let from = start;
  while (from <= grid.rowCount) {
    const h = findHeader(grid, from) ?? (knownSpec && resolveName && from === start ? findHeader(grid, 1, true) : null);
    if (!h) break;
    // header block: up from the code row while rows carry header text; down over the 栏次 row
    let top = h.row;
    while (top > 1 && !isEmptyRow(grid, top - 1) && !rowTexts(grid, top - 1).some((t) => TITLE_ROW.test(t)) && rowTexts(grid, top - 1).filter(Boolean).length > 1) top--;
    let bottom = h.bottom;
    const nameRowBelow = rowTexts(grid, bottom + 1);
    if (nameRowBelow.some((t) => t === '类' || t === '款' || t === '项') ) bottom++;
    const firstBody = () => {
      let r = bottom + 1;
      while (r <= grid.rowCount) {
        const texts = rowTexts(grid, r);
        if (texts.some((t) => t === '栏次' || t === '行次') || (texts.filter(Boolean).length > 0 && texts.filter(Boolean).every((t) => /^(\d{1,2}|\*\*)$/.test(t)) && !texts.some((t) => t.length >= 3))) {
          r++;
          continue;
        }
        // header rows that continue under the code row (amount sub-headers)
        const codeCellText = h.codeCols.map((c) => squash(textAt(grid, r, c))).join('');
        const hasNumbers = [...(grid.rows.get(r)?.values() ?? [])].some((cell) => typeof cell.value === 'number');
        // (a total's label beside amount sub-headers printed on its line is a header row too)
        const wordsRight = texts.slice(h.nameCol).filter((t) => t && !/^[\d,.\-—－–]+$/.test(t));
        const subHeaders = wordsRight.length >= 2 && wordsRight.some((t) => !TOTAL_NAMES.has(t));
        if (!codeCellText && !hasNumbers && texts.filter(Boolean).length > 0 && (subHeaders || (!TOTAL_NAMES.has(texts[h.nameCol - 1]) && !texts.some((t) => TOTAL_NAMES.has(t))))) {
          r++;
          continue;
        }
        return r;
      }
      return r;
    };
    const bodyTop = firstBody();
    const headerBottom = bodyTop - 1;
    const { title, unit } = titleAbove(grid, top);
    const spec = knownSpec ?? matchSpec(title, specs, kind);
    const classification = spec?.blocks[0].rows.kind === 'codes' ? spec.blocks[0].rows.classification : /经济/.test(rowTexts(grid, top).join('') + (title ?? '')) ? 'economic' : 'function';

    // amount columns: right of the name column, with header text
    const lastCodeOrName = Math.max(h.nameCol, ...h.codeCols);
    const amountCols: AmountColumn[] = [];
    for (let c = lastCodeOrName + 1; c <= grid.columnCount; c++) {
      const header: string[] = [];
      for (let r = top; r <= headerBottom; r++) {
        const t = shownText(grid, masters, r, c);
        if (t && t !== '栏次' && header[header.length - 1] !== t && !/^\d{1,2}$/.test(t)) header.push(t);
      }
      if (header.length) amountCols.push({ col: c, header, key: null });
      else break;
    }
    if (spec) {
      const candidates = spec.blocks.flatMap((b) => b.columns).filter((c) => c.role === 'amount').map((c) => ({ key: c.key, spec: c }));
      const matched = matchColumns(amountCols.map((a) => ({ col: a.col, path: a.header })), candidates, yearOf(title));
      for (const [key, { col }] of matched) amountCols.find((a) => a.col === col)!.key = key;
      // a table of one amount column (金额, 基本支出, 机关运行经费支出): that column is the row's total
      const total = candidates.find((c) => leafMeaning(c.spec.header[c.spec.header.length - 1]) === '合计');
      if (amountCols.length === 1 && matched.size === 0 && total) amountCols[0].key = total.key;
    }

    // body rows until a note row, another table's header, or a gap of blank rows that no
    // total or code row follows
    const rows: CodeRow[] = [];
    const leftovers: number[] = [];
    const context = { lei: '', kuan: '' };
    let empty = 0;
    let r = bodyTop;
    let last = bodyTop - 1;
    for (; r <= grid.rowCount; r++) {
      if (isEmptyRow(grid, r)) {
        if (++empty >= 3 && !resumesAfterGap(grid, r + 1, h)) break;
        continue;
      }
      empty = 0;
      if (endsBody(grid, r)) break;
      let name = textAt(grid, r, h.nameCol);
      const parts = h.codeCols.map((c) => textAt(grid, r, c));
      const amounts = new Map<number, AmountCell>();
      for (const a of amountCols) amounts.set(a.col, readAmount(grid, r, a.col));
      last = r;
      const written = [...parts, name].filter(Boolean);
      if (written.length > 0 && written.every((t) => LEFTOVER.test(t))) {
        leftovers.push(r);
        rows.push({ row: r, kind: 'other', code: null, codeText: written.join(' '), name, amounts });
        continue;
      }
      if ([name, ...parts].some((t) => TOTAL_NAMES.has(squash(t)))) {
        rows.push({ row: r, kind: 'total', code: null, codeText: '', name: [name, ...parts].find((t) => TOTAL_NAMES.has(squash(t)))!, amounts });
        continue;
      }
      // a code written inside the name cell (or the code cell holding both)
      const joined = !parts.some(Boolean) ? CODE_AND_NAME.exec(name) : h.layout === 'single' && !name ? CODE_AND_NAME.exec(parts[0]) : null;
      let code: string | null;
      let text: string;
      if (joined || h.layout === 'names') {
        code = joined ? joined[1] : resolveName && name ? resolveName(squash(name), context) : null;
        text = code ?? '';
        if (joined) name = joined[2].trim();
        // the 类 and 款 a code sets, for the names under it (composeCode keeps its own)
        if (code?.length === 3) context.lei = code;
        if (code?.length === 5) context.kuan = code;
      } else ({ code, text } = composeCode(h.layout, parts, context));
      let hasAmounts = false;
      for (const a of amounts.values()) if (a.cents !== null || a.text !== '') hasAmounts = true;
      // a sentence in the code column with no amounts is a note (本表为空表…), not a code
      const isNote = !(code && /^\d+$/.test(code)) && text.length > 8 && !hasAmounts;
      rows.push({ row: r, kind: isNote ? 'other' : code || text ? 'code' : 'other', code: isNote ? null : code ?? (text ? text : null), codeText: text, name, amounts });
    }
    if (rows.length > 0 || amountCols.length > 0) {
      tables.push({
        sheet: grid.name,
        title,
        spec,
        unit,
        classification,
        headerRows: [top, headerBottom],
        layout: h.layout,
        codeCols: h.codeCols,
        nameCol: h.nameCol,
        amountCols,
        bodyRows: [bodyTop, Math.max(last, bodyTop - 1)],
        totalRow: rows.find((x) => x.kind === 'total')?.row ?? null,
        rows,
        leftovers,
      });
    }
    from = Math.max(r, h.row + 1);
  }
  return tables;
}

// Recognises the disclosure tables in any workbook: finds each table by its title, reads its
// unit line and headers, maps its columns and rows to the table spec (fixed rows by label,
// code rows by code), and keeps every value with its cell address. What cannot be identified
// is reported, never guessed.
import { address, parseAddress } from '../a1';
import type { CatalogEntry } from '../codes';
import { type Grid, type GridCell, getCell, squash, textAt, type WorkbookGrid } from '../grid';
import { MAX_TITLES } from '../limits';
import { BoundedMemo } from '../memo';
import type { Unit } from '../money';
import type { ColumnSpec, TableSpec } from '../spec/schema';
import type { Catalog } from '../catalog/catalog';
import { normalizeName } from '../catalog/lookup';
import { type AmountCell, type CodeTable, findCodeTables, type NameResolver, readAmount, TITLE_ROW, unitOf } from './code-table';
import { append } from '../arrays';
import { readTitle, specsForTitle } from './concepts';
import { leafFits, leafMeaning, matchColumns, type SheetColumn } from './columns';
import { classifySheet, isContents, type SheetKind } from './sheets';
import { detectYear } from './year';

export interface Value extends AmountCell {
  sheet: string;
  address: string;
}

export interface RecognizedRow {
  key: string;
  row: number;
  label: string;
  code: string | null;
  kind: 'detail' | 'total' | 'sum';
  /** The spec block the row belongs to (side-by-side layouts). */
  block: number;
  /** A total whose label sits in one block and its amount in another's column (公开06's 公用经费合计). */
  amountBlock?: number;
  /** A row whose label is printed in an earlier block's label column, across its own (江苏's
   * 当年支出小计 closing both the 功能分类 and the 支出用途 blocks). */
  labelBlock?: number;
  /** The row's amount cells as already read, by sheet column (code tables). */
  amounts?: Map<number, AmountCell>;
}

export interface RecognizedTable {
  spec: TableSpec;
  sheet: string;
  title: string;
  titleCell: string;
  unit: Unit | null;
  unitCell: string | null;
  range: string;
  headerRows: [number, number];
  /** Spec column key → sheet column. */
  columns: Map<string, number>;
  /** Header texts of each mapped column, top to bottom. */
  headers: Map<string, string[]>;
  rows: RecognizedRow[];
  codeTable: CodeTable | null;
  /** Notes under or beside the table (注：…), and any text row in its area. */
  notes: { cell: string; text: string }[];
  /** Rows in the table area that hold amounts but match no row of the spec. */
  unmatched: { cell: string; label: string }[];
  /** Rows left over from a blank template: "…" or a bare ordinal (二、) where a label belongs. */
  leftovers: string[];
}

export interface Recognition {
  kind: 'budget' | 'final' | null;
  year: number | null;
  department: string | null;
  tables: RecognizedTable[];
  /** What could not be identified: a sheet with amounts but no known table, a title with no headers… */
  unrecognised: { sheet: string; cell: string | null; message: string; severity: 'warning' | 'notice' }[];
  /** Every sheet and what it is (公开表, 目录, 封面, 情况说明, 绩效表 …). */
  sheets: { sheet: string; kind: SheetKind }[];
}

/** The spec a title cell names, scored by how specific the match is. Two layouts published
 * under one title (收入总表 by unit or by source) are told apart by which spec's column headers
 * stand in the rows under the title. */
function titleMatch(text: string, specs: TableSpec[], grid?: Grid, row?: number): { spec: TableSpec; score: number } | null {
  const scored = specsForTitle(text, specs);
  if (scored.length === 0) return null;
  const top = scored[0].score;
  const tied = scored.filter((x) => x.score === top);
  if (tied.length === 1 || !grid || row === undefined) return tied[0];
  const below = new Set<string>();
  for (let r = row + 1; r <= row + 8; r++) for (const cell of grid.rows.get(r)?.values() ?? []) if (typeof cell.value === 'string') below.add(squash(cell.value));
  const seen = new Set([...below].map(leafMeaning));
  // a code table without a code column under its title fits less than one that needs none
  const fit = (spec: TableSpec) =>
    new Set(spec.blocks.flatMap((b) => b.columns.map((c) => leafMeaning(c.header[c.header.length - 1]))).filter((h) => [...seen].some((w) => leafFits(h, w)))).size -
    (spec.blocks.some((b) => b.rows.kind === 'codes') && !seen.has('编码') ? 1 : 0);
  return tied.reduce((a, b) => (fit(b.spec) > fit(a.spec) ? b : a));
}

/** Label text compared without spaces, ordinal prefixes, markup or width differences. */
const normalizedLabels = new BoundedMemo<string>(50_000);

export function normalizeLabel(text: string): string {
  return normalizedLabels.get(text, normalizeLabelText);
}

function normalizeLabelText(text: string): string {
  return squash(text)
    .replace(/<\/?b>/g, '')
    .replace(/^([（(][一二三四五六七八九十]+[)）]|[一二三四五六七八九十]+[、.．])/, '')
    .replace(/^(\d+[.、．]|[（(]\d+[)）])/, '')
    .replace(/[“”"]/g, '');
}

const looseLabel = (t: string) => normalizeLabel(t).replace(/财政|拨款|预算/g, '');
/** Without the words a side's rows all share (收入, 资金): "1、一般公共预算" is 一般公共预算拨款收入. */
const loosestLabel = (t: string) => looseLabel(t).replace(/收入|资金|支出$/g, '');

/** The rows top..bottom of a sheet as a grid of their own; `sorted` is the sheet's row numbers in
 * order, so each region costs its own rows, not the sheet's (20,000 titles stay linear). */
function regionGrid(grid: Grid, sorted: number[], top: number, bottom: number): Grid {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] < top) lo = mid + 1;
    else hi = mid;
  }
  const rows = new Map<number, Map<number, GridCell>>();
  for (let i = lo; i < sorted.length && sorted[i] <= bottom; i++) rows.set(sorted[i], grid.rows.get(sorted[i])!);
  return { ...grid, rows, rowCount: bottom };
}

function masters(grid: Grid): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of grid.merges) {
    const [a, b] = m.split(':');
    const s = parseAddress(a);
    const e = parseAddress(b ?? a);
    for (let r = s.row; r <= e.row; r++) for (let c = s.col; c <= e.col; c++) out.set(`${r},${c}`, address(s.row, s.col));
  }
  return out;
}

function shown(grid: Grid, m: Map<string, string>, row: number, col: number): string {
  const master = m.get(`${row},${col}`);
  if (master) {
    const p = parseAddress(master);
    return textAt(grid, p.row, p.col);
  }
  return textAt(grid, row, col);
}

interface SpecColumn {
  spec: ColumnSpec;
  block: number;
}

function specColumns(spec: TableSpec): SpecColumn[] {
  return spec.blocks.flatMap((b, block) => b.columns.map((c) => ({ spec: c, block })));
}

/** Maps sheet columns to spec columns by what their headers mean (see columns.ts). */
function mapColumns(grid: Grid, spec: TableSpec, top: number, bottom: number, year: number | null): { columns: Map<string, number>; headers: Map<string, string[]> } {
  const m = masters(grid);
  const paths: SheetColumn[] = [];
  for (let c = 1; c <= grid.columnCount; c++) {
    const path: string[] = [];
    for (let r = top; r <= bottom; r++) {
      const t = squash(shown(grid, m, r, c));
      if (t && t !== path[path.length - 1] && !/^(栏次|行次)$/.test(t)) path.push(t);
    }
    if (path.length) paths.push({ col: c, path });
  }
  const matched = matchColumns(paths, specColumns(spec).map((c) => ({ key: c.spec.key, spec: c.spec })), year);
  const columns = new Map<string, number>();
  const headers = new Map<string, string[]>();
  for (const [key, { col, path }] of matched) {
    columns.set(key, col);
    headers.set(key, path);
  }
  keepWithinBlocks(spec, columns, headers);
  // a block printed with one amount column (项目名称 | 金额): the column right of its label,
  // up to the next column read, is the block's total
  const used = new Set(columns.values());
  for (const block of spec.blocks) {
    const label = block.columns.find((c) => (c.role === 'label' || c.role === 'name') && columns.has(c.key));
    const amounts = block.columns.filter((c) => c.role === 'amount');
    if (!label || amounts.some((c) => columns.has(c.key))) continue;
    const from = columns.get(label.key)!;
    const next = Math.min(...[...used].filter((c) => c > from), grid.columnCount + 1);
    const free = paths.filter((p) => p.col > from && p.col < next && !used.has(p.col));
    const total = amounts.find((c) => leafMeaning(c.header[c.header.length - 1]) === '合计') ?? (amounts.length === 1 ? amounts[0] : undefined);
    if (free.length === 1 && total) {
      columns.set(total.key, free[0].col);
      headers.set(total.key, free[0].path);
      used.add(free[0].col);
    }
  }
  return { columns, headers };
}

/** Side-by-side blocks stand each in its own columns: an amount column read left of its block's
 * label column, or at or beyond the next block's, is another block's (a group header such as
 * 支出用途 printed over both 支出 blocks' amounts) and is left for the one-amount-column rule. */
function keepWithinBlocks(spec: TableSpec, columns: Map<string, number>, headers: Map<string, string[]>): void {
  const labelOf = (b: TableSpec['blocks'][number]) => b.columns.find((c) => (c.role === 'label' || c.role === 'name') && columns.has(c.key));
  const labels = spec.blocks.flatMap((b) => {
    const l = labelOf(b);
    return l ? [columns.get(l.key)!] : [];
  });
  if (labels.length < 2 || !spec.blocks.every((b) => b.rows.kind === 'fixed')) return;
  for (const block of spec.blocks) {
    const label = labelOf(block);
    if (!label) continue;
    const from = columns.get(label.key)!;
    const to = Math.min(...labels.filter((c) => c > from), Infinity);
    for (const c of block.columns) {
      const col = columns.get(c.key);
      if (c.role !== 'amount' || col === undefined || (col > from && col < to)) continue;
      columns.delete(c.key);
      headers.delete(c.key);
    }
  }
}

/** A label cell a blank template left: "…", "二、…", a bare "三、". */
const LEFTOVER_LABEL = /^(?=.)([一二三四五六七八九十]+[、.．]|\d+[、.．]|[（(][一二三四五六七八九十\d]+[)）])?[…⋯.。·]*$/;

/** A line above a table that is not its header: a title or label line (code-table's), or 编制单位. */
const notHeader = (text: string) => TITLE_ROW.test(text) || text.includes('编制');

/** An amount printed as text (a PDF's 37,188.34 or 0.00), not a 栏次 number or a year. */
const AMOUNT_TEXT = /^[-−]?(\d{1,3}(,\d{3})+|\d+)\.\d{1,2}$|^[-−]?\d{1,3}(,\d{3})+$/;

/** The header rows: from the first row under the title that holds a word of the spec's headers
 * and no numbers, down while rows do, and up over group rows (本年收入 | 本年支出) above it. */
function headerBand(grid: Grid, spec: TableSpec, from: number, to: number): [number, number] | null {
  const words = new Set(specColumns(spec).flatMap((c) => c.spec.header.map(leafMeaning)));
  const m = masters(grid);
  const texts = (r: number) => {
    const out: string[] = [];
    for (let c = 1; c <= grid.columnCount; c++) {
      const t = shown(grid, m, r, c);
      if (t) out.push(t);
    }
    return out;
  };
  const hasNumbers = (r: number) => [...(grid.rows.get(r)?.values() ?? [])].some((cell) => typeof cell.value === 'number' || (typeof cell.value === 'string' && AMOUNT_TEXT.test(cell.value.trim())));
  let first = 0;
  let last = 0;
  for (let r = from; r <= Math.min(to, from + 12); r++) {
    const hits = texts(r).filter((t) => words.has(leafMeaning(t))).length;
    if (hits >= 1 && !hasNumbers(r)) {
      if (!first) first = r;
      last = r;
    } else if (first && (hasNumbers(r) || texts(r).length === 0 || texts(r).some((t) => notHeader(squash(t))))) break;
    // a group row between header rows (功能分类 | 支出用途) is read when a header row follows it
  }
  if (!first) return null;
  while (first - 1 >= from && !hasNumbers(first - 1)) {
    const above = texts(first - 1);
    if (above.length === 0 || above.some((t) => notHeader(squash(t)) || unitOf(t))) break;
    first--;
  }
  return [first, last];
}

/** Rows of a fixed-row table: each block's label column, matched to the spec's labels. */
function fixedRows(grid: Grid, spec: TableSpec, columns: Map<string, number>, body: [number, number], classes: CatalogEntry[]): { rows: RecognizedRow[]; unmatched: { cell: string; label: string }[] } {
  const rows: RecognizedRow[] = [];
  const unmatched: { cell: string; label: string }[] = [];
  const seen = new Set<string>();
  const keyed = (b: TableSpec['blocks'][number]) => (b.rows.kind === 'fixed' ? b.rows.rows.flatMap((e) => ('key' in e ? [e] : [])) : []);
  const printed = (b: TableSpec['blocks'][number]) => b.columns.some((c) => (c.role === 'label' || c.role === 'name') && columns.has(c.key));
  // a block the layout does not print (公开06 with 310 资本性支出 listed under 302 in the second
  // column): its coded rows are read where they are printed
  const unprinted = spec.blocks.filter((b) => !printed(b)).flatMap(keyed).filter((e) => e.code);
  spec.blocks.forEach((block, blockIndex) => {
    if (block.rows.kind !== 'fixed') return;
    const labelCol = block.columns.find((c) => c.role === 'label' || c.role === 'name');
    const codeCol = block.columns.find((c) => c.role === 'code');
    const col = labelCol ? columns.get(labelCol.key) : undefined;
    if (!col) return;
    const codeSheetCol = codeCol ? columns.get(codeCol.key) : undefined;
    const entries = block.rows.rows.flatMap((e) => ('key' in e ? [e] : []));
    const insertsClasses = block.rows.rows.some((e) => 'insert' in e);
    let lastIndex = -1;
    for (let r = body[0]; r <= body[1]; r++) {
      const label = textAt(grid, r, col);
      const code = codeSheetCol ? textAt(grid, r, codeSheetCol).replace(/\s+/g, '') : '';
      if (!label && !code) continue;
      const norm = normalizeLabel(label);
      // the most exact reading first; among equally good, the first unused row after the last
      // one matched (一般公共预算 under 本年收入 before the one under 上年结转)
      const free = entries.filter((e) => !seen.has(e.key));
      const ordered = [...free.filter((e) => entries.indexOf(e) > lastIndex), ...free.filter((e) => entries.indexOf(e) <= lastIndex)];
      const names = (e: (typeof entries)[number]) => [e.label, ...(e.aliases ?? [])];
      let hit =
        (code && (entries.find((e) => e.code === code) ?? unprinted.find((e) => e.code === code))) ||
        ordered.find((e) => names(e).some((n) => normalizeLabel(n) === norm)) ||
        ordered.find((e) => names(e).some((n) => looseLabel(n) === looseLabel(label))) ||
        (loosestLabel(label) ? ordered.find((e) => names(e).some((n) => loosestLabel(n) === loosestLabel(label))) : undefined);
      if (hit) lastIndex = entries.indexOf(hit);
      let key = hit ? hit.key : null;
      let kind: RecognizedRow['kind'] = hit && (hit.sum || hit.sumOf) ? 'sum' : 'detail';
      let rowCode = hit?.code ?? null;
      if (!hit && insertsClasses) {
        const cls = classes.find((c) => normalizeLabel(c.name) === norm) ?? classes.find((c) => looseLabel(c.name) === looseLabel(label));
        if (cls) {
          key = `class.${cls.code}`;
          rowCode = cls.code;
          kind = 'detail';
        }
      }
      // a label printed across the next blocks of its header group (支出: 功能分类 | 支出用途), whose
      // own label cells are blank on this line, also names the row of that wording in each of them
      let spanned = false;
      for (let b = blockIndex + 1; b < spec.blocks.length && norm; b++) {
        const other = spec.blocks[b];
        const otherLabel = other.columns.find((c) => c.role === 'label' || c.role === 'name');
        const otherCol = otherLabel ? columns.get(otherLabel.key) : undefined;
        if (otherCol === undefined || otherCol <= col || textAt(grid, r, otherCol) !== '' || other.rows.kind !== 'fixed') break;
        if (otherLabel!.header.length < 2 || otherLabel!.header[0] !== labelCol!.header[0]) break;
        const same = keyed(other).find((e) => !seen.has(e.key) && [e.label, ...(e.aliases ?? [])].some((n) => normalizeLabel(n) === norm));
        if (!same) continue;
        seen.add(same.key);
        rows.push({ key: same.key, row: r, label, code: same.code ?? null, kind: same.sum || same.sumOf ? 'sum' : 'detail', block: b, labelBlock: blockIndex });
        spanned = true;
      }
      if (key && !seen.has(key)) {
        seen.add(key);
        rows.push({ key, row: r, label, code: rowCode, kind, block: blockIndex });
      } else if (!key && !spanned && norm && !/^(栏次|项目|行次)$/.test(norm)) {
        unmatched.push({ cell: address(r, col), label });
      }
      hit = undefined;
    }
  });
  // a row whose own amount cells are blank, with a figure in a later block's amount column on the
  // same line that no label of that block claims, takes its amount from there
  const amountCol = (b: number) => spec.blocks[b]?.columns.find((c) => c.role === 'amount');
  for (const row of rows) {
    const own = amountCol(row.block);
    const ownCol = own ? columns.get(own.key) : undefined;
    if (ownCol === undefined || getCell(grid, row.row, ownCol)?.value !== undefined) continue;
    for (let b = row.block + 1; b < spec.blocks.length; b++) {
      const other = amountCol(b);
      const col = other ? columns.get(other.key) : undefined;
      // a label printed there claims it, recognised or not (an outdated class name)
      const labelKey = spec.blocks[b].columns.find((c) => c.role === 'label' || c.role === 'name')?.key;
      const labelCol = labelKey ? columns.get(labelKey) : undefined;
      const claimed = rows.some((x) => x.row === row.row && x.block === b && x.labelBlock === undefined) || (labelCol !== undefined && textAt(grid, row.row, labelCol) !== '');
      if (col !== undefined && !claimed && getCell(grid, row.row, col)?.value !== undefined) {
        row.amountBlock = b;
        break;
      }
    }
  }
  return { rows, unmatched };
}

/** The department's name from a "部门：…" / "编制单位：…" / "单位名称：…" line, if any. */
function departmentLine(grid: WorkbookGrid): string | null {
  for (const sheet of grid.sheets) {
    for (let r = 1; r <= Math.min(sheet.rowCount, 12); r++) {
      for (const cell of sheet.rows.get(r)?.values() ?? []) {
        if (typeof cell.value !== 'string') continue;
        const m = /^(?:部门|编制单位|编制部门|单位名称|部门名称|预算主管部门|主管部门|预算单位)[:：]\s*(.+)$/.exec(cell.value.trim());
        if (m && !/^[（(]/.test(m[1])) return m[1].trim();
      }
    }
  }
  return null;
}

const TOTAL_LABEL = /^(合计|总计|小计)$/;

/** The first unit of the income table's list (the department, then 本级 and its units). */
function departmentListed(tables: RecognizedTable[]): string | null {
  for (const t of tables) {
    if (!t.spec.blocks.some((b) => b.rows.kind === 'list')) continue;
    const first = t.rows.map((r) => r.label.trim()).find((l) => l && !TOTAL_LABEL.test(squash(l)));
    if (first) return first.replace(/\s*[（(]本级[)）]$/, '').trim();
  }
  return null;
}

/** A name as a cover or heading prints it: no figures, no sentence punctuation. */
const NAME = /^[^\d，。；：:、,.（()）表]{2,40}$/;

/** The department named at the head of a narrative: a cover line above "2024年部门预算公开情况说明",
 * "XX2024年部门决算", or "关于XX2024年部门收支预算情况的总体说明". */
function departmentInNarrative(grid: WorkbookGrid, tables: RecognizedTable[]): string | null {
  // not the table sheets: a title over a 年度 line there is a table's name, not the department's
  const tableSheets = new Set(tables.map((t) => t.sheet));
  const sheets = grid.sheets.filter((s) => !tableSheets.has(s.name)).sort((a, b) => Number(b.name.includes('说明')) - Number(a.name.includes('说明')));
  for (const sheet of sheets) {
    const lines: string[] = [];
    for (let r = 1; r <= Math.min(sheet.rowCount, 12) && lines.length < 8; r++) {
      const cells = [...(sheet.rows.get(r)?.values() ?? [])].filter((c) => typeof c.value === 'string' && c.value.trim());
      if (cells.length === 1) lines.push(String(cells[0].value).replace(/\s+/g, ' ').trim());
    }
    for (let i = 0; i < lines.length; i++) {
      const about = /^[一二三四五六七八九十、.\d\s]*关于(.{2,40}?)\s*20\d{2}\s*年/.exec(lines[i]);
      if (about && NAME.test(about[1])) return about[1].trim();
      const titled = /^(.{2,40}?)\s*20\d{2}\s*年度?部门(?:收支)?(?:预算|决算)/.exec(lines[i]);
      if (titled && NAME.test(titled[1])) return titled[1].trim();
      if (NAME.test(lines[i]) && /^20\d{2}\s*年度?.*(?:预算|决算)/.test(lines[i + 1] ?? '')) return lines[i];
    }
  }
  return null;
}

function departmentIn(grid: WorkbookGrid, tables: RecognizedTable[]): string | null {
  return departmentLine(grid) ?? departmentListed(tables) ?? departmentInNarrative(grid, tables);
}

export interface RecognizeOptions {
  specs: TableSpec[];
  /** The function classes of the year, to match table 01/04 class rows by name. */
  classes: CatalogEntry[];
  year?: number | null;
  /** The year's catalogs, to read tables that print subject names without codes. */
  catalogs?: { function?: Catalog; economic?: Catalog };
}

/** Resolves a subject printed by name only: a 类, else a 款 of the 类 above, else a 项 of the 款 above. */
export function nameResolver(catalog: Catalog): NameResolver {
  const entries = catalog.entries();
  const byName = (len: number, prefix: string, n: string) => entries.find((e) => e.code.length === len && e.code.startsWith(prefix) && normalizeName(e.name) === n)?.code ?? null;
  return (name, context) => {
    const n = normalizeName(name);
    return byName(3, '', n) ?? (context.lei ? byName(5, context.lei, n) : null) ?? (context.kuan ? byName(7, context.kuan, n) : null);
  };
}

export function recognize(book: WorkbookGrid, options: RecognizeOptions): Recognition {
  const year = options.year ?? detectYear(book);
  const found: RecognizedTable[] = [];
  const unrecognised: Recognition['unrecognised'] = [];
  // titles first: they say the kind
  const titles: { sheet: Grid; row: number; col: number; text: string; spec: TableSpec; score: number }[] = [];
  for (const sheet of book.sheets) {
    if (isContents(sheet)) continue;
    const onSheet: typeof titles = [];
    for (const [r, cells] of sheet.rows) {
      for (const [c, cell] of cells) {
        if (typeof cell.value !== 'string' || c > 10 || !cell.value.includes('表')) continue;
        const m = titleMatch(cell.value, options.specs, sheet, r);
        if (m) onSheet.push({ sheet, row: r, col: c, text: cell.value.trim(), ...m });
      }
    }
    // titles on consecutive lines are a list of the tables (a 目录 or a narrative's list), not tables
    const byRow = new Map<number, (typeof titles)[number][]>();
    for (const t of onSheet) {
      const list = byRow.get(t.row);
      if (list) list.push(t);
      else byRow.set(t.row, [t]);
    }
    const listed = (t: (typeof titles)[number]) => [t.row - 1, t.row + 1].some((r) => byRow.get(r)?.some((o) => o.spec.number !== t.spec.number));
    const kept = onSheet.filter((t) => !listed(t));
    if (kept.length > MAX_TITLES) {
      unrecognised.push({ sheet: sheet.name, cell: null, message: `工作表「${sheet.name}」中有 ${kept.length.toLocaleString('en')} 个表名，只识别前 ${MAX_TITLES.toLocaleString('en')} 个`, severity: 'warning' });
      kept.sort((a, b) => a.row - b.row).length = MAX_TITLES;
    }
    append(titles, kept);
  }
  const votes = { budget: 0, final: 0 };
  for (const t of titles) votes[t.spec.kind] += readTitle(t.text).kind ? 2 : 1;
  const kind = votes.budget || votes.final ? (votes.final > votes.budget ? 'final' : 'budget') : null;
  // re-match with the specs of the winning kind only, then one table per title
  const ofKind = options.specs.filter((s) => !kind || s.kind === kind);
  const sheetIndex = new Map(book.sheets.map((s, i) => [s.name, i]));
  const accepted = titles
    .map((t) => ({ ...t, m: titleMatch(t.text, ofKind, t.sheet, t.row) }))
    .filter((t): t is typeof t & { m: { spec: TableSpec; score: number } } => t.m !== null)
    // in the workbook's order (a PDF's pages: 第9页 before 第10页), top to bottom
    .sort((a, b) => sheetIndex.get(a.sheet.name)! - sheetIndex.get(b.sheet.name)! || a.row - b.row);

  const bySheet = new Map<string, typeof accepted>();
  for (const t of accepted) {
    const list = bySheet.get(t.sheet.name) ?? [];
    // a title repeated on the next row (label above title) counts once (titles come sorted by row)
    const previous = list[list.length - 1];
    if (!(previous && t.row - previous.row <= 1 && previous.m.spec.id === t.m.spec.id)) list.push(t);
    bySheet.set(t.sheet.name, list);
  }
  for (const [, list] of bySheet) {
    const sorted = list.length > 0 ? [...list[0].sheet.rows.keys()].sort((a, b) => a - b) : [];
    list.forEach((t, i) => {
      const sheet = t.sheet;
      const spec = t.m.spec;
      const bottom = i + 1 < list.length ? list[i + 1].row - 1 : sheet.rowCount;
      const region = regionGrid(sheet, sorted, t.row, bottom);
      // the unit line: within a few rows of the title
      let unit: Unit | null = null;
      let unitCell: string | null = null;
      for (let r = Math.max(1, t.row - 2); r <= Math.min(bottom, t.row + 5) && !unit; r++) {
        for (const [c, cell] of sheet.rows.get(r) ?? []) {
          const u = typeof cell.value === 'string' ? unitOf(cell.value) : null;
          if (u) {
            unit = u;
            unitCell = address(r, c);
            break;
          }
        }
      }
      const table: RecognizedTable = {
        spec,
        sheet: sheet.name,
        title: t.text,
        titleCell: address(t.row, t.col),
        unit,
        unitCell,
        range: '',
        headerRows: [t.row, t.row],
        columns: new Map(),
        headers: new Map(),
        rows: [],
        codeTable: null,
        notes: [],
        unmatched: [],
        leftovers: [],
      };
      if (spec.blocks.some((b) => b.rows.kind === 'codes')) {
        const economic = spec.blocks[0].rows.kind === 'codes' && spec.blocks[0].rows.classification === 'economic';
        const catalog = economic ? options.catalogs?.economic : options.catalogs?.function;
        const [ct] = findCodeTables(region, [spec], spec.kind, spec, catalog ? nameResolver(catalog) : undefined);
        if (!ct) {
          unrecognised.push({ sheet: sheet.name, cell: table.titleCell, message: `未能识别「${t.text}」的表头（找不到“科目编码”“科目名称”栏），此表未核对`, severity: 'notice' });
          return;
        }
        ct.unit = ct.unit ?? unit;
        table.codeTable = ct;
        table.leftovers = ct.leftovers.map((r) => address(r, ct.codeCols[0] ?? ct.nameCol));
        table.headerRows = ct.headerRows;
        for (const a of ct.amountCols) if (a.key) table.columns.set(a.key, a.col);
        for (const a of ct.amountCols) if (a.key) table.headers.set(a.key, a.header);
        table.rows = ct.rows
          .filter((r) => r.kind !== 'other')
          .map((r) => ({ key: r.kind === 'total' ? 'total' : r.code!, row: r.row, label: r.name, code: r.kind === 'total' ? null : r.code, kind: r.kind === 'total' ? 'total' : 'detail', block: 0, amounts: r.amounts }));
        table.range = `A${ct.headerRows[0]}:${address(ct.bodyRows[1], Math.max(...ct.amountCols.map((a) => a.col), ct.nameCol)).replace(/^([A-Z]+)/, '$1')}`;
        addNotes(region, table, ct.bodyRows[1] + 1, bottom);
        found.push(table);
        return;
      }
      const band = headerBand(region, spec, t.row + 1, bottom);
      if (!band) {
        unrecognised.push({ sheet: sheet.name, cell: table.titleCell, message: `未能识别「${t.text}」的表头，此表未核对`, severity: 'notice' });
        return;
      }
      const { columns, headers } = mapColumns(region, spec, band[0], band[1], year);
      table.columns = columns;
      table.headers = headers;
      let bodyTop = band[1] + 1;
      while (bodyTop <= bottom && [...(sheet.rows.get(bodyTop)?.values() ?? [])].some((c) => squash(String(c.value ?? '')) === '栏次' || squash(String(c.value ?? '')) === '**')) bodyTop++;
      // numbered 栏次 rows without the word: all small integers
      const isColumnNumbers = (r: number) => {
        const nums = [...(sheet.rows.get(r)?.entries() ?? [])]
          .sort((a, b) => a[0] - b[0])
          .map(([, c]) => c.value)
          .filter((v) => !(typeof v === 'string' && /^(\*\*|栏次)?$/.test(v.trim())))
          .map((v) => (typeof v === 'number' ? v : Number(String(v).trim())));
        return nums.length > 1 && nums.every((v, i) => Number.isInteger(v) && v >= 1 && (i === 0 || v === nums[i - 1] + 1));
      };
      while (bodyTop <= bottom && isColumnNumbers(bodyTop)) bodyTop++;
      table.headerRows = [band[0], bodyTop - 1];
      let bodyBottom = bodyTop;
      for (let r = bodyTop; r <= bottom; r++) {
        const first = [...(sheet.rows.get(r)?.values() ?? [])].find((c) => c.value !== null && String(c.value).trim() !== '');
        if (first && typeof first.value === 'string' && /^(注|备注|说明)[:：\d]/.test(first.value.trim())) break;
        if (sheet.rows.get(r)) bodyBottom = r;
      }
      if (spec.blocks.every((b) => b.rows.kind === 'single')) {
        const amountCols = [...columns.values()];
        for (let r = bodyTop; r <= bodyBottom; r++) {
          if (amountCols.some((c) => getCell(sheet, r, c)?.value !== undefined && getCell(sheet, r, c)?.value !== null)) {
            table.rows = [{ key: 'single', row: r, label: '', code: null, kind: 'detail', block: 0 }];
            break;
          }
        }
        if (table.rows.length === 0) table.rows = [{ key: 'single', row: bodyTop, label: '', code: null, kind: 'detail', block: 0 }];
      } else if (spec.blocks.some((b) => b.rows.kind === 'list')) {
        const labelCol = columns.get(spec.blocks[0].columns.find((c) => c.role === 'label')?.key ?? '');
        const amountCols = [...columns.values()].filter((c) => c !== labelCol);
        let n = 0;
        for (let r = bodyTop; r <= bodyBottom; r++) {
          const label = labelCol ? textAt(sheet, r, labelCol) : '';
          if (!label && !amountCols.some((c) => getCell(sheet, r, c))) continue;
          table.rows.push({ key: n === 0 ? 'total' : `item${n}`, row: r, label, code: null, kind: n === 0 ? 'total' : 'detail', block: 0 });
          n++;
        }
      } else {
        const { rows, unmatched } = fixedRows(sheet, spec, columns, [bodyTop, bodyBottom], options.classes);
        table.rows = rows;
        const labelCols = spec.blocks.flatMap((b) => b.columns.filter((c) => c.role === 'label' || c.role === 'name')).flatMap((c) => (columns.has(c.key) ? [columns.get(c.key)!] : []));
        for (let r = bodyTop; r <= bodyBottom; r++) {
          for (const c of labelCols) if (LEFTOVER_LABEL.test(squash(textAt(sheet, r, c)))) table.leftovers.push(address(r, c));
        }
        table.unmatched = unmatched.filter((u) => {
          const r = parseAddress(u.cell).row;
          return [...columns.values()].some((c) => readAmount(sheet, r, c).cents);
        });
      }
      const lastCol = Math.max(...[...columns.values()], 1);
      table.range = `${address(band[0], 1)}:${address(bodyBottom, lastCol)}`;
      addNotes(sheet, table, bodyBottom + 1, Math.min(bottom, bodyBottom + 6));
      found.push(table);
    });
  }
  const sheets: Recognition['sheets'] = [];
  const withTables = new Set(found.map((t) => t.sheet));
  for (const sheet of book.sheets) {
    const { kind, unread } = classifySheet(sheet, withTables.has(sheet.name), sheet.name.includes('说明'));
    sheets.push({ sheet: sheet.name, kind });
    if (!bySheet.has(sheet.name) && unread) {
      unrecognised.push({ sheet: sheet.name, cell: null, message: `工作表「${sheet.name}」有金额和科目，但没有识别出是哪张公开表（没有找到表名），未核对`, severity: 'warning' });
    }
  }
  return { kind, year, department: departmentIn(book, found), tables: found, unrecognised, sheets };
}

function addNotes(grid: Grid, table: RecognizedTable, from: number, to: number): void {
  for (let r = from; r <= to; r++) {
    for (const [c, cell] of grid.rows.get(r) ?? []) {
      if (typeof cell.value === 'string' && cell.value.trim()) table.notes.push({ cell: address(r, c), text: cell.value.trim() });
    }
  }
}

/** A value of a recognised table by row key and column key. */
export function valueAt(grid: Grid, table: RecognizedTable, rowKey: string, colKey: string): Value | null {
  const row = table.rows.find((r) => r.key === rowKey);
  const col = table.columns.get(colKey);
  if (!row || col === undefined) return null;
  return { ...readAmount(grid, row.row, col), sheet: table.sheet, address: address(row.row, col) };
}

// Turns a table spec (+ department, year, options, and optionally amounts) into a SheetPlan:
// headers with merges, the body rows with input cells and live formulas, and print setup.
import { address, columnLetter, parseAddress, rangeAddress } from '../a1';
import { ordinalPrefix } from '../chinese';
import type { Cents } from '../money';
import { codeLevel, parentCode, type CatalogEntry } from '../codes';
import type { BlockSpec, ColumnSpec, FixedRowEntry, TableSpec } from '../spec/schema';
import { evaluateSheet } from './evaluate';
import type { Formula, PlanCell, SheetPlan, StyleName } from './types';
import { append } from '../arrays';

export interface CodeRowData {
  code: string;
  name?: string;
  values?: Record<string, Cents>;
}

/** Amounts for a table: code/list rows, fixed rows by key, or the single row by column key. */
export interface TableData {
  rows?: CodeRowData[];
  fixed?: Record<string, Record<string, Cents>>;
  single?: Record<string, Cents>;
}

export interface BuildInput {
  spec: TableSpec;
  department: string;
  year: number;
  /** The year's 功能分类 类 (3-digit codes with names), for tables that list every class. */
  classes: CatalogEntry[];
  options?: Record<string, boolean>;
  data?: TableData;
}

const DEFAULT_WIDTH: Record<ColumnSpec['role'], number> = {
  code: 11, codeClass: 5, codeSection: 5, codeItem: 5, name: 34, label: 34, lineNo: 5, amount: 15, text: 20,
};

const CODE_ROLES = new Set<ColumnSpec['role']>(['code', 'codeClass', 'codeSection', 'codeItem']);

/** One body row of one block, before it is placed on the sheet. */
interface RowItem {
  key: string | null;
  label: string;
  code?: string;
  align?: string;
  bold?: boolean;
  kind: 'detail' | 'parent' | 'total' | 'fixedSum' | 'blank' | 'single';
  /** For sums: the row keys (signed) it adds up. */
  terms?: { key: string; sign: 1 | -1 }[];
  values?: Record<string, Cents>;
}

function isActive(when: string | undefined, options: Record<string, boolean>): boolean {
  if (!when) return true;
  const negated = when.startsWith('!');
  const value = options[negated ? when.slice(1) : when] ?? false;
  return negated ? !value : value;
}

function fillText(text: string, year: number): string {
  return text.replace(/\{year\}/g, String(year)).replace(/\{prior\}/g, String(year - 1));
}

function signed(ref: string): { key: string; sign: 1 | -1 } {
  return ref.startsWith('-') ? { key: ref.slice(1), sign: -1 } : { key: ref, sign: 1 };
}

export function resolveOptions(spec: TableSpec, given: Record<string, boolean> = {}): Record<string, boolean> {
  const out: Record<string, boolean> = {};
  for (const o of spec.options) out[o.key] = given[o.key] ?? o.default;
  for (const k of Object.keys(given)) {
    if (!(k in out)) throw new Error(`表 ${spec.id} 没有选项 ${k}`);
  }
  return out;
}

function blockRows(block: BlockSpec, input: BuildInput, options: Record<string, boolean>): RowItem[] {
  const rows = block.rows;
  switch (rows.kind) {
    case 'single':
      return [{ key: 'single', label: '', kind: 'single', values: input.data?.single }];
    case 'fixed':
      return fixedRows(rows.rows, input, options);
    case 'codes':
    case 'list': {
      const total: RowItem = { key: 'total', label: rows.totalLabel, kind: 'total', bold: true };
      const data = input.data?.rows;
      if (!data || data.length === 0) {
        const blanks: RowItem[] = Array.from({ length: rows.blankRows }, () => ({ key: null, label: '', kind: 'detail' }));
        return [total, ...blanks];
      }
      if (rows.kind === 'list') {
        return [total, ...data.map((r, i): RowItem => ({ key: `item${i}`, label: r.name ?? r.code, kind: 'detail', values: r.values }))];
      }
      return [total, ...codeRows(data)];
    }
  }
}

/** Code rows in the given order; a row with children among them is a parent (a formula row). */
function codeRows(data: CodeRowData[]): RowItem[] {
  const codes = new Set(data.map((r) => r.code));
  const hasChild = new Set<string>();
  for (const r of data) {
    const p = parentCode(r.code, codes);
    if (p) hasChild.add(p);
  }
  return data.map((r) => ({
    key: r.code,
    code: r.code,
    label: r.name ?? '',
    kind: hasChild.has(r.code) ? 'parent' : 'detail',
    bold: codeLevel(r.code) === 1,
    values: r.values,
  }));
}

function fixedRows(entries: FixedRowEntry[], input: BuildInput, options: Record<string, boolean>): RowItem[] {
  const out: RowItem[] = [];
  const inserted: { key: string; sign: 1 | -1 }[] = [];
  const fixedCodes = new Set(entries.flatMap((e) => ('code' in e && e.code ? [e.code] : [])));
  for (const entry of entries) {
    if (!isActive(entry.when, options)) continue;
    if ('blank' in entry) {
      for (let i = 0; i < entry.blank; i++) out.push({ key: null, label: '', kind: 'blank', align: i === entry.blank - 1 ? entry.align : undefined });
    } else if ('insert' in entry) {
      const classes = input.classes.filter((c) => !entry.exclude.includes(c.code));
      classes.forEach((c, i) => {
        const key = `class.${c.code}`;
        inserted.push({ key, sign: 1 });
        out.push({ key, label: ordinalPrefix(entry.startAt + i, entry.numbering) + c.name, code: c.code, kind: 'detail', values: input.data?.fixed?.[key] });
      });
    } else {
      let terms: RowItem['terms'];
      if (entry.sum) terms = entry.sum.map(signed);
      else if (entry.sumOf === 'inserted') terms = inserted; // filled in as the block's classes are inserted
      else if (entry.code && entry.code.length === 3) {
        const children = [...fixedCodes].filter((c) => c.length === 5 && c.startsWith(entry.code!));
        if (children.length) terms = children.map((key) => ({ key, sign: 1 }));
      }
      out.push({
        key: entry.key,
        label: entry.label,
        code: entry.code,
        align: entry.align,
        bold: entry.bold ?? Boolean(terms),
        kind: terms ? 'fixedSum' : 'detail',
        terms,
        values: input.data?.fixed?.[entry.key],
      });
    }
  }
  return out;
}

/** Pads blocks so rows with the same align tag share a sheet row; returns equal-length lists. */
function alignBlocks(lists: RowItem[][]): (RowItem | null)[][] {
  const segments = lists.map((rows) => {
    const segs: RowItem[][] = [[]];
    for (const r of rows) {
      segs[segs.length - 1].push(r);
      if (r.align) segs.push([]);
    }
    return segs;
  });
  const tags = segments.map((segs) => segs.slice(0, -1).map((s) => s[s.length - 1].align).join('|'));
  if (new Set(tags).size > 1) throw new Error(`各栏块的对齐行不一致：${tags.join(' / ')}`);
  const count = segments[0].length;
  const out: (RowItem | null)[][] = lists.map(() => []);
  for (let s = 0; s < count; s++) {
    const height = Math.max(...segments.map((segs) => segs[s].length));
    segments.forEach((segs, b) => {
      const seg = segs[s];
      const aligned = s < count - 1;
      const pad = Array<null>(height - seg.length).fill(null);
      append(out[b], aligned ? [...seg.slice(0, -1), ...pad, seg[seg.length - 1]] : [...seg, ...pad]);
    });
  }
  return out;
}

interface PlacedColumn {
  spec: ColumnSpec;
  block: number;
  col: number;
}

export function buildSheet(input: BuildInput): SheetPlan {
  const { spec, year } = input;
  const options = resolveOptions(spec, input.options);
  const blocks = spec.blocks.filter((b) => isActive(b.when, options));
  const columns: PlacedColumn[] = [];
  blocks.forEach((b, bi) => {
    for (const c of b.columns) if (isActive(c.when, options)) columns.push({ spec: c, block: bi, col: columns.length + 1 });
  });
  const width = columns.length;
  const cells: PlanCell[] = [];
  const merges: string[] = [];
  const put = (row: number, col: number, value: string | number | null, style: StyleName, extra: Partial<PlanCell> = {}) =>
    cells.push({ address: address(row, col), value, style, ...extra });
  const mergeIfWide = (top: number, left: number, bottom: number, right: number) => {
    if (bottom > top || right > left) merges.push(rangeAddress(top, left, bottom, right));
  };

  // Rows 1–3: label, title, department and unit.
  put(1, 1, spec.label, 'label');
  mergeIfWide(1, 1, 1, width);
  put(2, 1, fillText(spec.title, year), 'title');
  mergeIfWide(2, 1, 2, width);
  const split = Math.max(1, Math.ceil(width / 2));
  put(3, 1, `${spec.kind === 'final' ? '部门' : '编制单位'}：${input.department}`, 'meta');
  mergeIfWide(3, 1, 3, Math.max(1, split));
  const unitCol = width > 1 ? split + 1 : 1;
  // a 决算 table's headers name no year (本年收入, 年初结转…): its line says which year it is
  const unitText = spec.kind === 'final' ? `${year}年度　　金额单位：${spec.unit}` : `单位：${spec.unit}`;
  if (width > 1) {
    put(3, unitCol, unitText, 'metaRight');
    mergeIfWide(3, unitCol, 3, width);
  }

  // Header rows with merges derived from the header paths.
  const headerTop = 4;
  const depth = Math.max(...columns.map((c) => c.spec.header.length));
  for (let level = 0; level < depth; level++) {
    let c = 0;
    while (c < width) {
      const path = columns[c].spec.header;
      if (level >= path.length) {
        c++;
        continue;
      }
      const isLeaf = level === path.length - 1;
      const nodeKey = (p: string[]) => p.slice(0, level + 1).join('\u0001');
      let end = c;
      if (!isLeaf) {
        while (end + 1 < width && columns[end + 1].spec.header.length > level + 1 && nodeKey(columns[end + 1].spec.header) === nodeKey(path)) end++;
      }
      const row = headerTop + level;
      put(row, c + 1, fillText(path[level], year), 'header');
      for (let k = c + 1; k <= end; k++) put(row, k + 1, null, 'header');
      const bottom = isLeaf ? headerTop + depth - 1 : row;
      for (let r = row + 1; r <= bottom; r++) for (let k = c; k <= end; k++) put(r, k + 1, null, 'header');
      mergeIfWide(row, c + 1, bottom, end + 1);
      c = end + 1;
    }
  }
  let nextRow = headerTop + depth;
  if (spec.columnNumbers) {
    let n = 0;
    const firstOfBlock = new Set(blocks.map((_, bi) => columns.find((c) => c.block === bi)?.col));
    for (const c of columns) {
      const text = c.spec.role === 'amount' ? ++n : firstOfBlock.has(c.col) ? '栏次' : null;
      put(nextRow, c.col, text, 'colno');
    }
    nextRow++;
  }
  const headerBottom = nextRow - 1;

  // Body.
  const lists = alignBlocks(blocks.map((b) => blockRows(b, input, options)));
  const bodyTop = nextRow;
  const height = lists[0].length;
  const rowOf = new Map<string, { row: number; block: number }>();
  lists.forEach((list, bi) => list.forEach((item, i) => item?.key && rowOf.set(item.key, { row: bodyTop + i, block: bi })));
  // rows of an option not chosen (支出用途 without byUse) leave their data unused
  const specRows = new Set(spec.blocks.flatMap((b) => (b.rows.kind === 'fixed' ? b.rows.rows.flatMap((e) => ('key' in e ? [e.key] : [])) : [])));
  for (const key of Object.keys(input.data?.fixed ?? {})) {
    if (!rowOf.has(key) && !specRows.has(key)) throw new Error(`表 ${spec.id} 没有行「${key}」，数据无处可放`);
  }
  const blockColumns = (bi: number) => columns.filter((c) => c.block === bi);
  const amountIndex = (bi: number, key: string) => blockColumns(bi).filter((c) => c.spec.role === 'amount').findIndex((c) => c.spec.key === key);
  const codesBlock = blocks.findIndex((b) => b.rows.kind === 'codes');
  let lineNo = 0;

  lists.forEach((list, bi) => {
    const bcols = blockColumns(bi);
    if (blocks[bi].lineNumbers === 'start') lineNo = 0;
    const codeCols = bcols.filter((c) => CODE_ROLES.has(c.spec.role));
    const firstRow = bodyTop;
    const lastRow = bodyTop + height - 1;
    const children = new Map<string, string[]>();
    if (blocks[bi].rows.kind === 'codes') {
      const codes = new Set(list.flatMap((r) => (r?.code ? [r.code] : [])));
      for (const code of codes) {
        const p = parentCode(code, codes) ?? 'total';
        children.set(p, [...(children.get(p) ?? []), code]);
      }
    } else if (blocks[bi].rows.kind === 'list') {
      children.set('total', list.flatMap((r) => (r?.key && r.kind === 'detail' ? [r.key] : [])));
    }

    list.forEach((item, i) => {
      const row = bodyTop + i;
      const bold = item?.bold || item?.kind === 'total';
      for (const c of bcols) {
        const role = c.spec.role;
        if (role === 'lineNo') {
          put(row, c.col, ++lineNo, 'lineNo');
        } else if (CODE_ROLES.has(role)) {
          put(row, c.col, item?.code ? codeCellText(item.code, role) : null, 'code');
        } else if (role === 'name' || role === 'label' || role === 'text') {
          const first = codeCols.length === 0 || c === bcols.find((x) => x.spec.role === 'name' || x.spec.role === 'label');
          put(row, c.col, first && item ? item.label || null : null, bold ? 'nameBold' : 'name');
        } else {
          const style: StyleName = bold ? 'amountBold' : 'amount';
          if (!item || item.kind === 'blank') {
            put(row, c.col, null, style);
            continue;
          }
          const formula = amountFormula(item, c, row);
          if (formula) put(row, c.col, null, style, { formula });
          else put(row, c.col, item.values?.[c.spec.key] !== undefined ? item.values[c.spec.key] / 100 : null, style, { input: true });
        }
      }
    });

    function amountFormula(item: RowItem, c: PlacedColumn, row: number): Formula | undefined {
      if (c.spec.sum) {
        return { op: 'sum', terms: c.spec.sum.map(signed).map((t) => ({ ref: address(row, colOf(t.key)), sign: t.sign })) };
      }
      const letter = columnLetter(c.col);
      if (item.kind === 'total' || item.kind === 'parent') {
        const kids = children.get(item.kind === 'total' ? 'total' : item.key!) ?? [];
        if (kids.length === 0 && item.kind === 'total' && blocks[bi].rows.kind === 'codes' && codeCols.length > 0) {
          const codeCol = codeCols[0].col;
          return {
            op: 'sumClassRows',
            codeRange: `${columnLetter(codeCol)}${firstRow + 1}:${columnLetter(codeCol)}${lastRow}`,
            valueRange: `${letter}${firstRow + 1}:${letter}${lastRow}`,
            layout: codeCols.length > 1 ? 'split' : 'single',
          };
        }
        if (kids.length === 0 && item.kind === 'total') {
          return { op: 'sum', terms: [{ ref: `${letter}${firstRow + 1}:${letter}${lastRow}`, sign: 1 }] };
        }
        return { op: 'sum', terms: kids.map((k) => ({ ref: `${letter}${rowOf.get(k)!.row}`, sign: 1 as const })) };
      }
      if (item.kind === 'fixedSum' && item.terms) {
        return {
          op: 'sum',
          terms: item.terms.map((t) => {
            const at = rowOf.get(t.key);
            if (!at) throw new Error(`表 ${spec.id}：行 ${item.key} 引用的行 ${t.key} 不在表中`);
            const col = at.block === bi ? c.col : blockColumns(at.block).filter((x) => x.spec.role === 'amount')[amountIndex(bi, c.spec.key)]?.col;
            if (!col) throw new Error(`表 ${spec.id}：行 ${t.key} 没有对应的金额栏`);
            return { ref: address(at.row, col), sign: t.sign };
          }),
        };
      }
      return undefined;
    }
  });

  function colOf(key: string): number {
    const found = columns.find((c) => c.spec.key === key);
    if (!found) throw new Error(`表 ${spec.id}：栏目 ${key} 未启用`);
    return found.col;
  }

  // Notes under the table; an empty table filled from data says why it is empty.
  let noteRow = bodyTop + height;
  const empty = input.data !== undefined && cells.every((c) => !c.input || !c.value);
  const notes = [...spec.notes, ...(empty && spec.emptyNote ? [spec.emptyNote] : [])];
  for (const note of notes) {
    put(noteRow, 1, fillText(note, year), 'note');
    mergeIfWide(noteRow, 1, noteRow, width);
    noteRow++;
  }

  const nameCol = columns.find((c) => c.block === 0 && (c.spec.role === 'name' || c.spec.role === 'label'));
  const plan: SheetPlan = {
    name: `${spec.sheetPrefix} ${fillText(spec.title, year)}`.slice(0, 31),
    tableId: spec.id,
    cells: sortCells(cells),
    merges,
    widths: columns.map((c) => c.spec.width ?? DEFAULT_WIDTH[c.spec.role]),
    rowHeights: { 2: 30 },
    freeze: { rows: headerBottom, columns: blocks.length === 1 && codesBlock === 0 && nameCol ? nameCol.col : 0 },
    print: { paper: 'A4', orientation: 'landscape', titleRows: `1:${headerBottom}`, fitToWidth: true },
    layout: { headerRows: [headerTop, headerBottom], bodyRows: [bodyTop, bodyTop + height - 1], unitCell: address(3, unitCol) },
  };
  evaluateSheet(plan);
  return plan;
}

function codeCellText(code: string, role: ColumnSpec['role']): string | null {
  const level = codeLevel(code);
  switch (role) {
    case 'code':
      return code;
    case 'codeClass':
      return level === 1 ? code.slice(0, 3) : null;
    case 'codeSection':
      return level === 2 ? code.slice(3, 5) : null;
    case 'codeItem':
      return level === 3 ? code.slice(5, 7) : null;
    default:
      return null;
  }
}

function sortCells(cells: PlanCell[]): PlanCell[] {
  const key = (a: string) => {
    const { row, col } = parseAddress(a);
    return row * 100000 + col;
  };
  return cells.sort((a, b) => key(a.address) - key(b.address));
}


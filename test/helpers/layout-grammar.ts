// A seeded generator of disclosure workbooks in layouts drawn from a grammar: the sample
// department's tables, each retitled from its own words (numbered, dated, reordered, decorated),
// with extra header rows, 栏次 rows, codes written with the names, totals moved to the bottom
// after blank rows, amounts restated in 元, note rows, amount columns reordered, two tables on
// one sheet, and sheets that are not tables (封面, 目录, 名词解释, 绩效目标表, 项目明细表).
// The titles are built here from this file's own word lists, never from the recognizer's data.
import { address, parseAddress } from '../../src/core/a1';
import { type Grid, type GridCell, setCell, squash, type WorkbookGrid } from '../../src/core/grid';
import type { RecognizedRow, RecognizedTable } from '../../src/core/recognize/tables';
import { cloneBook, insertRows, stack } from './layouts';

type Rand = () => number;
const pick = <T>(rand: Rand, list: readonly T[]): T => list[Math.floor(rand() * list.length)];
const chance = (rand: Rand, p: number) => rand() < p;
function shuffle<T>(rand: Rand, list: T[]): T[] {
  const out = [...list];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/** How each table is named in publications: word groups that must appear (one wording each),
 * in an order that may vary, and words some publications add. */
const WORDS: Record<string, { must: string[][]; may: string[][]; fixedOrder?: boolean }> = {
  '01': { must: [['收支', '收入支出']], may: [['总表', '总体情况表', '总表'], ['财务']] },
  '02': { must: [['收入']], may: [['总表', '总体情况表']] },
  '03': { must: [['支出']], may: [['总表', '总体情况表']] },
  '04': { must: [['财政拨款'], ['收支', '收入支出']], may: [['总表', '总体情况表']], fixedOrder: true },
  '05': { must: [['一般公共预算'], ['支出']], may: [['财政拨款', '当年拨款'], ['功能分类', '按功能分类']] },
  '06': { must: [['基本支出']], may: [['一般公共预算'], ['财政拨款'], ['经济分类', '部门预算经济分类'], ['明细表']] },
  '07': { must: [['“三公”经费', '三公经费', '"三公"经费']], may: [['一般公共预算'], ['财政拨款'], ['支出']] },
  '08': { must: [['政府性基金预算', '政府性基金']], may: [['财政拨款'], ['支出'], ['功能分类']] },
  '09': { must: [['国有资本经营预算', '国有资本经营']], may: [['财政拨款'], ['支出']] },
};
/** 决算 tables say 收入支出 where their budget counterparts say 支出 (公开07: 政府性基金 收入支出). */
const FINAL_WORDS: Record<string, { must: string[][]; may: string[][]; fixedOrder?: boolean }> = {
  ...WORDS,
  '02': { must: [['收入']], may: [['决算表']] },
  '03': { must: [['支出']], may: [] },
  '07': { must: [['政府性基金预算', '政府性基金']], may: [['财政拨款'], ['收入支出', '支出']] },
  '08': { must: [['国有资本经营预算', '国有资本经营']], may: [['财政拨款'], ['支出']] },
  '09': { must: [['“三公”经费', '三公经费']], may: [['财政拨款'], ['支出']] },
};

const CHINESE = ['一', '二', '三', '四', '五', '六', '七', '八', '九'];

export function makeTitle(rand: Rand, kind: 'budget' | 'final', number: string, year: number, department: string): string {
  const n = Number(number);
  const words = (kind === 'final' ? FINAL_WORDS : WORDS)[number];
  let parts = words.must.map((g) => pick(rand, g));
  for (const g of words.may) if (chance(rand, 0.4)) parts.push(pick(rand, g));
  // reorder, but keep 总表 / 明细 at the end where they belong
  const tail = parts.filter((p) => /总表|总体情况表|明细表|决算表/.test(p));
  parts = parts.filter((p) => !tail.includes(p));
  if (!words.fixedOrder) parts = shuffle(rand, parts);
  const kindWord = kind === 'budget' ? '预算' : '决算';
  const ending = tail.length ? '' : pick(rand, ['表', '情况表', '表', '明细表']);
  // a 决算 always says so; a budget mostly does
  const body = `${parts.join('')}${kind === 'final' || chance(rand, 0.75) ? kindWord : ''}${tail.join('')}${ending}`.replace(/表表$/, '表').replace(/决算决算表$/, '决算表');
  const numbering = pick(rand, ['', '', `表${CHINESE[n - 1]}、`, `部门公开表${n} `, `公开0${n}表 `, `附件${n}：`, `表${n} `, `${n}.`]);
  const dated = pick(rand, ['', `${year}年`, `${year}年度`, `${department}${year}年`, `${year}年部门`, `${year}年单位`]);
  const decoration = pick(rand, ['', '', '（万元）', '（按功能分类）'.repeat(number === '05' ? 1 : 0), ' ']);
  return `${numbering}${dated}${body}${decoration}`;
}

export interface LayoutOptions {
  kind: 'budget' | 'final';
  year: number;
  department: string;
}

/** The tables of the base workbook, by spec id, as recognised there. */
export type BaseTables = Map<string, RecognizedTable>;

function sheet(book: WorkbookGrid, name: string): Grid {
  return book.sheets.find((s) => s.name === name)!;
}

function amountCols(t: RecognizedTable): number[] {
  const keys = t.spec.blocks.flatMap((b) => b.columns.filter((c) => c.role === 'amount').map((c) => c.key));
  return [...new Set(keys.flatMap((k) => (t.columns.has(k) ? [t.columns.get(k)!] : [])))].sort((a, b) => a - b);
}

/** Where each table now stands, as the mutations move rows about. */
interface Placed {
  t: RecognizedTable;
  sheet: string;
  /** Rows inserted above or in the table since the base: the base row r now stands at r + shift(r). */
  shifts: { at: number; by: number }[];
  yuan: boolean;
}

const at = (p: Placed, baseRow: number) => baseRow + p.shifts.filter((s) => baseRow >= s.at).reduce((a, s) => a + s.by, 0);

function insert(book: WorkbookGrid, p: Placed, baseAt: number, rows: Map<number, GridCell>[]): void {
  insertRows(sheet(book, p.sheet), at(p, baseAt), rows);
  p.shifts.push({ at: baseAt, by: rows.length });
}

/** One generated layout of the base workbook. */
export function generateLayout(base: WorkbookGrid, tables: BaseTables, seed: number, rand: Rand, o: LayoutOptions): { book: WorkbookGrid; features: string[] } {
  const book = cloneBook(base);
  const features: string[] = [];
  const placed = [...tables.values()].map((t) => ({ t, sheet: t.sheet, shifts: [], yuan: false }) as Placed);
  for (const p of placed) {
    const t = p.t;
    const grid = sheet(book, p.sheet);
    const title = parseAddress(t.titleCell);
    const isCode = t.codeTable !== null;
    const amounts = amountCols(t);
    const [headTop, headBottom] = t.headerRows;
    const body = parseAddress(t.range.split(':')[1]).row;

    // the title, and the label above it
    const newTitle = makeTitle(rand, t.spec.kind, t.spec.number.slice(0, 2), o.year, o.department);
    grid.rows.get(title.row)!.get(title.col)!.value = newTitle;
    features.push(`title:${newTitle}`);
    const label = grid.rows.get(title.row - 1)?.get(1);
    if (label && chance(rand, 0.5)) label.value = pick(rand, ['', `附表${t.spec.number.slice(0, 2)}`, `表${Number(t.spec.number.slice(0, 2))}`]);

    // a line closing two side-by-side blocks printed once across both (江苏's 当年支出小计 over the
    // 功能分类 and 支出用途 blocks), its amount in the last block's column only
    if (acrossLines(t).length && chance(rand, 0.5)) {
      printAcross(grid, t);
      features.push('across');
    }

    // amounts restated in 元
    if ((t.unit ?? t.spec.unit) === '万元' && chance(rand, 0.25)) {
      p.yuan = true;
      features.push('yuan');
      for (const cells of grid.rows.values()) for (const cell of cells.values()) if (typeof cell.value === 'string') cell.value = cell.value.replace('单位：万元', pick(rand, ['单位：元', '单位:元', '金额单位：元']));
      for (let r = headBottom + 1; r <= body; r++) {
        for (const c of amounts) {
          const cell = grid.rows.get(r)?.get(c);
          if (cell && typeof cell.value === 'number') cell.value = Math.round(cell.value * 1000000) / 100;
        }
      }
    }

    // header words other publications use
    if (chance(rand, 0.4)) {
      features.push('synonyms');
      for (let r = headTop; r <= headBottom; r++) {
        for (const cell of grid.rows.get(r)?.values() ?? []) {
          if (typeof cell.value !== 'string') continue;
          cell.value = cell.value
            .replace(/^因公出国（境）费$/, pick(rand, ['因公出国(境)费用', '因公出国（境）费用', '因公出国（境）费']))
            .replace(/^公务用车购置费$/, pick(rand, ['购置费', '公务用车购置费']))
            .replace(/^公务用车运行费$/, pick(rand, ['运行费', '公务用车运行费']))
            .replace(/^小计$/, pick(rand, ['小计', '合计']))
            .replace(/^预算数$/, pick(rand, ['预算数', '金额', '预算金额']));
        }
      }
    }

    // amount columns reordered (two leaf columns under the same group): whole columns, but a
    // header merged across columns stays where it is
    if (isCode && amounts.length >= 3 && chance(rand, 0.3)) {
      const [a, b] = shuffle(rand, amounts.slice(1)).slice(0, 2);
      const wide = new Set<string>();
      for (const m of grid.merges) {
        const [x, y] = m.split(':').map(parseAddress);
        if (y && y.col > x.col) for (let r = x.row; r <= y.row; r++) for (let c = x.col; c <= y.col; c++) wide.add(`${r},${c}`);
      }
      for (let r = headTop; r <= grid.rowCount; r++) {
        const cells = grid.rows.get(r);
        if (!cells || wide.has(`${r},${a}`) || wide.has(`${r},${b}`)) continue;
        const ca = cells.get(a);
        const cb = cells.get(b);
        cells.delete(a);
        cells.delete(b);
        if (ca) cells.set(b, { ...ca, formula: undefined });
        if (cb) cells.set(a, { ...cb, formula: undefined });
      }
      features.push('swap');
    }

    // codes written inside the name cell
    if (isCode && t.codeTable!.layout === 'single' && chance(rand, 0.3)) {
      const sep = pick(rand, [' ', '　', '', '#', ' ']);
      const bracket = chance(rand, 0.3);
      const codeCol = t.codeTable!.codeCols[0];
      const nameCol = t.codeTable!.nameCol;
      for (let r = headBottom + 1; r <= body; r++) {
        const code = grid.rows.get(r)?.get(codeCol);
        const name = grid.rows.get(r)?.get(nameCol);
        if (!code || !name || !/^\d{3,7}$/.test(String(code.value))) continue;
        name.value = bracket ? `[${code.value}]${name.value}` : `${code.value}${sep}${name.value}`;
        code.value = null;
      }
      features.push('joined');
    }

    // the total row moved to the bottom, after blank rows (its old place left blank)
    if (isCode && t.codeTable!.totalRow && chance(rand, 0.35)) {
      const from = t.codeTable!.totalRow;
      const cells = grid.rows.get(from)!;
      const gap = Math.floor(rand() * 4);
      const copy = new Map([...cells].map(([c, cell]) => [c, { ...cell, formula: undefined }]));
      insert(book, p, body + 1, [...Array.from({ length: gap }, () => new Map<number, GridCell>()), copy]);
      grid.rows.delete(from);
      features.push(`total-bottom+${gap}`);
    }

    // a blank row inside a code table's body
    if (isCode && chance(rand, 0.3)) {
      insert(book, p, headBottom + 3, [new Map()]);
      features.push('blank-row');
    }

    // a note under the table
    if (chance(rand, 0.3)) {
      const end = Math.max(...[...grid.rows.keys()]) + 1;
      setCell(grid, end + 1, 1, { value: pick(rand, ['注：本表金额保留两位小数。', '注：本表反映部门本年度的收支情况。', '备注：数据来源于预算管理一体化系统。']) });
      features.push('note');
    }

    // a 栏次 row under the header
    if (chance(rand, 0.35) && !isColumnNumbered(grid, headBottom + 1)) {
      const withWord = chance(rand, 0.5);
      const row = new Map<number, GridCell>();
      if (withWord) row.set(1, { value: '栏次' });
      amounts.forEach((c, i) => row.set(c, { value: i + 1 }));
      insert(book, p, headBottom + 1, [row]);
      features.push(withWord ? 'lanci' : 'numbers');
    }

    // a group row above the header
    if (chance(rand, 0.25)) {
      const row = new Map<number, GridCell>();
      row.set(1, { value: '项目' });
      for (const c of amounts) row.set(c, { value: t.spec.kind === 'budget' ? '预算' : '决算' });
      insert(book, p, headTop, [row]);
      features.push('group-row');
    }
  }

  // two code tables on one sheet
  if (chance(rand, 0.3)) {
    const codes = placed.filter((p) => p.t.codeTable);
    const [a, b] = shuffle(rand, codes);
    if (a && b && a.sheet !== b.sheet) {
      stack(book, a.sheet, b.sheet);
      features.push('stacked');
    }
  }

  // sheets that are not disclosure tables
  const titles = placed.map((p) => String(sheet(book, p.sheet)?.rows.get(at(p, parseAddress(p.t.titleCell).row))?.get(1)?.value ?? ''));
  const extras: Grid[] = [];
  if (chance(rand, 0.5)) extras.push(textSheet('封面', [`${o.department}`, `${o.year}年部门${o.kind === 'budget' ? '预算' : '决算'}`, `${o.year + (o.kind === 'budget' ? 0 : 1)}年${o.kind === 'budget' ? 2 : 8}月`]));
  if (chance(rand, 0.5)) extras.push(textSheet('目录', ['目  录', '一、部门主要职能 ………………………… 1', ...titles.filter(Boolean).map((x, i) => `${i + 1}. ${squash(x)} …………………………… ${i + 3}`)]));
  if (chance(rand, 0.4)) extras.push(textSheet('名词解释', ['名词解释', '一、财政拨款收入：指本级财政当年拨付的资金。', '二、基本支出：指为保障机构正常运转、完成日常工作任务而发生的人员支出和公用支出。']));
  if (chance(rand, 0.4)) extras.push(tableSheet('部门整体支出绩效目标表', ['年度主要任务', '预算金额', '绩效指标值'], [['保障机构运转', 625.35, 100], ['开展专项工作', 178.6, 95]]));
  if (chance(rand, 0.3)) extras.push(tableSheet('项目支出明细表', ['项目名称', '金额', '备注'], [['信息化运维项目', 40, ''], ['专项调查', 25.5, '']]));
  for (const e of extras) book.sheets.splice(Math.floor(rand() * (book.sheets.length + 1)), 0, e);
  if (extras.length) features.push(`extra:${extras.map((e) => e.name).join(',')}`);
  features.unshift(`seed:${seed}`);
  return { book, features };
}

/** Sheet rows holding aligned rows of two neighbouring blocks of one header group that share a wording (本年支出合计
 * also called 当年支出小计): [earlier row, later row] pairs. */
function acrossLines(t: RecognizedTable): [RecognizedRow, RecognizedRow][] {
  const names = (key: string) => {
    const e = t.spec.blocks.flatMap((bl) => (bl.rows.kind === 'fixed' ? bl.rows.rows : [])).find((x) => 'key' in x && x.key === key);
    return e && 'key' in e ? [e.label, ...(e.aliases ?? [])].map((n) => squash(n)) : [];
  };
  const labelSpec = (b: number) => t.spec.blocks[b]?.columns.find((c) => c.role === 'label' || c.role === 'name');
  const labelCol = (b: number) => {
    const key = labelSpec(b)?.key;
    return key ? t.columns.get(key) : undefined;
  };
  // blocks under one header group (支出: 功能分类 | 支出用途), not 收入 | 支出
  const grouped = (a: number, b: number) => labelSpec(a)!.header.length > 1 && labelSpec(a)!.header[0] === labelSpec(b)!.header[0];
  const out: [RecognizedRow, RecognizedRow][] = [];
  for (const a of t.rows) {
    const b = t.rows.find((x) => x.row === a.row && x.block === a.block + 1);
    if (!b || labelCol(a.block) === undefined || labelCol(b.block) === undefined || !grouped(a.block, b.block)) continue;
    if (names(a.key).some((n) => names(b.key).includes(n))) out.push([a, b]);
  }
  return out;
}

/** Prints each line that closes two side-by-side blocks once: the later block's label written in
 * the earlier block's label column, the earlier block's amounts and the later block's label cleared. */
export function printAcross(grid: Grid, t: RecognizedTable): void {
  const colsOf = (b: number) => t.spec.blocks[b].columns.flatMap((c) => (t.columns.has(c.key) ? [{ role: c.role, col: t.columns.get(c.key)! }] : []));
  for (const [a, b] of acrossLines(t)) {
    const cells = grid.rows.get(a.row)!;
    const aLabel = colsOf(a.block).find((c) => c.role === 'label' || c.role === 'name')!.col;
    const bLabel = colsOf(b.block).find((c) => c.role === 'label' || c.role === 'name')!.col;
    cells.set(aLabel, { ...cells.get(aLabel), value: cells.get(bLabel)?.value ?? b.label });
    cells.delete(bLabel);
    for (const c of colsOf(a.block)) if (c.role === 'amount') cells.delete(c.col);
  }
}

function isColumnNumbered(grid: Grid, row: number): boolean {
  const values = [...(grid.rows.get(row)?.values() ?? [])].map((c) => c.value).filter((v) => v !== null && v !== '');
  return values.length > 1 && values.every((v) => v === '栏次' || v === '行次' || typeof v === 'number' || /^\d+$/.test(String(v)));
}

function textSheet(name: string, lines: string[]): Grid {
  const g: Grid = { name, rows: new Map(), rowCount: 0, columnCount: 0, merges: [] };
  lines.forEach((line, i) => setCell(g, i + 1, 1, { value: line }));
  return g;
}

function tableSheet(title: string, header: string[], rows: (string | number)[][]): Grid {
  const g: Grid = { name: title.slice(0, 8), rows: new Map(), rowCount: 0, columnCount: 0, merges: [`A1:${address(1, header.length)}`] };
  setCell(g, 1, 1, { value: title });
  header.forEach((h, c) => setCell(g, 3, c + 1, { value: h }));
  rows.forEach((r, i) => r.forEach((v, c) => setCell(g, i + 4, c + 1, { value: v })));
  return g;
}

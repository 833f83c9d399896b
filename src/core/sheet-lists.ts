// Lists that are not disclosure tables but that the narrative and the 绩效 checks read: a project
// list (项目名称 | 金额), and a 政府采购 table (货物 | 工程 | 服务 | 合计). Read by their header words,
// wherever they sit on the sheet; amounts in 万元 cents (a sheet marked 单位：元 converted).
import { address } from './a1';
import { type Grid, squash, textAt } from './grid';
import type { Cents } from './money';

export interface Located {
  value: Cents;
  sheet: string;
  cell: string;
}

export interface Project {
  name: string;
  nameCell: string;
  amount: Located | null;
}

export interface ProjectList {
  sheet: string;
  projects: Project[];
  /** The list's own 合计 row, when it has one. */
  total: Located | null;
}

/** 元 when the head of the sheet says 单位：元, else 万元. */
export function sheetUnit(sheet: Grid): '元' | '万元' {
  for (let r = 1; r <= Math.min(sheet.rowCount, 6); r++) {
    for (let c = 1; c <= sheet.columnCount; c++) {
      if (/单位[:：]?元$/.test(squash(textAt(sheet, r, c)))) return '元';
    }
  }
  return '万元';
}

/** A cell's amount in 万元 cents, or null if it is not a plain number. */
export function wanCents(value: unknown, unit: '元' | '万元'): Cents | null {
  if (value === null || value === undefined || value === '') return null;
  if (typeof value === 'string' && !/^\s*-?[\d,，]+(\.\d+)?\s*$/.test(value)) return null;
  const n = typeof value === 'number' ? value : Number(String(value).replace(/[,，\s]/g, ''));
  if (!Number.isFinite(n)) return null;
  return Math.round(unit === '元' ? n / 100 : n * 100) as Cents;
}

const TOTAL = /^(合计|总计|小计|本年合计)$/;
const AMOUNT_HEADER = /金额|预算数|预算资金|资金|合计|小计|决算数|支出数/;

/** The header row (within the first 12) with a cell that says 项目名称, and its amount column. */
function projectHeader(sheet: Grid): { row: number; name: number; amount: number } | null {
  for (let r = 1; r <= Math.min(sheet.rowCount, 12); r++) {
    for (let c = 1; c <= sheet.columnCount; c++) {
      if (!/^(项目名称|二级项目名称|项目)$/.test(squash(textAt(sheet, r, c)))) continue;
      for (const hr of [r, r + 1]) {
        for (let cc = c + 1; cc <= sheet.columnCount; cc++) {
          if (AMOUNT_HEADER.test(squash(textAt(sheet, hr, cc)))) return { row: hr, name: c, amount: cc };
        }
      }
    }
  }
  return null;
}

export function readProjectList(sheet: Grid): ProjectList | null {
  const head = projectHeader(sheet);
  if (!head) return null;
  const unit = sheetUnit(sheet);
  const projects: Project[] = [];
  let total: Located | null = null;
  for (let r = head.row + 1; r <= sheet.rowCount; r++) {
    const name = squash(textAt(sheet, r, head.name));
    if (!name || /^(栏次|\d+|[一二三四五六七八九十]+)$/.test(name) || /^(注|说明)[:：]/.test(name)) continue;
    const v = wanCents(sheet.rows.get(r)?.get(head.amount)?.value, unit);
    const amount = v === null ? null : { value: v, sheet: sheet.name, cell: address(r, head.amount) };
    if (TOTAL.test(name.replace(/[:：]/g, ''))) total = amount;
    else projects.push({ name, nameCell: address(r, head.name), amount });
  }
  return projects.length ? { sheet: sheet.name, projects, total } : null;
}

export interface Procurement {
  sheet: string;
  total: Located | null;
  goods: Located | null;
  works: Located | null;
  services: Located | null;
}

const PROCUREMENT_COLUMNS: [keyof Omit<Procurement, 'sheet'>, RegExp][] = [
  ['goods', /^(政府采购)?货物(类)?$/],
  ['works', /^(政府采购)?工程(类)?$/],
  ['services', /^(政府采购)?服务(类)?$/],
  ['total', /^(合计|总计|小计|政府采购(预算)?(总额|金额))$/],
];

/** A 政府采购 table: the 合计 row's figures under 货物, 工程, 服务 and 合计 (or the one row there is). */
export function readProcurement(sheet: Grid): Procurement | null {
  const head = Array.from({ length: Math.min(3, sheet.rowCount) }, (_, i) => Array.from({ length: sheet.columnCount }, (_, c) => textAt(sheet, i + 1, c + 1)).join('')).join('');
  if (!/政府采购/.test(squash(`${sheet.name}${head}`))) return null;
  const unit = sheetUnit(sheet);
  for (let r = 1; r <= Math.min(sheet.rowCount, 12); r++) {
    const cols = new Map<keyof Omit<Procurement, 'sheet'>, number>();
    for (let c = 1; c <= sheet.columnCount; c++) {
      const t = squash(textAt(sheet, r, c)).replace(/[（(](万元|元)[)）]/g, '');
      const hit = PROCUREMENT_COLUMNS.find(([k, re]) => re.test(t) && !cols.has(k));
      if (hit) cols.set(hit[0], c);
    }
    if (!cols.has('goods') || !cols.has('services')) continue;
    // the row of totals: labelled 合计 in a column left of the figures, or the only row with figures
    const first = Math.min(...cols.values());
    const bodies: number[] = [];
    let totalRow: number | null = null;
    for (let rr = r + 1; rr <= sheet.rowCount; rr++) {
      const label = Array.from({ length: first - 1 }, (_, c) => squash(textAt(sheet, rr, c + 1))).join('');
      const figures = [...cols.values()].some((c) => wanCents(sheet.rows.get(rr)?.get(c)?.value, unit) !== null);
      if (!figures) continue;
      if (/合计|总计/.test(label)) {
        totalRow = rr;
        break;
      }
      bodies.push(rr);
    }
    const row = totalRow ?? (bodies.length === 1 ? bodies[0] : null);
    if (row === null) return null;
    const at = (k: keyof Omit<Procurement, 'sheet'>): Located | null => {
      const c = cols.get(k);
      const v = c ? wanCents(sheet.rows.get(row)?.get(c)?.value, unit) : null;
      return v === null ? null : { value: v, sheet: sheet.name, cell: address(row, c!) };
    };
    return { sheet: sheet.name, total: at('total'), goods: at('goods'), works: at('works'), services: at('services') };
  }
  return null;
}

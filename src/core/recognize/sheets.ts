// What each sheet of a workbook is, so that only a sheet that looks like a disclosure table and
// could not be read is worth a warning: a cover, a 目录, text (职能, 名词解释, 说明), 绩效 tables,
// project lists and anything else are listed, never flagged.
import { type Grid, squash } from '../grid';
import { readTitle } from './concepts';

export type SheetKind = 'table' | 'contents' | 'cover' | 'narrative' | 'text' | 'performance' | 'projects' | 'other';

export const SHEET_KIND_NAMES: Record<SheetKind, string> = {
  table: '公开表',
  contents: '目录',
  cover: '封面',
  narrative: '情况说明',
  text: '文字',
  performance: '绩效表',
  projects: '项目表',
  other: '其他',
};

/** The first few written lines of a sheet, squashed. */
function headLines(grid: Grid, rows = 4): string[] {
  const out: string[] = [];
  for (const r of [...grid.rows.keys()].sort((a, b) => a - b)) {
    for (const cell of grid.rows.get(r)!.values()) if (typeof cell.value === 'string' && squash(cell.value)) out.push(squash(cell.value));
    if (out.length >= rows) break;
  }
  return out.slice(0, rows);
}

/** A sheet whose heading or name says it is a table of contents: its lines are not titles. */
export function isContents(grid: Grid): boolean {
  return /目录/.test(grid.name) || headLines(grid, 2).some((t) => t === '目录');
}

/** One pass over a sheet: its numbers, and the cells that look like subject codes or the
 * standard rows of a disclosure table. */
function scan(grid: Grid): { numbers: number; disclosure: boolean } {
  let numbers = 0;
  let codes = 0;
  let labels = 0;
  for (const cells of grid.rows.values()) {
    for (const cell of cells.values()) {
      const v = cell.value;
      if (typeof v === 'number') {
        numbers++;
        if (Number.isInteger(v) && /^[23]\d{2}(\d{2}){0,2}$/.test(String(v))) codes++;
      } else if (typeof v === 'string') {
        const t = squash(v);
        if (/^[23]\d{2}(\d{2}){0,2}$/.test(t) || /^[[［]?[23]\d{4,6}[\]］]?\D/.test(t)) codes++;
        if (/^(收入总计|支出总计|本年收入合计|本年支出合计|一般公共服务支出|工资福利支出|商品和服务支出)$/.test(t.replace(/^[一二三四五六七八九十]+、/, ''))) labels++;
      }
    }
  }
  return { numbers, disclosure: numbers >= 3 && (codes >= 3 || labels >= 2) };
}

/** What a sheet is; `unread` when it holds amounts and codes or standard row labels, yet no
 * table was read on it (the one kind of sheet worth a warning). */
export function classifySheet(grid: Grid, hasTable: boolean, isNarrative: boolean): { kind: SheetKind; unread: boolean } {
  const of = (kind: SheetKind, unread = false) => ({ kind, unread });
  if (hasTable) return of('table');
  if (isNarrative) return of('narrative');
  if (isContents(grid)) return of('contents');
  if (/封面|首页/.test(grid.name)) return of('cover');
  if (readTitle(`${grid.name}|${headLines(grid).join('|')}`).concepts.has('performance')) return of('performance');
  const { numbers, disclosure } = scan(grid);
  const heading = `${grid.name}|${headLines(grid, 1).join('')}`;
  if (/项目/.test(heading) && /表|清单|明细/.test(heading) && !disclosure) return of('projects');
  if (disclosure) return of('other', true);
  return of(numbers ? 'other' : 'text');
}

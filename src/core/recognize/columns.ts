// Columns by what their headers mean, at any depth: a sheet column's header path (top to
// bottom, merged cells repeated) is matched to a spec column by its last word, read through
// synonyms (合计/小计/总计, 预算数/金额/决算数, 因公出国（境）费/费用, 公务用车…运行维护费 …),
// then by the words above it (收入 or 支出 side, 基本支出 group, the fund, 预算数 or 决算数)
// and by the year it is for (本年 or 上年).
import { squash } from '../grid';
import type { ColumnSpec } from '../spec/schema';

/** Header text without spaces, quotes, brackets and the words that vary between layouts. */
function plain(text: string): string {
  return squash(text)
    .replace(/[“”"'‘’<>/]|<\/?b>/g, '')
    .replace(/[()（）[\]【】]/g, '')
    .replace(/\n/g, '');
}

const LEAF_SYNONYMS: [RegExp, string][] = [
  [/^(本年)?(收入|支出)?(合计|小计|总计)$/, '合计'],
  [/^(本年|年度)?(预算|决算)?(数|金额|数额)$|^金额$/, '金额'],
  [/^因公出国境?费用?$/, '因公出国境费'],
  [/^公务用车购置[及和与]?运行(维护)?费用?$/, '公务用车购置及运行费'],
  [/^(公务用车)?购置费$/, '公务用车购置费'],
  [/^(公务用车)?运行(维护)?费$/, '公务用车运行费'],
  [/^公务接待费用?$/, '公务接待费'],
  [/^(一般公共预算|政府性基金预算|国有资本经营预算)(财政)?(拨款)?(支出)?$/, '$1'],
  [/^机关运行经费(预算数|决算数|支出)?$/, '机关运行经费'],
  [/^(?!.*单位).{0,12}(编码|代码|编号)$/, '编码'],
  [/^.{0,12}名称$/, '名称'],
];

/** The meaning of a header's last word. */
export function leafMeaning(text: string): string {
  const t = plain(text).replace(/(19|20)\d{2}年度?/g, '');
  for (const [re, to] of LEAF_SYNONYMS) if (re.test(t)) return t.replace(re, to);
  return t;
}

/** Which year a header path is for: 上年 / the prior year's number, 本年 / the year's number. */
export function periodOf(path: string[], year: number | null): 'prior' | 'current' | null {
  const t = path.map(plain).join('|');
  if (/上年|\{prior\}/.test(t) || (year && t.includes(`${year - 1}年`))) return 'prior';
  if (/本年|当年|\{year\}/.test(t) || (year && t.includes(`${year}年`))) return 'current';
  return null;
}

/** The words above a spec column's last header, without years: what a sheet column's header
 * should say above its own last word. */
function groupsOf(header: string[]): string[] {
  return header
    .slice(0, -1)
    .map((h) => plain(h).replace(/\{year\}年|\{prior\}年|\{year\}|\{prior\}/g, '').replace(/^(本年|上年)/, ''))
    .filter((g) => g.length > 0);
}

/** A spec's label column (项目) is also a sheet's "…名称" column (项目名称, 功能科目名称). */
const LEAF_ALSO: Record<string, string[]> = { 项目: ['名称'] };

/** 2 when a spec column's last word means the sheet's, 1 when the sheet's stands in for it. */
export function leafFits(spec: string, sheet: string): 0 | 1 | 2 {
  if (spec === sheet) return 2;
  return LEAF_ALSO[spec]?.includes(sheet) ? 1 : 0;
}

export interface SheetColumn {
  col: number;
  /** Header texts from top to bottom. */
  path: string[];
}

export interface Candidate {
  key: string;
  spec: ColumnSpec;
}

/** How well a sheet column's upper headers agree with a spec column's: +1 for each group word
 * the sheet's headers contain, −1 for each they lack. */
function groupScore(path: string[], groups: string[]): number {
  const sheet = path.slice(0, -1).map(plain).join('|');
  return groups.reduce((n, g) => n + (sheet.includes(g) || (g.length > 2 && sheet.includes(g.replace(/(收入|支出)$/, ''))) ? 1 : -1), 0);
}

/** Spec column key → sheet column, each sheet column used once, left to right. When the years
 * in the headers leave columns unmatched that match but for the year (two groups both headed
 * "2024年预算数"), the years are not trusted and the groups are taken in the spec's order. */
export function matchColumns(sheet: SheetColumn[], candidates: Candidate[], year: number | null): Map<string, { col: number; path: string[] }> {
  const byPeriod = matchGreedy(sheet, candidates, year, true);
  const usedCols = new Set([...byPeriod.values()].map((m) => m.col));
  const leftLeaves = new Set(candidates.filter((c) => !byPeriod.has(c.key)).map((c) => leafMeaning(c.spec.header[c.spec.header.length - 1])));
  const conflict = sheet.some((s) => !usedCols.has(s.col) && leftLeaves.has(leafMeaning(s.path[s.path.length - 1])) && periodOf(s.path, year) !== null);
  return conflict ? matchGreedy(sheet, candidates, year, false) : byPeriod;
}

function matchGreedy(sheet: SheetColumn[], candidates: Candidate[], year: number | null, usePeriods: boolean): Map<string, { col: number; path: string[] }> {
  const out = new Map<string, { col: number; path: string[] }>();
  const prepared = candidates.map((c, order) => ({
    ...c,
    order,
    leaf: leafMeaning(c.spec.header[c.spec.header.length - 1]),
    groups: groupsOf(c.spec.header),
    period: periodOf(c.spec.header, null),
  }));
  const allLeaves = new Set(prepared.map((c) => c.leaf));
  // every fitting pair, the best first (then left to right, then in the spec's order): a column
  // lacking a spec column's group words leaves it to a later column that has them
  const pairs: { s: SheetColumn; c: (typeof prepared)[number]; score: number; i: number }[] = [];
  sheet.forEach((s, i) => {
    const leaf = leafMeaning(s.path[s.path.length - 1]);
    const period = periodOf(s.path, year);
    for (const c of prepared) {
      const fit = leafFits(c.leaf, leaf);
      if (!fit) continue;
      if (usePeriods && (period === null ? c.period === 'prior' : c.period !== null && c.period !== period)) continue;
      pairs.push({ s, c, score: groupScore(s.path, c.groups) + (fit === 2 ? 0.5 : 0), i });
    }
  });
  pairs.sort((a, b) => b.score - a.score || a.i - b.i || a.c.order - b.c.order);
  const usedCols = new Set<number>();
  for (const { s, c } of pairs) {
    if (out.has(c.key) || usedCols.has(s.col)) continue;
    out.set(c.key, { col: s.col, path: s.path });
    usedCols.add(s.col);
  }
  const unmatched = sheet.filter((s) => !usedCols.has(s.col) && !allLeaves.has(leafMeaning(s.path[s.path.length - 1])));
  // headers printed in another order (合计 over 预算数 | 决算数): a sheet column whose last word
  // names no spec column fits a spec column whose last word stands higher in its path and whose
  // every group word is in the path too
  for (const s of unmatched) {
    const upper = new Set(s.path.slice(0, -1).map(leafMeaning));
    const words = s.path.map(plain).join('|');
    const fits = prepared.filter((c) => !out.has(c.key) && upper.has(c.leaf) && c.groups.length > 0 && c.groups.every((g) => words.includes(g)));
    // the most specific: the most group words, then the fewest words of the path left unexplained
    const best = fits.sort((a, b) => b.groups.length - a.groups.length)[0];
    if (best) out.set(best.key, { col: s.col, path: s.path });
  }
  return out;
}

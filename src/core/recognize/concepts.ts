// What a table title is about, as a set of concepts: 收支 / 收入 / 支出 / 总表, the fund
// (财政拨款, 一般公共预算, 政府性基金, 国有资本经营), 基本支出, 功能分类, 三公 … Titles are
// read for their words, not matched against a list of names: numbering (表一、公开01表、附件1),
// the year, the department, the unit and decoration carry no concept and are ignored. Each
// table spec declares the concepts its title must and may name (spec.signature).
import { squash } from '../grid';
import type { TableSpec } from '../spec/schema';

export const concepts = [
  'incomeExpense', 'income', 'expense', 'summary', 'fiscal', 'gpb', 'fund', 'soe', 'basic', 'basicParts', 'project',
  'function', 'economic', 'sangong', 'opex', 'meetingTraining',
  // words that make a title some other table (绩效目标表, 政府采购情况表, 项目支出表 …)
  'performance', 'procurement', 'assets', 'carryover', 'explanation', 'review',
] as const;
export type Concept = (typeof concepts)[number];

/** Each concept as a report names it. */
export const CONCEPT_NAMES: Record<Concept, string> = {
  incomeExpense: '收支', income: '收入', expense: '支出', summary: '总表', fiscal: '财政拨款', gpb: '一般公共预算', fund: '政府性基金',
  soe: '国有资本经营', basic: '基本支出', basicParts: '人员经费/公用经费', project: '项目', function: '功能分类', economic: '经济分类',
  sangong: '“三公”经费', opex: '机关运行经费', meetingTraining: '会议费/培训费', performance: '绩效', procurement: '政府采购',
  assets: '资产', carryover: '结转结余', explanation: '说明', review: '检查/目录',
};

/** Surface words of each concept. Matched longest first, so 基本支出 is not also 支出 and
 * 部门预算经济分类 is not also 预算. */
const LEXICON: [string, Concept | 'budget' | 'final' | null][] = [
  ['收入支出', 'incomeExpense'], ['收入与支出', 'incomeExpense'], ['收入和支出', 'incomeExpense'], ['收支', 'incomeExpense'],
  ['收入', 'income'], ['支出', 'expense'],
  ['总体情况', 'summary'], ['总体', 'summary'], ['总表', 'summary'], ['汇总', 'summary'],
  ['财政拨款', 'fiscal'], ['财政补助', 'fiscal'], ['当年拨款', 'fiscal'], ['拨款', 'fiscal'],
  ['一般公共预算', 'gpb'], ['一般公共', 'gpb'], ['公共财政预算', 'gpb'],
  ['政府性基金预算', 'fund'], ['政府性基金', 'fund'], ['国有资本经营预算', 'soe'], ['国有资本经营', 'soe'], ['国有资本', 'soe'],
  ['基本支出', 'basic'], ['人员经费', 'basicParts'], ['公用经费', 'basicParts'], ['项目支出', 'project'], ['项目', 'project'],
  ['功能分类', 'function'], ['功能科目', 'function'],
  ['部门预算经济分类', 'economic'], ['政府预算经济分类', 'economic'], ['经济分类', 'economic'], ['经济科目', 'economic'],
  ['三公', 'sangong'], ['机关运行', 'opex'], ['会议费', 'meetingTraining'], ['培训费', 'meetingTraining'],
  ['绩效', 'performance'], ['采购', 'procurement'], ['资产', 'assets'], ['结转', 'carryover'], ['结余', 'carryover'],
  ['说明', 'explanation'], ['检查', 'review'], ['审核', 'review'], ['目录', 'review'],
  ['预算', 'budget'], ['决算', 'final'],
].sort((a, b) => b[0].length - a[0].length) as [string, Concept | 'budget' | 'final' | null][];

export interface TitleReading {
  concepts: Set<Concept>;
  /** 预算 or 决算 named in the title, if either. */
  kind: 'budget' | 'final' | null;
}

/** The part of a title that names the table: after the year (the department stands before
 * it), without parenthesised units or notes and without markup. */
export function titleCore(text: string): string {
  let t = squash(text).replace(/<\/?b>/g, '').replace(/[“”"'‘’]/g, '');
  const years = [...t.matchAll(/(19|20)\d{2}年度?/g)];
  const last = years[years.length - 1];
  if (last && t.length - (last.index! + last[0].length) >= 3) t = t.slice(last.index! + last[0].length);
  return t.replace(/[（(][^）)]*[）)]/g, '');
}

export function readTitle(text: string): TitleReading {
  let rest = titleCore(text);
  const found = new Set<Concept>();
  let kind: TitleReading['kind'] = null;
  for (const [word, concept] of LEXICON) {
    if (!rest.includes(word)) continue;
    rest = rest.split(word).join('|');
    if (concept === 'budget' || concept === 'final') kind = kind === 'final' ? 'final' : concept;
    else if (concept) found.add(concept);
  }
  return { concepts: found, kind };
}

/** How well a title fits a spec: the number of its required concepts (more is more specific),
 * or 0 when a required concept is missing or the title names one the spec does not allow. */
export function signatureScore(reading: TitleReading, spec: TableSpec): number {
  const { requires, allows } = spec.signature;
  if (!requires.every((c) => reading.concepts.has(c))) return 0;
  for (const c of reading.concepts) if (!requires.includes(c) && !allows.includes(c)) return 0;
  if (reading.kind && reading.kind !== spec.kind) return 0;
  return requires.length;
}

/** Whether a cell's text can be a table's title at all: a short line that names a table
 * (…表), not a sentence, a note, a table of contents line or a reference to an annex. */
export function looksLikeTitle(text: string): boolean {
  const t = squash(text);
  if (!t.includes('表') || t.length < 3 || t.length > 70) return false;
  if (/^(注|备注|说明|填报说明)[:：\d]/.test(t)) return false;
  if (/[…]{2,}|\.{4,}|·{4,}/.test(t)) return false; // a 目录 line with dot leaders
  if (/见附件|详见|附表\d|本表/.test(t)) return false;
  return !/[，。；,;]/.test(t.replace(/[（(][^）)]*[）)]/g, ''));
}

/** The specs a title may name, best first; empty when it names none. */
export function specsForTitle(text: string, specs: TableSpec[]): { spec: TableSpec; score: number }[] {
  if (!looksLikeTitle(text)) return [];
  const reading = readTitle(text);
  return specs
    .map((spec) => ({ spec, score: signatureScore(reading, spec) }))
    .filter((x) => x.score > 0)
    .sort((a, b) => b.score - a.score);
}

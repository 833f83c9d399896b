// Inputs of the narrative besides the tables: the 补充信息 sheet, and the reasons the prior
// year's narrative gave, item by item.
import { address } from '../a1';
import { type Grid, squash, textAt } from '../grid';
import type { Facts } from './facts';
import { SUPPLEMENT_KEYS } from './facts';
import { linkFigure, type LinkContext } from './link';
import { readProcurement } from '../sheet-lists';

/** "名称 | 数值" rows of a sheet named 补充信息 (amounts in 万元, counts as numbers). */
export function readSupplement(sheets: Grid[]): { values: Map<string, number>; problems: string[] } {
  const values = new Map<string, number>();
  const problems: string[] = [];
  const sheet = sheets.find((s) => squash(s.name).includes('补充信息'));
  if (!sheet) return { values, problems };
  for (let r = 1; r <= sheet.rowCount; r++) {
    const key = squash(textAt(sheet, r, 1)).replace(/[（(]万元[)）]|[（(]个[)）]|[（(]辆[)）]/g, '');
    if (!key) continue;
    const metric = Object.entries(SUPPLEMENT_KEYS).find(([k]) => key === squash(k))?.[1];
    if (!metric) continue;
    const raw = sheet.rows.get(r)?.get(2)?.value;
    const n = typeof raw === 'number' ? raw : Number(String(raw ?? '').replace(/[,，\s]/g, ''));
    if (raw === null || raw === undefined || raw === '' || Number.isNaN(n)) problems.push(`补充信息!B${r}：「${textAt(sheet, r, 1)}」的数值「${raw ?? ''}」不是数字`);
    else values.set(metric, n);
  }
  return { values, problems };
}

/** A sheet of text to check sentence by sentence: a 说明, or a 绩效自评 report (not its table). */
export function isNarrativeSheet(sheet: Grid): boolean {
  const name = squash(sheet.name);
  return name.includes('说明') || (/绩效自评|自评报告|绩效报告/.test(name) && !/表/.test(name));
}

/** Paragraphs of a sheet whose name contains 说明 (or a 绩效自评 report), one per row (column A, or the first text cell). */
export function narrativeParagraphs(sheets: Grid[]): { sheet: string; cell: string; text: string }[] {
  const out: { sheet: string; cell: string; text: string }[] = [];
  for (const sheet of sheets.filter(isNarrativeSheet)) {
    for (let r = 1; r <= sheet.rowCount; r++) {
      const cells = sheet.rows.get(r);
      if (!cells) continue;
      const first = [...cells].sort((a, b) => a[0] - b[0]).find(([, c]) => typeof c.value === 'string' && c.value.trim());
      if (first) out.push({ sheet: sheet.name, cell: address(r, first[0]), text: String(first[1].value).trim() });
    }
  }
  return out;
}

const PROCUREMENT_KEYS = ['total', 'goods', 'works', 'services'] as const;

/** 政府采购 figures of a 政府采购 table, where the 补充信息 sheet gives none (in 万元, by supplement key). */
export function procurementValues(sheets: Grid[], values: Map<string, number>): void {
  for (const sheet of sheets) {
    const table = readProcurement(sheet);
    if (!table) continue;
    for (const k of PROCUREMENT_KEYS) {
      const v = table[k];
      if (v && !values.has(`procurement.${k}`)) values.set(`procurement.${k}`, v.value / 100);
    }
    if (!values.has('procurement.total') && table.goods && table.works && table.services) values.set('procurement.total', (table.goods.value + table.works.value + table.services.value) / 100);
    return;
  }
}

/** What a 决算 or budget sentence says before its figure, to name its subject: "…行政运行（项）：年初预算为" → "…行政运行（项）". */
const SUBJECT_TAIL = /(?:(?:年初|全年)?预算(?:数)?|决算(?:数)?|支出决算)为?$|(?:增加|减少|增长|下降|大于|小于)(?:(?:年初)?预算数)?的?$|[：:，,、\s]+$/;

function subjectOf(segment: string): string {
  // the figure that changed (the last before 比上年…), else the first figure
  const change = /(?:比|较|与)(?:上年|\d{4}年)/.exec(segment);
  const amounts = [...segment.matchAll(/-?\d[\d.,，]*\s*万元/g)];
  const amount = (change ? amounts.filter((a) => a.index! < change.index).pop() : undefined) ?? amounts[0];
  let s = amount ? segment.slice(0, amount.index) : segment;
  for (let prev = ''; prev !== s; ) {
    prev = s;
    s = s.replace(SUBJECT_TAIL, '');
  }
  return s;
}

/**
 * The reasons last year's text gave, by metric: each "主要原因是R" belongs to the figure its clause
 * (up to the previous 。 or ；) names — a 项, a 类, 基本支出, 项目支出, the “三公”经费 or one of its
 * parts, 机关运行经费 … as the checker ties figures (by the lexicon, a 项 by its 款 and 类).
 */
export function priorReasons(paragraphs: { text: string }[], facts: Facts, link?: Omit<LinkContext, 'facts'>): Map<string, string> {
  const reasons = new Map<string, string>();
  const ctx: LinkContext = { lexicon: link?.lexicon ?? null, kind: link?.kind ?? null, year: null, facts };
  const generic: [string, RegExp][] = [
    ['income.total', /收支总预算|收入、支出决算总计/],
    ['fiscal.total', /财政拨款收支总预算|财政拨款收入、支出决算总计/],
    ['gpb.total', /一般公共预算当年拨款\d|一般公共预算当年拨款[^，。]*万元|一般公共预算财政拨款支出\d/],
    ['sangong.total', /“三公”经费/],
  ];
  for (const p of paragraphs) {
    for (const m of p.text.matchAll(/主要原因[是为：:]\s*([^。；;]+)/g)) {
      if (/请填写|XX|xx|……/.test(m[1])) continue;
      // what follows the reason in the same sentence (，主要包括：…) is not part of it
      const reason = m[1].replace(/[，,](主要包括|其中|主要用于)[\s\S]*$/, '').trim();
      const start = Math.max(p.text.lastIndexOf('。', m.index!), p.text.lastIndexOf('；', m.index!), p.text.lastIndexOf(';', m.index!)) + 1;
      const segment = p.text.slice(start, m.index).replace(/^\s*(其中[：:]?)?\s*(\d+[.、．]\s*)?/, '');
      const metric = linkFigure(subjectOf(segment), ctx)?.metric;
      if (metric && facts.has(metric)) {
        if (!reasons.has(metric)) reasons.set(metric, reason);
        continue;
      }
      // a sentence the lexicon does not know: the item it names, or its gist
      const item = [...facts.values()].find((f) => /^gpb\.item\./.test(f.metric) && f.label && segment.includes(`${f.label}（项）`));
      if (item) {
        if (!reasons.has(item.metric)) reasons.set(item.metric, reason);
        continue;
      }
      for (const [metric, re] of generic) if (re.test(segment) && !reasons.has(metric)) reasons.set(metric, reason);
    }
  }
  return reasons;
}

// Checks a narrative written by hand against the tables and against itself: every amount it
// quotes, every change and percentage (over the prior year, not the current — the classic
// mistake), direction words, 新增 and 持平, shares and their % sign, totals against the parts
// listed beside them, 完成年初预算, template residue, stray years and the signature date.
import type { Finding } from '../check/finding';
import { type Cents, tryParseAmount } from '../money';
import type { Facts, FactValue } from './facts';
import type { Lexicon } from './lexicon';
import { linkFigure, type LinkContext } from './link';
import { wan } from './wording';
import { amountError, finding, type Paragraph } from './findings';
import { checkCompletion } from './completion';
import { append } from '../arrays';

export type { Paragraph } from './findings';

export interface NarrativeCheckInput {
  paragraphs: Paragraph[];
  kind: 'budget' | 'final' | null;
  year: number | null;
  facts: Facts;
  prior?: Facts;
  /** 决算: the year's budget figures, for 完成年初预算. */
  budget?: Facts;
  /** The metric lexicon for the document's kind; without it only 项/类 named by name or code are tied to figures. */
  lexicon?: Lexicon | null;
}

const AMOUNT = /(-?\d[\d,，]*(?:\.\d+)?)\s*万元/g;

/** The total a share of a figure is naturally taken of. */
const NATURAL_TOTAL: [RegExp, string][] = [
  [/^gpb\.class\./, 'gpb.total'],
  [/^income\./, 'income.total'],
  [/^expense\.(basic|project)/, 'expense.total'],
  [/^basic\.(personnel|public)/, 'basic.total'],
];

const num = (t: string) => tryParseAmount(t.replace(/，/g, ','));

/** Bounds of a ÷ b × 100 when a and b are each rounded to 0.01 (±0.005). */
function percentBounds(a: number, b: number): [number, number] {
  const lo = (Math.max(0, Math.abs(a) - 0.5) / (Math.abs(b) + 0.5)) * 100;
  const hi = ((Math.abs(a) + 0.5) / Math.max(0.5, Math.abs(b) - 0.5)) * 100;
  return [lo, hi];
}

function percentPasses(stated: number, a: number, b: number, decimals: number): boolean {
  const [lo, hi] = percentBounds(a, b);
  const half = 0.5 * 10 ** -decimals;
  return stated >= lo - half - 1e-9 && stated <= hi + half + 1e-9;
}

function pct(a: number, b: number): string {
  return ((a / b) * 100).toFixed(2);
}

const PLACEHOLDER = /(xx|XX|ｘｘ|××|某某|…{2,}|待补充|＿{2,}|_{3,}|【[^】]*】|增加[（(]减少[)）]|减少[（(]增加[)）]|[（(]持平[)）]|增长[（(]下降[)）])/;

export function checkNarrative(input: NarrativeCheckInput): Finding[] {
  const out: Finding[] = [];
  const { facts, year } = input;
  const hasItems = [...facts.values()].some((f) => /^gpb\.item\.\d+$/.test(f.metric));
  const ctx: LinkContext = { lexicon: input.lexicon ?? null, facts, kind: input.kind, year };
  const identify = (before: string): FactValue | undefined => linkFigure(before, ctx)?.fact;
  const seenAmounts = new Map<string, { amount: Cents; p: Paragraph; wrong: boolean }>();

  for (const p of input.paragraphs) {
    const text = p.text.replace(/\s+(?=[\d.])|(?<=[\d.])\s+/g, '');
    const residue = PLACEHOLDER.exec(text);
    if (residue) out.push(finding(p, 'narrative.placeholder', 'warning', `留有模板内容「${residue[1]}」`, null, residue[1]));
    if (/主要原因(是|为)?[：:]?\s*([。；;]|$)/.test(text)) out.push(finding(p, 'narrative.reason', 'warning', '“主要原因是”后面没有写原因'));

    // years: a budget speaks of Y and Y−1; a 决算 of Y (and is published in Y+1)
    if (year) {
      const allowed = new Set(input.kind === 'final' ? [year, year - 1, year + 1] : [year, year - 1]);
      for (const m of text.matchAll(/(20\d\d)\s*年(?!\d)/g)) {
        const y = Number(m[1]);
        if (!allowed.has(y) && !/20\d\d年\d{1,2}月/.test(text.slice(m.index!, m.index! + 10))) {
          out.push(finding(p, 'narrative.year', 'warning', `提到 ${y} 年，而这是 ${year} 年的${input.kind === 'final' ? '决算' : '预算'}`, year, y));
          break;
        }
      }
      const date = /(20\d\d)\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*$/.exec(text);
      if (date) {
        const y = Number(date[1]);
        const ok = input.kind === 'final' ? y === year + 1 : y === year || (y === year - 1 && Number(date[2]) >= 11);
        if (!ok) out.push(finding(p, 'narrative.date', 'warning', `落款日期 ${date[0]} 与 ${year} 年${input.kind === 'final' ? '决算（应在次年公开）' : '预算'}不符`, null, date[0]));
      }
    }

    // sentences, then the amounts in each
    for (const sentence of text.split(/(?<=。)/)) {
      const amounts = [...sentence.matchAll(AMOUNT)].map((m) => ({ value: num(m[1]), index: m.index!, raw: m[0], end: m.index! + m[0].length }));
      // changes: 比上年增加D万元，增长P%
      for (const m of sentence.matchAll(/(?:(?:比|较)(?:上年度?|\d{4}年度?)(?:决算数|预算数|决算|预算)?|与(?:上年度?|\d{4}年度?)(?:决算数|预算数|决算|预算)?相比[，,]?\s*(?:[^，,。；]{0,12}?各)?)\s*(?<word>增加|减少|增长|下降)\s*(?<d>-?[\d.,]+)\s*万元(?:[，,]\s*(?<pw>增长|下降|增加|减少)\s*(?<p>-?[\d.]+)\s*(?<sign>%|％)?)?/g)) {
        const g = m.groups!;
        let current: { value: Cents | null; index: number } | undefined = [...amounts].reverse().find((a) => a.end <= m.index!);
        if (!current) {
          // "机关运行经费支出6.87万元，……。机关运行经费较上年减少0.55万元": the figure was given earlier
          const subject = sentence.slice(0, m.index).replace(/^[\s，,。；]+/, '').replace(/(支出|决算数|预算数)$/, '').trim();
          const earlier = subject.length >= 2 ? new RegExp(`${subject.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}[^。；]{0,12}?(-?[\\d.,]+)\\s*万元`).exec(text.slice(0, text.indexOf(sentence))) : null;
          if (earlier) current = { value: num(earlier[1]), index: -1 };
        }
        const d = num(g.d);
        if (!current || current.value === null || d === null) continue;
        const word = g.word;
        const pctWord = g.pw;
        const stated = g.p !== undefined ? Number(g.p) : null;
        const up = word === '增加' || word === '增长';
        if (pctWord && up !== (pctWord === '增加' || pctWord === '增长')) {
          out.push(finding(p, 'narrative.direction', 'warning', `“${word}”与“${pctWord}”方向相反`, null, `${word}…${pctWord}`));
        }
        const prior = up ? current.value - d : current.value + d;
        if (d === 0 && (stated === 0 || stated === null)) {
          out.push(finding(p, 'narrative.zero-change', 'warning', `写了“${word}0.00万元${stated === 0 ? `，${pctWord}0.00%` : ''}”，没有变化应写“与上年持平”`));
          continue;
        }
        if (prior === 0 && stated !== null && up) {
          out.push(finding(p, 'narrative.new-item', 'warning', `上年为0（${wan(current.value)} − ${wan(d)} = 0），不应写“${pctWord}${g.p}%”，应写“新增”`, '新增', `${g.p}%`));
          continue;
        }
        const priorFact = current.index >= 0 ? identify(sentence.slice(0, current.index)) : undefined;
        const priorKnown = priorFact ? input.prior?.get(priorFact.metric) : undefined;
        if (priorKnown) {
          const realD = current.value - priorKnown.value;
          if (Math.abs(realD) !== d || (realD > 0) !== up) {
            out.push(finding(p, 'narrative.change', 'error', `写的是比上年${word}${wan(d)}万元，按上年数 ${wan(priorKnown.value)} 万元应为${realD >= 0 ? '增加' : '减少'}${wan(Math.abs(realD) as Cents)}万元`, Math.abs(realD) / 100, d / 100));
          }
        }
        if (stated !== null) {
          if (!g.sign) out.push(finding(p, 'narrative.percent-sign', 'error', `百分比“${g.p}”没有写 %`));
          const decimals = (g.p.split('.')[1] ?? '').length;
          if (prior > 0 && !percentPasses(stated, d, prior, decimals)) {
            const wrongBase = percentPasses(stated, d, current.value, decimals);
            out.push(
              finding(
                p,
                'narrative.percent',
                'error',
                `${pctWord}${g.p}% 不对：${wan(d)} ÷ 上年 ${wan(prior as Cents)} = ${pct(d, prior)}%${wrongBase ? `；写的 ${g.p}% 是用本年数 ${wan(current.value)} 作分母算的（${wan(d)} ÷ ${wan(current.value)}），应以上年数为分母` : ''}`,
                Number(pct(d, prior)),
                stated,
              ),
            );
          }
        }
      }

      // shares: 占Y% of the total the sentence leads with ("…X万元，其中：A万元，占a%"), or else of
      // the figure's natural total (a 类 of the 一般公共预算当年拨款, an income source of 收入总计…)
      const qizhong = sentence.search(/其中/);
      const lead = qizhong > 0 ? [...amounts].reverse().find((a) => a.end <= qizhong) : undefined;
      const parts: { value: Cents; share: number | null }[] = [];
      for (const m of sentence.matchAll(/占(?:比)?(?:为)?\s*(-?[\d.]+|零)\s*(%|％)?/g)) {
        const amount = [...amounts].reverse().find((a) => a.end <= m.index!);
        if (!amount || amount.value === null) continue;
        const share = m[1] === '零' ? 0 : Number(m[1]);
        // 占比为0 needs no %
        if (!m[2] && share !== 0) out.push(finding(p, 'narrative.share-sign', 'error', `“${m[0]}”没有写 %`, null, m[0]));
        let denominator: Cents | null = lead && lead !== amount ? lead.value : null;
        if (denominator === null) {
          const f = identify(sentence.slice(0, amount.index));
          const family = f ? NATURAL_TOTAL.find(([re]) => re.test(f.metric))?.[1] : undefined;
          denominator = family ? facts.get(family)?.value ?? null : null;
        }
        parts.push({ value: amount.value, share });
        if (!denominator) continue;
        const decimals = (m[1].split('.')[1] ?? '').length;
        if (!percentPasses(share, amount.value, denominator, decimals)) {
          out.push(finding(p, 'narrative.share', 'error', `${wan(amount.value)}万元占 ${m[1]}% 不对：${wan(amount.value)} ÷ ${wan(denominator)} = ${pct(amount.value, denominator)}%`, Number(pct(amount.value, denominator)), share));
        }
      }
      if (lead && lead.value && parts.length >= 2) {
        const total = parts.reduce((a, x) => a + x.value, 0);
        const shares = parts.reduce((a, x) => a + (x.share ?? 0), 0);
        if (total !== lead.value && (total > lead.value || Math.abs(shares - 100) <= 0.02 * parts.length)) {
          out.push(finding(p, 'narrative.sum', 'error', `总数 ${wan(lead.value)} 万元不等于所列各项之和 ${wan(total as Cents)} 万元`, total / 100, lead.value / 100));
        }
        if (Math.abs(shares - 100) > Math.max(0.01 * parts.length, 0.5) && total === lead.value) {
          out.push(finding(p, 'narrative.share-total', 'warning', `所列各项的占比合计为 ${shares.toFixed(2)}%，不是 100%`, 100, Number(shares.toFixed(2))));
        }
      }

      // 完成年初预算的P%
      append(out, checkCompletion(p, sentence, { link: ctx, facts, budget: input.budget }));

      // amounts against the tables
      for (const a of amounts) {
        if (a.value === null) continue;
        const before = sentence.slice(0, a.index);
        // the amount right after a change word is a change, not a figure
        if (/(增加|减少|增长|下降|新增)\s*$/.test(before)) continue;
        if (/年初预算(数)?为?\s*$/.test(before)) continue;
        const link = linkFigure(before, ctx);
        const f = link?.fact;
        if (!f) {
          // a 项 the narrative names that no table has: worth a word, not an error
          if (link?.unknownItem && hasItems) out.push(finding(p, 'narrative.unknown-item', 'notice', `说明中的“${link.unknownItem}（项）”在一般公共预算支出表中没有，未能核对其金额 ${wan(a.value)} 万元`, null, a.value / 100));
          continue;
        }
        let wrong = false;
        if (f.value !== a.value && f.parts && Math.abs(f.value - a.value) * 2 <= f.parts) {
          out.push(finding(p, 'narrative.amount', 'notice', `${f.label} 写的是 ${wan(a.value)} 万元，表中各项之和为 ${wan(f.value)} 万元，相差在四舍五入尾差之内`, f.value / 100, a.value / 100));
        } else if (f.value !== a.value) {
          wrong = true;
          // the figure of another headline metric (基本支出 called 人员经费)
          const sameAs = a.value !== 0 ? [...facts.values()].find((x) => x.code === null && x.metric !== f.metric && x.value === a.value) : undefined;
          out.push(amountError(p, f, a.value, undefined, sameAs));
        }
        const seen = seenAmounts.get(f.metric);
        // the table settles which figure is right: a figure already reported wrong is not reported again
        if (seen && !wrong && !seen.wrong && seen.amount !== a.value) {
          out.push(finding(p, 'narrative.consistency', 'error', `${f.label} 在 ${seen.p.cell} 写的是 ${wan(seen.amount)} 万元，这里是 ${wan(a.value)} 万元`, seen.amount / 100, a.value / 100));
        }
        if (!seen) seenAmounts.set(f.metric, { amount: a.value, p, wrong });
      }

      // a figure written as a word: “三公”经费未发生, 公务接待费无
      for (const m of sentence.matchAll(/(?:为)?(无|零|未发生)(?=[，,；;。、]|$)/g)) {
        const f = linkFigure(sentence.slice(0, m.index), ctx)?.fact;
        if (f && f.value !== 0) out.push(amountError(p, f, 0 as Cents, m[1]));
      }

      // 与上年持平 / 无变化 against last year's figure
      if (input.prior) {
        for (const m of sentence.matchAll(/(?:与|和|同|较|比)(?:上年度?|\d{4}年度?)[^，,；;。]{0,8}?(持平|无变化|没有变化|相同)/g)) {
          const current = [...amounts].reverse().find((a) => a.end <= m.index!);
          if (!current || current.value === null) continue;
          const f = identify(sentence.slice(0, current.index));
          const priorKnown = f ? input.prior.get(f.metric) : undefined;
          if (f && priorKnown && priorKnown.value !== current.value) {
            const d = (current.value - priorKnown.value) as Cents;
            out.push(finding(p, 'narrative.change', 'error', `写的是与上年${m[1]}，按上年数 ${wan(priorKnown.value)} 万元应为${d >= 0 ? '增加' : '减少'}${wan(Math.abs(d) as Cents)}万元`, d / 100, 0));
          }
        }
      }
    }
  }
  return out;
}

// 完成年初预算的P%: the percentage a 决算's narrative states for the 一般公共预算财政拨款支出, a 类, a 项
// or the “三公”经费, against the 决算 tables and the year's budget (given with --budget; the
// “三公”经费 table carries its own 预算数). Rounded, not truncated. Without the budget, the figures
// the sentence itself states are used.
import type { Finding } from '../check/finding';
import { type Cents, tryParseAmount } from '../money';
import { decimalsOf, percentRounded, roundedPercent, truncatedPercent } from '../percent';
import type { Facts, FactValue } from './facts';
import { amountError, finding, type Paragraph } from './findings';
import { linkFigure, type LinkContext } from './link';
import { wan } from './wording';

export interface CompletionContext {
  link: LinkContext;
  facts: Facts;
  /** The year's budget figures, by the same metrics. */
  budget?: Facts;
}

/** Metrics whose 预算数 a 决算 table prints beside them. */
const BUDGET_IN_TABLE: [RegExp, string][] = [[/^sangong\./, 'sangongBudget.']];

const COMPLETION = /完成(?:年初|全年)?预算(?:数)?的?\s*(-?[\d.]+)\s*(?:%|％)/g;
const STATED_BUDGET = /(?:年初|全年)预算(?:数)?为?\s*(-?[\d.,，]+)\s*万元/;
const STATED_ACTUAL = /决算(?:数)?为?\s*(-?[\d.,，]+)\s*万元/;
const FIRST_AMOUNT = /-?\d[\d.,，]*\s*万元/;

const num = (t: string) => tryParseAmount(t.replace(/，/g, ','));

function budgetFact(metric: string, ctx: CompletionContext): { fact: FactValue; fromBudget: boolean } | null {
  // the 决算 table's own 全年预算数 first (the “三公”经费), else the budget workbook's
  const inTable = BUDGET_IN_TABLE.find(([re]) => re.test(metric));
  const own = inTable ? ctx.facts.get(metric.replace(inTable[0], inTable[1])) : undefined;
  if (own) return { fact: own, fromBudget: false };
  const given = ctx.budget?.get(metric);
  return given ? { fact: given, fromBudget: true } : null;
}

export function checkCompletion(p: Paragraph, sentence: string, ctx: CompletionContext): Finding[] {
  const out: Finding[] = [];
  for (const segment of sentence.split(/(?<=[；;])/)) {
    for (const m of segment.matchAll(COMPLETION)) {
      const head = segment.slice(0, m.index);
      const sb = STATED_BUDGET.exec(head);
      const sa = sb ? STATED_ACTUAL.exec(head.slice(sb.index + sb[0].length)) : null;
      const subjectEnd = sb ? sb.index : (FIRST_AMOUNT.exec(head)?.index ?? head.length);
      const subject = head.slice(0, subjectEnd).replace(/[：:，,、\s]+$/, '');
      const metric = subject ? linkFigure(subject, ctx.link)?.metric : null;
      const actualFact = metric ? ctx.facts.get(metric) : undefined;
      const planned = metric ? budgetFact(metric, ctx) : null;
      const statedBudget = sb ? num(sb[1]) : null;
      const statedActual = sa ? num(sa[1]) : null;
      const label = actualFact?.label ?? planned?.fact.label ?? '';
      const where = planned ? `${planned.fromBudget ? '本年预算' : '表中'}是 ${wan(planned.fact.value)} 万元${planned.fact.sheet ? `（${planned.fromBudget ? '预算工作簿 ' : ''}${planned.fact.sheet}!${planned.fact.cell}）` : ''}` : '';
      if (planned && statedBudget !== null && statedBudget !== planned.fact.value) {
        out.push(finding(p, 'narrative.budget', 'error', `${label}的年初预算写的是 ${wan(statedBudget)} 万元，${where}`, planned.fact.value / 100, statedBudget / 100));
      }
      if (actualFact && statedActual !== null && statedActual !== actualFact.value) out.push(amountError(p, actualFact, statedActual));

      // the tables' figures when both are known, else what the sentence states
      const fromTables = Boolean(actualFact && planned);
      const a = (fromTables ? actualFact!.value : statedActual ?? actualFact?.value ?? null) as Cents | null;
      const b = (fromTables ? planned!.fact.value : statedBudget ?? planned?.fact.value ?? null) as Cents | null;
      if (a === null || b === null) continue;
      if (b === 0) {
        out.push(finding(p, 'narrative.completion', 'error', '年初预算为0，不应写完成比例'));
        continue;
      }
      const stated = m[1];
      const d = decimalsOf(stated);
      if (!percentRounded(Number(stated), a, b, d)) {
        const right = roundedPercent(a, b, d);
        const truncated = truncatedPercent(a, b, d) === Number(stated).toFixed(d);
        out.push(finding(p, 'narrative.completion', 'error', `${label ? `${label}` : ''}完成年初预算的 ${stated}% 不对：${wan(a)} ÷ ${wan(b)} = ${right}%${truncated ? '（截尾而不是四舍五入）' : ''}${fromTables ? `（决算${actualFact!.sheet ? ` ${actualFact!.sheet}!${actualFact!.cell}` : ''}，${planned!.fromBudget ? '本年预算' : '预算数'}${planned!.fact.sheet ? ` ${planned!.fact.sheet}!${planned!.fact.cell}` : ''}）` : ''}`, Number(right), Number(stated)));
      }
      const word = /决算数(大于|小于|等于)(?:年初)?预算数/.exec(segment.slice(m.index!))?.[1];
      const right = a > b ? '大于' : a < b ? '小于' : '等于';
      if (word && word !== right) out.push(finding(p, 'narrative.direction', 'warning', `决算数${word}年初预算数，而 ${wan(a)} ${right} ${wan(b)}`, right, word));
    }
  }
  return out;
}

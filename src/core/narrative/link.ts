// Ties a figure of a 情况说明 to the metric its sentence names: the longest known phrase that ends
// right before it (filler words such as 预算数为 set aside), or else the 项/类 it follows by name
// or code. A figure nothing names is left alone: null, never a guess.
import type { Facts, FactValue } from './facts';
import { type Lexicon, type LexiconPhrase, normalizePhrase } from './lexicon';

export interface LinkContext {
  lexicon: Lexicon | null;
  facts: Facts;
  kind: 'budget' | 'final' | null;
  year?: number | null;
}

export interface Link {
  /** The metric named (null: a known phrase that names no one figure, e.g. 上年结转). */
  metric: string | null;
  fact?: FactValue;
  /** A 项 named by the text that no table has. */
  unknownItem?: string;
}

const CLAUSE_END = /[，,；;。：:！!？?]/;
const YEAR = /\d{4}年度?/g;

/** Phrases of the lexicon, plus each 类 of the tables by its name, longest first. */
function phrasesOf(ctx: LinkContext): LexiconPhrase[] {
  const cached = cache.get(ctx);
  if (cached) return cached;
  const classes: LexiconPhrase[] = [...ctx.facts.values()].filter((f) => /^gpb\.class\.\d+$/.test(f.metric) && f.label.length >= 2).map((f) => ({ phrase: normalizePhrase(f.label), metric: f.metric, anchored: true }));
  const all = [...(ctx.lexicon?.phrases ?? []), ...classes].sort((a, b) => b.phrase.length - a.phrase.length);
  cache.set(ctx, all);
  return all;
}
const cache = new WeakMap<LinkContext, LexiconPhrase[]>();

/** Text reduced to nothing by removing fillers, years and commas: nothing stands between a name and its figure. */
function onlyFillers(rest: string, lexicon: Lexicon | null): boolean {
  let states = new Set([rest.replace(/[|，,：:、\s]/g, '')]);
  for (let guard = 0; states.size && guard < 8; guard++) {
    if (states.has('')) return true;
    const next = new Set<string>();
    for (const s of states) for (const f of lexicon?.fillers ?? ['为']) if (s.endsWith(f)) next.add(s.slice(0, -f.length));
    states = next;
  }
  return states.has('');
}

function byName(facts: Facts, prefix: RegExp, name: string): FactValue | undefined {
  const n = normalizePhrase(name);
  return [...facts.values()].find((f) => prefix.test(f.metric) && (normalizePhrase(f.label) === n || normalizePhrase(f.label) === `${n}支出`));
}

/** A 项 by name; of several 项 of that name (行政运行), the one under the 款 and 类 written before it. */
function itemByName(facts: Facts, name: string, before: string): FactValue | undefined {
  const n = normalizePhrase(name);
  const named = [...facts.values()].filter((f) => /^gpb\.item\.\d+$/.test(f.metric) && (normalizePhrase(f.label) === n || normalizePhrase(f.label) === `${n}支出`));
  if (named.length <= 1) return named[0];
  const section = /([^）,，；;。：:|]+)（款）$/.exec(before)?.[1];
  const cls = /([^）,，；;。：:|]+?)（类）[^（]*（款）$/.exec(before)?.[1]?.replace(/^[\d.、\s]+/, '');
  const parent = (f: FactValue, level: 'class' | 'section') => normalizePhrase(facts.get(`gpb.${level}.${f.code!.slice(0, level === 'class' ? 3 : 5)}`)?.label ?? '');
  const fits = named.filter((f) => (!section || parent(f, 'section') === normalizePhrase(section)) && (!cls || parent(f, 'class') === normalizePhrase(cls)));
  return fits[0] ?? named[0];
}

export function linkFigure(before: string, ctx: LinkContext): Link | null {
  const text = normalizePhrase(before).replace(YEAR, '|');
  let cut = -1;
  for (let i = text.length - 1; i >= 0; i--) {
    if (CLAUSE_END.test(text[i])) {
      cut = i;
      break;
    }
  }
  const clause = text.slice(cut + 1);
  // a figure of another year (上年预算数为…, 2023年预算数为… in a 2024 budget) is not this year's
  if (/上一?年(?!结转|结余)/.test(clause)) return null;
  const raw = normalizePhrase(before);
  const rawClause = raw.slice(raw.search(new RegExp(`[^，,；;。：:！!？?]*$`)));
  if (ctx.year && [...rawClause.matchAll(/(\d{4})年/g)].some((m) => Number(m[1]) !== ctx.year)) return null;

  // the longest known phrase right before the figure, fillers set aside one by one (every way)
  const phrases = phrasesOf(ctx);
  let states: { s: string; budget: boolean }[] = [{ s: clause.replace(/[|]+$/, ''), budget: false }];
  for (let guard = 0; states.length && guard < 8; guard++) {
    for (const p of phrases) {
      const hit = states.find((st) => st.s.endsWith(p.phrase) && (!p.anchored || (ctx.lexicon?.boundary ?? /^$/).test(st.s.slice(0, st.s.length - p.phrase.length))));
      if (!hit) continue;
      let metric = p.metric;
      if (metric && ctx.kind === 'final' && hit.budget) metric = p.budgetMetric ?? null;
      if (!metric) return { metric: null };
      return { metric, fact: ctx.facts.get(metric) };
    }
    const next = new Map<string, { s: string; budget: boolean }>();
    for (const st of states) {
      for (const f of ctx.lexicon?.fillers ?? []) {
        if (!st.s.endsWith(f)) continue;
        const s = st.s.slice(0, -f.length).replace(/[|]+$/, '');
        const budget = st.budget || !!ctx.lexicon?.budgetFillers.has(f);
        const key = `${s}#${budget}`;
        if (s && !next.has(key)) next.set(key, { s, budget });
      }
    }
    states = [...next.values()];
  }

  // a 项 or 类 named by code or by name, with nothing but fillers between it and the figure
  const coded = /类(\d{3})款(\d{2})项(\d{2})([^类]*)$/.exec(text);
  if (coded && onlyFillers(coded[4], ctx.lexicon)) {
    const metric = `gpb.item.${coded[1]}${coded[2]}${coded[3]}`;
    return { metric, fact: ctx.facts.get(metric) };
  }
  const item = /([^）,，；;。]+)（项）([^（]*)$/.exec(text);
  if (item && onlyFillers(item[2], ctx.lexicon)) {
    const fact = itemByName(ctx.facts, item[1], text.slice(0, item.index));
    return fact ? { metric: fact.metric, fact } : { metric: null, unknownItem: item[1] };
  }
  const cls = /([^）,，；;。：:|]+?)（类）([^（]*)$/.exec(text);
  if (cls && onlyFillers(cls[2], ctx.lexicon)) {
    const fact = byName(ctx.facts, /^gpb\.class\.\d+$/, cls[1].replace(/^[\d.、]+/, ''));
    if (fact) return { metric: fact.metric, fact };
  }
  return null;
}

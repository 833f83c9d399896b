// Figures tied to metrics by meaning: sentences generated from every phrase of the lexicon with
// qualifiers in front (事业单位经营, 上缴上级, “三公”经费, 机关运行经费, 政府采购… and words the lexicon
// does not know) are tied to the metric the whole phrase names, or left alone — never to the
// metric of the bare phrase the qualifier modifies.
import { loadLexicon } from '../src/adapters/node/templates';
import type { Facts } from '../src/core/narrative/facts';
import { LexiconFile, lexiconFor, normalizePhrase } from '../src/core/narrative/lexicon';
import { linkFigure } from '../src/core/narrative/link';
import type { Cents } from '../src/core/money';

const file = loadLexicon();
const KINDS = ['budget', 'final'] as const;

/** Every metric of the lexicon with a distinct value, and one 类. */
function factsFor(): Facts {
  const facts: Facts = new Map();
  let i = 1;
  const add = (metric: string, label: string) => facts.set(metric, { metric, code: null, label, value: (i++ * 1001) as Cents, sheet: 'T', cell: `B${i}` });
  for (const e of file.metrics) for (const m of [e.metric, e.budgetMetric]) if (m && !facts.has(m)) add(m, e.phrases[0]);
  add('gpb.class.201', '一般公共服务支出');
  return facts;
}

/** What each known qualifier names on its own, and the metric it makes of a generic 支出. */
const QUALIFIERS: Record<string, string | null> = {
  事业单位经营: 'expense.operating',
  上缴上级: 'expense.remit',
  对附属单位补助: 'expense.subsidy',
  '“三公”经费': 'sangong.total',
  机关运行经费: 'opex.total',
  政府采购: 'procurement.total',
  // not in the lexicon: their figures are left alone
  培训费: 'training.total',
  会议费: 'meeting.total',
  工会: null,
  某专项业务: null,
  政府性基金: null,
  国有资本经营预算: null,
  '因公出国（境）': null,
  小微企业: null,
};
const PREFIXES = ['2024年', '其中：', '本部门'];
const FILLERS = ['', '为', '预算', '预算数为', '决算数为', '共计', '金额为'];

describe.each(KINDS)('%s', (kind) => {
  const lexicon = lexiconFor(file, kind);
  const facts = factsFor();
  const ctx = { lexicon, facts, kind, year: 2024 };
  const exact = new Map(lexicon.phrases.map((p) => [p.phrase, p]));

  it('a qualifier in front of any known phrase: the whole phrase’s metric, the qualifier’s, or none', () => {
    const wrong: string[] = [];
    let tried = 0;
    for (const [q, qMetric] of Object.entries(QUALIFIERS)) {
      const qEntry = exact.get(normalizePhrase(q));
      for (const base of lexicon.phrases) {
        const nq = normalizePhrase(q);
        if (base.phrase.includes(nq)) continue;
        // phrases the qualifier is part of: 事业单位经营 + 收入预算 names the 事业单位经营收入
        const whole = lexicon.phrases.filter((p) => {
          const at = (nq + base.phrase).indexOf(p.phrase);
          return at >= 0 && at < nq.length;
        });
        const allowed = new Set<string | null>([null, qMetric, qEntry?.budgetMetric ?? null, ...whole.flatMap((p) => [p.metric, p.budgetMetric ?? null])]);
        for (const prefix of PREFIXES) {
          for (const filler of FILLERS) {
            const sentence = `${prefix}${q}${base.phrase}${filler}`;
            const got = linkFigure(sentence, ctx)?.metric ?? null;
            tried++;
            if (!allowed.has(got)) wrong.push(`${sentence}12.34万元 → ${got}`);
          }
        }
      }
    }
    expect(tried).toBeGreaterThan(2000);
    expect(wrong).toEqual([]);
  });

  it('a known qualifier before 支出 names its own metric, never the 支出总计', () => {
    for (const [q, metric] of Object.entries(QUALIFIERS)) {
      if (!metric) continue;
      const qEntry = exact.get(normalizePhrase(q));
      for (const tail of ['支出', '支出为', '支出预算', '支出预算为', '支出预算数为', '支出决算数为', '为', '支出合计', '支出总计']) {
        for (const prefix of PREFIXES) {
          const sentence = `${prefix}${q}${tail}`;
          const got = linkFigure(sentence, ctx)?.metric ?? null;
          expect([sentence, got]).not.toEqual([sentence, 'expense.total']);
          expect([sentence, got]).not.toEqual([sentence, 'expense.subtotal']);
          if (/合计|总计/.test(tail) || (tail === '为' && !qEntry)) continue;
          // a 决算 speaking of the 预算数 means the budget figure, if the tables have one
          const expected = kind === 'final' && tail.includes('预算') ? (qEntry?.budgetMetric ?? null) : metric;
          expect([sentence, got]).toEqual([sentence, expected]);
        }
      }
    }
  });

  it('every phrase on its own names its metric, after a boundary and with fillers', () => {
    for (const p of lexicon.phrases) {
      for (const prefix of PREFIXES) {
        for (const filler of ['', '为', '共计']) expect([p.phrase, filler, linkFigure(`${prefix}${p.phrase}${filler}`, ctx)?.metric ?? null]).toEqual([p.phrase, filler, p.metric]);
      }
    }
  });
});

describe('the lexicon file', () => {
  it('is valid, and a phrase that names two metrics is refused', () => {
    const raw = JSON.parse(JSON.stringify(file)) as LexiconFile;
    raw.metrics.push({ metric: 'expense.total', anchored: true, phrases: ['基本支出'] });
    const result = LexiconFile.safeParse(raw);
    expect(result.success).toBe(false);
    expect(JSON.stringify(result.error?.issues)).toMatch(/「基本支出」在预算中同时指 expense\.basic 和 expense\.total/);
  });
});

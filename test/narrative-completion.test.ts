// 完成年初预算的P% in a 决算's narrative, against the 决算 tables and the year's budget: generated
// sentences pass; a truncated percentage, a wrong 年初预算 figure or a wrong 决算 figure is found at
// its paragraph; check --budget through the CLI.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { checkNarrative, type Paragraph } from '../src/core/narrative/check';
import type { Facts, FactValue } from '../src/core/narrative/facts';
import { generateNarrative } from '../src/core/narrative/generate';
import { lexiconFor } from '../src/core/narrative/lexicon';
import { renderText } from '../src/core/narrative/render';
import type { Cents } from '../src/core/money';
import { percentRounded, roundedPercent, truncatedPercent } from '../src/core/percent';
import { loadLexicon } from '../src/adapters/node/templates';
import { run, tmpDir } from './helpers/cli';
import { sampleWorkbook } from './helpers/sample';
import { random } from './helpers/workbook';

const lexicon = lexiconFor(loadLexicon(), 'final');

const CLASSES: [string, string, [string, string][]][] = [
  ['201', '一般公共服务支出', [['20103', '政府办公厅（室）及相关机构事务']]],
  ['205', '教育支出', [['20501', '教育管理事务']]],
  ['208', '社会保障和就业支出', [['20801', '人力资源和社会保障管理事务'], ['20805', '行政事业单位养老支出']]],
  ['210', '卫生健康支出', [['21011', '行政事业单位医疗']]],
  ['221', '住房保障支出', [['22102', '住房改革支出']]],
];
/** Item names repeat across 款 (行政运行), as in real tables. */
const ITEMS: Record<string, [string, string][]> = {
  '20103': [['01', '行政运行'], ['02', '一般行政管理事务']],
  '20501': [['01', '行政运行']],
  '20801': [['01', '行政运行']],
  '20805': [['05', '机关事业单位基本养老保险缴费支出']],
  '21011': [['01', '行政单位医疗']],
  '22102': [['01', '住房公积金']],
};

function fv(metric: string, label: string, value: number, code: string | null = null): FactValue {
  return { metric, code, label, value: value as Cents, sheet: null, cell: null };
}

/** A 决算's facts and its budget's: amounts such that some completions truncate differently. */
function world(seed: number): { facts: Facts; budget: Facts } {
  const r = random(seed);
  const facts: Facts = new Map();
  const budget: Facts = new Map();
  let total = 0;
  let totalBudget = 0;
  for (const [cls, clsName, sections] of CLASSES.filter(() => r() < 0.8)) {
    let c = 0;
    let cb = 0;
    for (const [sec, secName] of sections) {
      let s = 0;
      let sb = 0;
      for (const [item, itemName] of ITEMS[sec]) {
        const b = 1000 + Math.floor(r() * 5_000_000);
        const a = r() < 0.15 ? b : Math.floor(b * (0.6 + r() * 0.45));
        facts.set(`gpb.item.${sec}${item}`, fv(`gpb.item.${sec}${item}`, itemName, a, `${sec}${item}`));
        budget.set(`gpb.item.${sec}${item}`, fv(`gpb.item.${sec}${item}`, itemName, b, `${sec}${item}`));
        s += a;
        sb += b;
      }
      facts.set(`gpb.section.${sec}`, fv(`gpb.section.${sec}`, secName, s, sec));
      budget.set(`gpb.section.${sec}`, fv(`gpb.section.${sec}`, secName, sb, sec));
      c += s;
      cb += sb;
    }
    facts.set(`gpb.class.${cls}`, fv(`gpb.class.${cls}`, clsName, c, cls));
    budget.set(`gpb.class.${cls}`, fv(`gpb.class.${cls}`, clsName, cb, cls));
    total += c;
    totalBudget += cb;
  }
  facts.set('gpb.total', fv('gpb.total', '一般公共预算财政拨款支出', total));
  budget.set('gpb.total', fv('gpb.total', '一般公共预算当年拨款', totalBudget));
  return { facts, budget };
}

const asParagraphs = (text: string): Paragraph[] => text.split('\n').map((t, i) => ({ sheet: '情况说明', cell: `A${i + 1}`, text: t }));
const completionErrors = (ps: Paragraph[], facts: Facts, budget?: Facts) =>
  checkNarrative({ paragraphs: ps, kind: 'final', year: 2024, facts, budget, lexicon }).filter((f) => ['narrative.completion', 'narrative.budget', 'narrative.amount', 'narrative.direction'].includes(f.rule));

describe('完成年初预算 against the budget', () => {
  const seeds = Array.from({ length: 40 }, (_, i) => i + 1);

  it.each(seeds)('seed %i: the generated 决算 text is clean; each truncated or wrong figure is found at its paragraph', (seed) => {
    const { facts, budget } = world(seed);
    if (!facts.get('gpb.total')!.value) return;
    const text = renderText(generateNarrative({ kind: 'final', year: 2024, department: '某局', facts, budget }));
    const ps = asParagraphs(text);
    expect(completionErrors(ps, facts, budget)).toEqual([]);
    expect(completionErrors(ps, facts)).toEqual([]);

    let mutations = 0;
    ps.forEach((p, i) => {
      for (const m of p.text.matchAll(/年初预算为([\d.]+)万元，支出决算为([\d.]+)万元，完成年初预算的([\d.]+)%/g)) {
        const [, b, a, pc] = m;
        const cents = (s: string) => Math.round(Number(s) * 100);
        const truncated = truncatedPercent(cents(a), cents(b), 2);
        const mutate = (from: string, to: string) => ps.map((q, j) => (j === i ? { ...q, text: q.text.replace(from, to) } : q));
        // a truncation within what rounding to the cent allows cannot be told from a rounding
        if (truncated !== pc && !percentRounded(Number(truncated), cents(a), cents(b), 2)) {
          // rounded, not truncated: found with and without the budget
          for (const withBudget of [budget, undefined]) {
            const found = completionErrors(mutate(m[0], m[0].replace(`${pc}%`, `${truncated}%`)), facts, withBudget);
            expect(found.map((f) => `${f.rule} ${f.cell}`)).toEqual([`narrative.completion ${p.cell}`]);
            expect(found[0].message).toContain('截尾而不是四舍五入');
            expect(found[0].expected).toBe(Number(pc));
          }
          mutations++;
        }
        // the 年初预算 written wrong (the percentage of the wrong figures): found against the budget only
        const wrongBudget = (cents(b) + 10000) / 100;
        const wrongText = m[0].replace(`年初预算为${b}万元`, `年初预算为${wrongBudget.toFixed(2)}万元`).replace(`${pc}%`, `${roundedPercent(cents(a), cents(b) + 10000, 2)}%`);
        const only = <T extends { rule: string }>(fs: T[]) => fs.filter((f) => f.rule !== 'narrative.direction');
        const found = only(completionErrors(mutate(m[0], wrongText), facts, budget));
        expect(found.map((f) => `${f.rule} ${f.cell}`)).toEqual([`narrative.budget ${p.cell}`, `narrative.completion ${p.cell}`]);
        expect(found[0].expected).toBe(cents(b) / 100);
        expect(only(completionErrors(mutate(m[0], wrongText), facts))).toEqual([]);
        // the 支出决算 written wrong
        const wrongActual = completionErrors(mutate(m[0], m[0].replace(`支出决算为${a}万元`, `支出决算为${((cents(a) + 1) / 100).toFixed(2)}万元`)), facts, budget);
        expect(wrongActual.map((f) => f.rule)).toContain('narrative.amount');
        mutations++;
      }
    });
    expect(mutations).toBeGreaterThan(0);
  });

  it('a completion stated without the amounts is checked against the tables', () => {
    const { facts, budget } = world(7);
    const total = facts.get('gpb.total')!.value;
    const b = budget.get('gpb.total')!.value;
    const right = roundedPercent(total, b, 1);
    const ok = `2024年度一般公共预算财政拨款支出${(total / 100).toFixed(2)}万元，完成年初预算的${right}%。`;
    expect(completionErrors(asParagraphs(ok), facts, budget)).toEqual([]);
    const off = (Number(right) + 0.3).toFixed(1);
    const found = completionErrors(asParagraphs(ok.replace(`${right}%`, `${off}%`)), facts, budget);
    expect(found.map((f) => `${f.rule} ${f.cell}`)).toEqual(['narrative.completion A1']);
    expect(found[0].message).toContain(`= ${right}%`);
  });
});

describe('gongkai check --budget', () => {
  it('checks the 决算 narrative’s 完成年初预算 against the budget workbook; refuses a budget as the main file', async () => {
    const dir = tmpDir();
    try {
      const final = path.join(dir, '2024年决算.xlsx');
      const budgetFile = path.join(dir, '2024年预算.xlsx');
      await (await sampleWorkbook('final-2024')).xlsx.writeFile(final);
      await (await sampleWorkbook('budget-2024')).xlsx.writeFile(budgetFile);
      const txt = path.join(dir, '说明.txt');
      expect((await run(['narrate', final, '--budget', budgetFile, '--year', '2024', '-o', txt])).code).toBe(0);
      const text = fs.readFileSync(txt, 'utf8');
      const line = /行政运行（项）：年初预算为([\d.]+)万元，支出决算为([\d.]+)万元，完成年初预算的([\d.]+)%/.exec(text)!;
      const rules = async (file: string, extra: string[]) => JSON.parse((await run(['check', final, '--json', '--narrative', file, ...extra])).out).findings.filter((f: { rule: string }) => /narrative\.(completion|budget)/.test(f.rule));
      expect(await rules(txt, ['--budget', budgetFile])).toEqual([]);
      // a wrong 年初预算 with a percentage that fits it: only the budget workbook shows it
      const wrong = path.join(dir, '错误说明.txt');
      const b = Number(line[1]) + 1;
      fs.writeFileSync(wrong, text.replace(line[0], `行政运行（项）：年初预算为${b.toFixed(2)}万元，支出决算为${line[2]}万元，完成年初预算的${roundedPercent(Math.round(Number(line[2]) * 100), Math.round(b * 100), 2)}%`));
      expect(await rules(wrong, [])).toEqual([]);
      const found = await rules(wrong, ['--budget', budgetFile]);
      expect(found.map((f: { rule: string }) => f.rule)).toEqual(['narrative.budget', 'narrative.completion']);
      expect(found[0].message).toMatch(new RegExp(`年初预算写的是 ${b.toFixed(2)} 万元，本年预算是 ${line[1]} 万元（预算工作簿 `));
      const refused = await run(['check', budgetFile, '--budget', budgetFile]);
      expect(refused.code).toBe(2);
      expect(refused.err).toMatch(/只用于检查决算/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

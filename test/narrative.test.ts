// The 情况说明: generated from the sample's tables (and last year's), and a hand-written one
// checked against the tables with every classic mistake planted once.
import { openBook } from '../src/core/check/check';
import { checkNarrative, type Paragraph } from '../src/core/narrative/check';
import { collectFacts } from '../src/core/narrative/facts';
import { generateNarrative } from '../src/core/narrative/generate';
import { renderMarkdown, renderText } from '../src/core/narrative/render';
import { percent } from '../src/core/narrative/wording';
import { sampleCatalogs, sampleGrid, sampleLedger } from './helpers/sample';
import { specs } from './helpers/workbook';
import { loadLexicon } from '../src/adapters/node/templates';
import { lexiconFor } from '../src/core/narrative/lexicon';

const budget = sampleLedger('budget-2025');
async function factsOf(name: string) {
  const ledger = sampleLedger(name);
  const catalogs = sampleCatalogs(ledger);
  return collectFacts(openBook({ grid: await sampleGrid(name), specs, catalogs: () => catalogs, year: ledger.year }).book);
}

describe('generation', () => {
  it('budget: every figure from the tables, changes over the prior year, shares over the right total', async () => {
    const n = generateNarrative({ kind: 'budget', year: 2025, department: budget.department, facts: await factsOf('budget-2025'), prior: await factsOf('budget-2024') });
    const text = renderText(n);
    expect(text).toContain('示例县示例局2025年收支总预算853.95万元，比上年增加90.00万元，增长11.78%，主要原因是【请填写主要原因】。');
    expect(text).toContain('基本支出625.35万元，占73.23%；项目支出228.60万元，占26.77%。');
    expect(text).toContain('一般公共服务支出（类）政府办公厅（室）及相关机构事务（款）一般行政管理事务（项）2025年预算数为58.60万元，比上年减少5.40万元，下降8.44%');
    expect(text).toContain('2025年政府性基金预算拨款安排的支出50.00万元，比上年新增50.00万元（上年为0）');
    expect(text).toContain('因公出国（境）费0.00万元，与上年持平');
    expect(text).toContain('示例县示例局2025年没有使用国有资本经营预算拨款安排的支出。');
    expect(text).not.toMatch(/增长100|增加0\.00万元/);
    const json = n.sentences.find((s) => s.text.includes('一般行政管理事务'))!.facts[0];
    expect(json).toEqual({ metric: 'gpb.item.2010302', code: '2010302', current: 58.6, prior: 64, change: -5.4, percent: -8.44, denominator: null, share: null, budget: null, actual: null, completion: null });
    expect(renderMarkdown(n)).toMatch(/^# 示例县示例局2025年部门预算情况说明\n\n## 一、/);
  });

  it('决算: amounts in 万元 from tables in 元, completion of the 年初预算', async () => {
    const facts = await factsOf('final-2024');
    const budgetFacts = await factsOf('budget-2024');
    const n = generateNarrative({ kind: 'final', year: 2024, department: '示例县示例局', facts, budget: budgetFacts });
    const text = renderText(n);
    expect(text).toContain('2024年度收入、支出决算总计754.21万元');
    expect(text).toContain('行政运行（项）：年初预算为371.20万元，支出决算为370.25万元，完成年初预算的99.74%，决算数小于年初预算数的主要原因是【请填写主要原因】');
    const f = n.sentences.find((s) => s.text.includes('行政运行（项）'))!.facts[0];
    expect(f).toMatchObject({ budget: 371.2, actual: 370.25, completion: 99.74 });
  });

  it('last year’s reason is reused for the same item', async () => {
    const facts = await factsOf('budget-2025');
    const n = generateNarrative({ kind: 'budget', year: 2025, department: '示例县示例局', facts, prior: await factsOf('budget-2024'), reasons: new Map([['gpb.item.2010301', '在职人员增加']]) });
    expect(renderText(n)).toContain('行政运行（项）2025年预算数为386.42万元，比上年增加15.22万元，增长4.10%，主要原因是在职人员增加。');
  });
});

describe('the standard sentences: changes of 基本支出, 项目支出, “三公”经费 and 机关运行经费; completion of the 年初预算', () => {
  const asParagraphs = (text: string) => text.split('\n').map((t, i) => ({ sheet: '情况说明', cell: `A${i + 1}`, text: t }));

  it('budget: 基本支出 and 项目支出 over last year; the text passes the checker', async () => {
    const facts = await factsOf('budget-2025');
    const prior = await factsOf('budget-2024');
    const n = generateNarrative({ kind: 'budget', year: 2025, department: '示例县示例局', facts, prior, supplement: new Map([['opex.total', 30], ['opexPrior.total', 32.5]]) });
    const text = renderText(n);
    const basic = facts.get('expense.basic')!.value;
    const basicPrior = prior.get('expense.basic')!.value;
    expect(text).toContain(`基本支出${(basic / 100).toFixed(2)}万元，比上年${basic > basicPrior ? '增加' : '减少'}`);
    expect(text).toMatch(/项目支出228\.60万元，(比上年|与上年持平)/);
    expect(text).toContain('2025年机关运行经费财政拨款预算30.00万元，比上年减少2.50万元，下降7.69%');
    const findings = checkNarrative({ paragraphs: asParagraphs(text), kind: 'budget', year: 2025, facts, prior, lexicon: lexiconFor(loadLexicon(), 'budget') });
    expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
  });

  it('决算: completion of the 年初预算 for the total and each 类; “三公”经费 over last year', async () => {
    const facts = await factsOf('final-2024');
    const budgetFacts = await factsOf('budget-2024');
    const n = generateNarrative({ kind: 'final', year: 2024, department: '示例县示例局', facts, prior: facts, budget: budgetFacts });
    const text = renderText(n);
    const total = facts.get('gpb.total')!.value;
    const budget = budgetFacts.get('gpb.total')!.value;
    expect(text).toContain(`2024年度一般公共预算财政拨款支出年初预算为${(budget / 100).toFixed(2)}万元，支出决算为${(total / 100).toFixed(2)}万元，完成年初预算的${percent(total, budget)}%`);
    for (const c of [...facts.values()].filter((f) => /^gpb\.class\.\d+$/.test(f.metric) && f.value !== 0 && budgetFacts.get(f.metric))) {
      expect(text).toContain(`${c.label}（类）年初预算为${(budgetFacts.get(c.metric)!.value / 100).toFixed(2)}万元，支出决算为${(c.value / 100).toFixed(2)}万元，完成年初预算的${percent(c.value, budgetFacts.get(c.metric)!.value)}%`);
    }
    expect(text).toMatch(/基本支出[\d.]+万元，与上年持平；项目支出[\d.]+万元，与上年持平。/);
    expect(text).toMatch(/“三公”经费支出决算[\d.]+万元，与上年持平；因公出国（境）费[\d.]+万元，与上年持平/);
    const findings = checkNarrative({ paragraphs: asParagraphs(text), kind: 'final', year: 2024, facts, prior: facts, lexicon: lexiconFor(loadLexicon(), 'final') });
    expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
  });
});

describe('checking a written narrative', () => {
  const p = (cell: string, text: string): Paragraph => ({ sheet: '情况说明', cell, text });
  const check = async (paragraphs: Paragraph[]) => checkNarrative({ paragraphs, kind: 'budget', year: 2025, facts: await factsOf('budget-2025'), prior: await factsOf('budget-2024'), lexicon: lexiconFor(loadLexicon(), 'budget') });

  it('a correct paragraph passes', async () => {
    expect(await check([p('A1', '2025年支出预算853.95万元，其中：基本支出625.35万元，占73.23%；项目支出228.60万元，占26.77%。')])).toEqual([]);
  });

  it.each([
    ['narrative.amount', 'error', '2025年一般公共预算基本支出625.53万元，其中：人员经费527.38万元；公用经费97.97万元。', /写的是 625\.53 万元，表中是 625\.35 万元/],
    ['narrative.percent', 'error', '2025年一般公共预算“三公”经费预算数为11.20万元，比上年减少0.90万元，下降8.04%。', /用本年数 11\.20 作分母算的/],
    ['narrative.new-item', 'warning', '2025年政府性基金预算拨款安排的支出50.00万元，比上年增加50.00万元，增长100%。', /上年为0.*应写“新增”/],
    ['narrative.zero-change', 'warning', '因公出国（境）费0.00万元，比上年增加0.00万元，增长0.00%。', /应写“与上年持平”/],
    ['narrative.direction', 'warning', '公务接待费3.20万元，比上年减少0.40万元，增长11.11%。', /方向相反/],
    ['narrative.share-sign', 'error', '2025年收入预算853.95万元，其中：一般公共预算拨款收入803.95万元，占94.14%；政府性基金预算拨款收入50.00万元，占5.86；上年结转0.00万元，占比为0。', /“占5\.86”没有写 %/],
    ['narrative.share', 'error', '2025年支出预算853.95万元，其中：基本支出625.35万元，占70.23%；项目支出228.60万元，占26.77%。', /占 70\.23% 不对/, ['narrative.share-total']],
    ['narrative.sum', 'error', '2025年支出预算853.95万元，其中：基本支出625.35万元，占73.23%；项目支出238.60万元，占26.77%。', /不等于所列各项之和 863\.95/, ['narrative.amount', 'narrative.share']],
    ['narrative.placeholder', 'warning', '公务用车购置及运行费8.00万元，增加（减少）0.50万元。', /增加（减少）/],
    ['narrative.change', 'error', '一般公共服务支出（类）政府办公厅（室）及相关机构事务（款）行政运行（项）2025年预算数为386.42万元，比上年增加16.22万元，增长4.38%。', /按上年数 371\.20 万元应为增加15\.22万元/],
    ['narrative.date', 'warning', '2023年2月26日', /落款日期/],
    ['narrative.year', 'warning', '2022年预算执行良好。', /提到 2022 年/],
    ['narrative.unknown-item', 'notice', '一般公共服务支出（类）政府办公厅（室）及相关机构事务（款）信访事务（项）2025年预算数为12.00万元。', /信访事务（项）”在一般公共预算支出表中没有/],
    ['narrative.reason', 'warning', '2025年一般公共预算当年拨款803.95万元，比上年增加40.00万元，增长5.24%，主要原因是。', /后面没有写原因/],
  ] as [string, string, string, RegExp, string[]?][])('%s', async (rule, severity, text, message, consequences = []) => {
    const findings = await check([p('A7', text)]);
    const hit = findings.filter((f) => f.rule === rule);
    expect(hit).toHaveLength(1);
    expect(hit[0]).toMatchObject({ severity, sheet: '情况说明', cell: 'A7' });
    expect(hit[0].message).toMatch(message);
    // nothing else, but for what the same mistake necessarily also breaks
    expect(findings.filter((f) => f.rule !== rule && f.severity !== 'notice').map((f) => f.rule).sort()).toEqual([...consequences].sort());
  });

  it('qualified figures are other metrics, never the 支出总计, and one wrong figure is reported once', async () => {
    const findings = await check([
      p('A1', '2025年支出预算853.95万元，其中：事业单位经营支出预算0.00万元，上缴上级支出预算0.00万元，对附属单位补助支出预算0.00万元。'),
      p('A2', '2025年一般公共预算“三公”经费支出预算为0.18万元。'),
      p('A3', '2025年支出预算835.95万元。'),
      p('A4', '2025年支出预算835.95万元。'),
    ]);
    const errors = findings.filter((f) => f.severity !== 'notice');
    expect(errors.map((f) => `${f.rule} ${f.cell}`)).toEqual(['narrative.amount A2', 'narrative.amount A3', 'narrative.amount A4']);
    expect(errors[0].message).toMatch(/“三公”经费 写的是 0\.18 万元，表中是 11\.20 万元/);
  });

  it('figures written as words: 未发生, 无, 与上年持平', async () => {
    const findings = await check([p('A1', '2025年“三公”经费未发生。'), p('A2', '公务接待费3.20万元，与上年持平。'), p('A3', '因公出国（境）费无，与上年持平。'), p('A4', '单价50万元以上通用设备无。')]);
    expect(findings.filter((f) => f.severity !== 'notice').map((f) => `${f.rule} ${f.cell}`)).toEqual(['narrative.amount A1', 'narrative.change A2']);
    expect(findings[0].message).toMatch(/写的是“未发生”，表中是 11\.20 万元/);
    expect(findings[1].message).toMatch(/与上年持平，按上年数 3\.60 万元应为减少0\.40万元/);
  });
});

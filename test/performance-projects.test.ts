// The 绩效 part beyond the department's target table: each project's 预算资金 in its
// 项目支出绩效目标表 against the project list; a 决算's 绩效自评表 (执行数 against the 决算 tables,
// 执行率 rounded); a 绩效自评 report's figures against the tables. Correct copies draw nothing;
// each mutation is found at its cell.
import { checkWorkbook, openBook } from '../src/core/check/check';
import { type Grid, newGrid, setCell } from '../src/core/grid';
import { collectFacts, type Facts } from '../src/core/narrative/facts';
import { percentRounded, roundedPercent, truncatedPercent } from '../src/core/percent';
import { loadCrossRules, loadLexicon } from '../src/adapters/node/templates';
import { sampleCatalogs, sampleGrid, sampleLedger } from './helpers/sample';
import { specs, random } from './helpers/workbook';

function sheet(name: string, rows: (string | number | null)[][]): Grid {
  const g = newGrid(name);
  rows.forEach((row, r) => row.forEach((v, c) => v !== null && setCell(g, r + 1, c + 1, { value: v })));
  return g;
}

async function setup(name: 'budget-2025' | 'final-2024') {
  const ledger = sampleLedger(name);
  const catalogs = sampleCatalogs(ledger);
  const grid = await sampleGrid(name);
  const facts = collectFacts(openBook({ grid, specs, catalogs: () => catalogs, year: ledger.year }).book);
  const check = (extra: Grid[], prefix = 'performance.') =>
    checkWorkbook({ file: 'x.xlsx', grid: { sheets: [...grid.sheets, ...extra] }, specs, crossRules: loadCrossRules(), catalogs: () => catalogs, year: ledger.year, lexicon: loadLexicon() }).findings.filter((f) => f.rule.startsWith(prefix));
  return { facts, check };
}

describe('项目支出绩效目标表 against the project list', () => {
  const PROJECTS = ['信息化运维', '专项调查', '办公楼维修改造', '政务服务平台建设', '档案数字化', '人才引进补贴', '应急物资储备', '安全生产检查'];

  it.each([1, 2, 3, 4, 5, 6, 7, 8])('seed %i', async (seed) => {
    const r = random(seed);
    const { check } = await setup('budget-2025');
    const yuan = r() < 0.4;
    const names = PROJECTS.filter(() => r() < 0.7);
    if (!names.length) names.push(PROJECTS[seed % PROJECTS.length]);
    const amounts = names.map(() => Math.round(r() * 2_000_000)); // cents of 万元
    const show = (cents: number) => (yuan ? cents * 100 : cents / 100);
    const list = sheet('项目支出明细表', [['2025年项目支出明细表'], [yuan ? '单位：元' : '单位：万元'], ['序号', '项目名称', '金额', '备注'], ...names.map((n, i) => [i + 1, `${n}${r() < 0.5 ? '项目' : ''}`, show(amounts[i]), ''])]);
    const targetRows = (i: number, amount: number) => [
      ['项目名称', `${names[i]}${r() < 0.3 ? '项目' : ''}`],
      [r() < 0.5 ? '预算资金' : '年度资金总额', show(amount)],
      ['一级指标', '二级指标', '三级指标', '指标值'],
      ['产出指标', '数量指标', '完成数', '≥1个'],
    ];
    // one sheet per project, or every project stacked on one sheet
    const stacked = r() < 0.5;
    const targets = (mutated: number | null, by: number) => {
      const blocks = names.map((_, i) => targetRows(i, i === mutated ? amounts[i] + by : amounts[i]));
      const head = [['2025年项目支出绩效目标表'], [yuan ? '单位：元' : '单位：万元']];
      return stacked ? [sheet('项目支出绩效目标表', [...head, ...blocks.flat()])] : blocks.map((b, i) => sheet(`项目支出绩效目标表${i + 1}`, [...head, ...b]));
    };
    expect(check([list, ...targets(null, 0)])).toEqual([]);
    const i = Math.floor(r() * names.length);
    const by = [100, 1, amounts[i] * 9][Math.floor(r() * 3)] || 100;
    const found = check([list, ...targets(i, by)]);
    const where = stacked ? { sheet: '项目支出绩效目标表', cell: `B${4 + i * 4}` } : { sheet: `项目支出绩效目标表${i + 1}`, cell: 'B4' };
    expect(found.map((f) => `${f.rule} ${f.sheet}!${f.cell}`)).toEqual([`performance.project-amount ${where.sheet}!${where.cell}`]);
    expect(found[0].message).toContain(`项目「${names[i]}`);
    expect(found[0].expected).toBe(amounts[i] / 100);
  });
});

describe('绩效自评表 of a 决算', () => {
  function selfEvaluation(facts: Facts, seed: number, mutate: { total?: number; rate?: 'truncate' } = {}) {
    const r = random(seed);
    const v = (m: string) => facts.get(m)!.value;
    const fiscal = v('gpb.total') + (facts.get('gf.total')?.value ?? 0) + (facts.get('soe.total')?.value ?? 0);
    const rows: [string, number][] = [
      ['年度资金总额', mutate.total ?? v('expense.subtotal')],
      ['其中：当年财政拨款', fiscal],
      ['基本支出', v('expense.basic')],
      ['项目支出', v('expense.project')],
    ];
    let truncatedRow: number | null = null;
    const body = rows.map(([label, executed], i) => {
      // a 全年预算数 where truncating the 执行率 differs from rounding it
      let planned = executed + 1 + Math.floor(r() * executed * 0.2);
      for (let k = 0; k < 1000 && truncatedPercent(executed, planned, 2) === roundedPercent(executed, planned, 2); k++) planned++;
      let rate = roundedPercent(executed, planned, 2);
      if (mutate.rate && i === 2 && percentRounded(Number(truncatedPercent(executed, planned, 2)), executed, planned, 2) === false) {
        rate = truncatedPercent(executed, planned, 2);
        truncatedRow = i;
      }
      return [label, planned / 100, planned / 100, executed / 100, `${rate}%`, 10, 10];
    });
    return { grid: sheet('部门整体支出绩效自评表', [['2024年度部门整体支出绩效自评表'], ['单位：万元'], ['项目', '年初预算数', '全年预算数', '全年执行数', '执行率', '分值', '得分'], ...body]), truncatedRow };
  }

  it.each([1, 2, 3, 4, 5])('seed %i: clean; the 资金总额 replaced by the basic spending and a truncated 执行率 found', async (seed) => {
    const { facts, check } = await setup('final-2024');
    expect(check([selfEvaluation(facts, seed).grid])).toEqual([]);
    const wrong = check([selfEvaluation(facts, seed, { total: facts.get('expense.basic')!.value }).grid]);
    expect(wrong.filter((f) => f.rule === 'performance.amount').map((f) => `${f.sheet}!${f.cell}`)).toEqual(['部门整体支出绩效自评表!D4']);
    const { grid, truncatedRow } = selfEvaluation(facts, seed, { rate: 'truncate' });
    const found = check([grid]);
    expect(truncatedRow).toBe(2);
    expect(found.map((f) => `${f.rule} ${f.cell}`)).toEqual([`performance.share E${4 + truncatedRow!}`]);
    expect(found[0].message).toMatch(/截尾而不是四舍五入/);
  });
});

describe('绩效自评 report text against the tables', () => {
  it('基本支出 called 人员经费 is found; the right wording is clean', async () => {
    const { facts, check } = await setup('final-2024');
    const basic = (facts.get('expense.basic')!.value / 100).toFixed(2);
    const project = (facts.get('expense.project')!.value / 100).toFixed(2);
    const right = sheet('绩效自评报告', [['2024年度部门整体支出绩效自评报告'], [`2024年度本部门基本支出${basic}万元，项目支出${project}万元。`]]);
    expect(check([right], 'narrative.').filter((f) => f.severity !== 'notice')).toEqual([]);
    const wrong = sheet('绩效自评报告', [['2024年度部门整体支出绩效自评报告'], [`2024年度本部门人员经费${basic}万元，项目支出${project}万元。`]]);
    const found = check([wrong], 'narrative.').filter((f) => f.severity !== 'notice');
    expect(found.map((f) => `${f.rule} ${f.sheet}!${f.cell}`)).toEqual(['narrative.amount 绩效自评报告!A2']);
    expect(found[0].message).toMatch(/可能把.*称作了人员经费/);
  });
});

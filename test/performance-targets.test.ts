// The 绩效目标表 checked against the budget tables: a correct 部门整体支出绩效目标表 and 项目支出绩效目标表
// beside the sample's 2025 budget draw nothing; each planted mistake (the total replaced by the
// basic spending, a share truncated, a 成本指标 in 元 off by 10 or 10,000) is found at its cell.
import { checkWorkbook, openBook } from '../src/core/check/check';
import { type Grid, newGrid, setCell, type WorkbookGrid } from '../src/core/grid';
import { collectFacts, type Facts } from '../src/core/narrative/facts';
import { loadCrossRules, loadLexicon } from '../src/adapters/node/templates';
import { sampleCatalogs, sampleGrid, sampleLedger } from './helpers/sample';
import { specs } from './helpers/workbook';

const ledger = sampleLedger('budget-2025');
const catalogs = sampleCatalogs(ledger);

function sheet(name: string, rows: (string | number | null)[][]): Grid {
  const g = newGrid(name);
  rows.forEach((row, r) => row.forEach((v, c) => v !== null && setCell(g, r + 1, c + 1, { value: v })));
  return g;
}

/** A share the tables give where truncating and rounding differ: [numerator label, denominator label, decimals, rounded, truncated]. */
function shareRow(facts: Facts): [string, string, number, string, string] {
  const pairs: [string, string, string, string][] = [
    ['人员经费', '一般公共预算基本支出', 'basic.personnel', 'basic.total'],
    ['“三公”经费', '一般公共预算当年拨款', 'sangong.total', 'gpb.total'],
    ['基本支出', '支出预算', 'expense.basic', 'expense.total'],
    ['项目支出', '支出预算', 'expense.project', 'expense.total'],
  ];
  for (const [la, lb, ma, mb] of pairs) {
    const a = facts.get(ma)!.value;
    const b = facts.get(mb)!.value;
    for (const d of [2, 3, 1]) {
      const exact = (a * 100) / b;
      const rounded = (Math.round(exact * 10 ** d) / 10 ** d).toFixed(d);
      const truncated = (Math.floor(exact * 10 ** d) / 10 ** d).toFixed(d);
      if (rounded !== truncated) return [la, lb, d, rounded, truncated];
    }
  }
  throw new Error('no share where truncating differs');
}

function targetSheets(facts: Facts, mutate: { total?: number; share?: string; cost?: string } = {}): Grid[] {
  const v = (m: string) => facts.get(m)!.value / 100;
  const fiscal = (facts.get('fiscal.gpb')!.value + facts.get('fiscal.gf')!.value + facts.get('fiscal.soe')!.value) / 100;
  const [la, lb, , rounded] = shareRow(facts);
  const dept = sheet('部门整体支出绩效目标表', [
    ['2025年部门整体支出绩效目标表'],
    ['单位：万元'],
    ['部门名称', '示例县示例局'],
    ['资金总额', mutate.total ?? v('income.total')],
    ['当年财政拨款', fiscal],
    ['基本支出', v('expense.basic')],
    ['项目支出', v('expense.project')],
    ['一级指标', '二级指标', '三级指标', '指标值'],
    ['产出指标', '数量指标', `${la}占${lb}比例`, `≤${mutate.share ?? rounded}%`],
  ]);
  const project = sheet('项目支出绩效目标表', [
    ['2025年项目支出绩效目标表'],
    ['单位：万元'],
    ['项目名称', '信息化运维'],
    ['资金总额', 148],
    ['一级指标', '二级指标', '三级指标', '指标值'],
    ['成本指标', '经济成本指标', '运维费用', mutate.cost ?? '≤148万元'],
    ['产出指标', '数量指标', '运维系统数', '≥3个'],
  ]);
  return [dept, project];
}

async function setup() {
  const grid = await sampleGrid('budget-2025');
  const facts = collectFacts(openBook({ grid, specs, catalogs: () => catalogs, year: ledger.year }).book);
  const check = (sheets: Grid[]) => {
    const withTargets: WorkbookGrid = { sheets: [...grid.sheets, ...sheets] };
    return checkWorkbook({ file: 'x.xlsx', grid: withTargets, specs, crossRules: loadCrossRules(), catalogs: () => catalogs, year: ledger.year, lexicon: loadLexicon() }).findings.filter((f) => f.rule.startsWith('performance.'));
  };
  return { facts, check };
}

describe('绩效目标表', () => {
  it('a correct pair of target tables draws nothing', async () => {
    const { facts, check } = await setup();
    expect(check(targetSheets(facts))).toEqual([]);
  });

  it('the 资金总额 replaced by the basic spending', async () => {
    const { facts, check } = await setup();
    const found = check(targetSheets(facts, { total: facts.get('expense.basic')!.value / 100 }));
    expect(found.map((f) => `${f.rule} ${f.sheet}!${f.cell}`)).toEqual(['performance.amount 部门整体支出绩效目标表!B4']);
    expect(found[0].message).toMatch(/填的是基本支出/);
  });

  it('a share truncated instead of rounded', async () => {
    const { facts, check } = await setup();
    const [, , , rounded, truncated] = shareRow(facts);
    const found = check(targetSheets(facts, { share: truncated }));
    expect(found.map((f) => `${f.rule} ${f.sheet}!${f.cell}`)).toEqual(['performance.share 部门整体支出绩效目标表!D9']);
    expect(found[0].message).toContain(`= ${rounded}%`);
    expect(found[0].message).toMatch(/截尾而不是四舍五入/);
  });

  it.each([
    ['≥148000元', '10'],
    ['≥148元', '10000'],
  ])('a 成本指标 %s for a 148万元 project', async (cost, times) => {
    const { facts, check } = await setup();
    const found = check(targetSheets(facts, { cost }));
    expect(found.map((f) => `${f.rule} ${f.sheet}!${f.cell}`)).toEqual(['performance.unit 项目支出绩效目标表!D6']);
    expect(found[0].message).toContain(`相差 ${times} 倍`);
  });

  it('a 成本指标 in 元 that agrees (1480000元) draws nothing', async () => {
    const { facts, check } = await setup();
    expect(check(targetSheets(facts, { cost: '≤1480000元' }))).toEqual([]);
  });
});


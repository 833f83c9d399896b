// The 情况说明 of the three seed documents. The checker flags every wrong statement (listed here
// with the arithmetic) and nothing else; the generator, given the tables and the prior-year
// figures the documents' own text implies, reproduces their correct figures.
import type ExcelJS from 'exceljs';
import { checkWorkbook, openBook } from '../src/core/check/check';
import { collectFacts, type Facts } from '../src/core/narrative/facts';
import { generateNarrative } from '../src/core/narrative/generate';
import { renderText } from '../src/core/narrative/render';
import type { Cents } from '../src/core/money';
import { readWorkbookGrid } from '../src/adapters/exceljs/read-grid';
import { catalogsForCheck, loadCrossRules, loadLexicon } from '../src/adapters/node/templates';
import { buildSeedWorkbook, type SeedName } from './fixtures/seeds/build';
import { NARRATIVE_FIXES } from './fixtures/seeds/narrative-fixes';
import { specs } from './helpers/workbook';

const YEARS: Record<SeedName, number> = { '000': 2024, '002': 2023, '003': 2024 };

/** Every wrong statement of each narrative: rule, paragraph, and why. */
const WRONG: Record<SeedName, [rule: string, cell: string, why: string][]> = {
  '000': [],
  '002': [
    ['narrative.percent', 'A43', '机关运行经费 6.87 万元较上年减少 0.55 万元：上年 7.42，0.55 ÷ 7.42 = 7.41%，不是 0.89%'],
    ['narrative.zero-change', 'A44', '会议费 0.00 万元“较上年决算数减少 0.0 万元”：没有变化应写持平'],
    ['narrative.zero-change', 'A45', '培训费同上'],
  ],
  '003': [
    ['narrative.new-item', 'A16', '事业运行 55.30，比上年增加 55.30：上年为 0，不能写“增长 100%”'],
    ['narrative.new-item', 'A17', '科技条件专项 1157.61 同上'],
    ['narrative.new-item', 'A18', '2080505 3.73 同上'],
    ['narrative.new-item', 'A18', '2080506 1.87 同上'],
    ['narrative.new-item', 'A18', '2081105 0.39 同上'],
    ['narrative.new-item', 'A19', '2101102 1.40 同上'],
    ['narrative.new-item', 'A19', '2101103 1.72 同上'],
    ['narrative.new-item', 'A20', '2210201 3.45 同上'],
    ['narrative.placeholder', 'A26', '“增加（减少）0.00 万元”：模板残留'],
    ['narrative.new-item', 'A33', '机关运行经费 2.03 同上'],
  ],
};

async function book(seed: SeedName): Promise<ExcelJS.Workbook> {
  return buildSeedWorkbook(seed, true);
}

describe.each(['000', '002', '003'] as SeedName[])('seed %s', (seed) => {
  it('the checker flags every wrong statement and nothing else', async () => {
    const grid = readWorkbookGrid(await book(seed));
    const report = checkWorkbook({ file: seed, grid, specs, crossRules: loadCrossRules(), catalogs: catalogsForCheck(), year: YEARS[seed], lexicon: loadLexicon() });
    const got = report.findings.filter((f) => f.rule.startsWith('narrative.') && f.severity !== 'notice').map((f) => `${f.rule} ${f.cell}`).sort();
    expect(got).toEqual(WRONG[seed].map(([rule, cell]) => `${rule} ${cell}`).sort());
  });

  it('the corrected narrative draws no error or warning', async () => {
    const wb = await book(seed);
    const sheet = wb.getWorksheet('情况说明')!;
    const fixes = Object.entries(NARRATIVE_FIXES[seed]);
    for (const [cell, fix] of fixes) {
      const before = String(sheet.getCell(cell).value);
      sheet.getCell(cell).value = fix(before);
      expect(sheet.getCell(cell).value).not.toBe(before);
    }
    // every wrong statement has its correction
    expect(new Set(WRONG[seed].map(([, cell]) => cell))).toEqual(new Set(fixes.map(([cell]) => cell)));
    const report = checkWorkbook({ file: seed, grid: readWorkbookGrid(wb), specs, crossRules: loadCrossRules(), catalogs: catalogsForCheck(), year: YEARS[seed], lexicon: loadLexicon() });
    expect(report.findings.filter((f) => f.rule.startsWith('narrative.') && f.severity !== 'notice').map((f) => `${f.rule} ${f.cell} ${f.message}`)).toEqual([]);
  });
});

function prior(values: Record<string, string>): Facts {
  return new Map(Object.entries(values).map(([metric, v]) => [metric, { metric, code: null, label: metric, value: Math.round(Number(v) * 100) as Cents, sheet: null, cell: null }]));
}

describe('the generator reproduces the documents’ correct figures', () => {
  async function generate(seed: SeedName, priorFacts?: Facts) {
    const grid = readWorkbookGrid(await book(seed));
    const { book: b } = openBook({ grid, specs, catalogs: catalogsForCheck(), year: YEARS[seed] });
    return renderText(generateNarrative({ kind: b.recognition.kind!, year: YEARS[seed], department: 'x', facts: collectFacts(b), prior: priorFacts }));
  }

  it('003 (a new unit: every prior figure is 0)', async () => {
    const zero = prior(Object.fromEntries(['income.total', 'fiscal.total', 'gpb.total', 'gpb.item.2010350', 'gpb.item.2060503', 'gpb.item.2080505', 'gpb.item.2080506', 'gpb.item.2081105', 'gpb.item.2101102', 'gpb.item.2101103', 'gpb.item.2210201', 'sangong.total', 'sangong.reception'].map((m) => [m, '0'])));
    const text = await generate('003', zero);
    for (const figure of [
      '收支总预算1225.47万元',
      '一般公共预算拨款收入1225.47万元，占100.00%',
      // 部门公开表3 prints no 合计 row: its 类 rows add to 1181.46 (the document's 1181.47 carries a 尾差)
      '基本支出44.00万元，占3.59%；项目支出1181.46万元，占96.41%',
      '一般公共服务支出（类）55.30万元，占4.51%',
      '科学技术支出（类）1157.61万元，占94.46%',
      '社会保障和就业支出（类）5.99万元，占0.49%',
      '卫生健康支出（类）3.11万元，占0.25%',
      '住房保障支出（类）3.45万元，占0.28%',
      '一般公共预算当年拨款1225.47万元，比上年新增1225.47万元',
      '事业运行（项）2024年预算数为55.30万元，比上年新增55.30万元',
      '人员经费41.97万元',
      '公用经费2.03万元',
    ]) {
      expect(text).toContain(figure);
    }
  });

  it('002 (决算 in 元, prior figures from its own text)', async () => {
    const text = await generate('002', prior({ 'income.total': '211.63', 'fiscal.total': '211.63', 'gpb.total': '211.63', 'basic.personnel': '143.14', 'basic.public': '68.49' }));
    for (const figure of [
      '收入、支出决算总计198.95万元，比上年减少12.68万元，下降5.99%',
      '财政拨款收入、支出决算总计198.95万元，比上年减少12.68万元，下降5.99%',
      '一般公共预算财政拨款支出198.95万元，比上年减少12.68万元，下降5.99%',
      '基本支出153.92万元，占77.37%；项目支出45.03万元，占22.63%',
      '人员经费147.05万元，比上年增加3.91万元，增长2.73%',
      '公用经费6.87万元，比上年减少61.62万元，下降89.97%',
      '一般公共服务支出（类）175.88万元',
      '社会保障和就业支出（类）15.12万元',
      '卫生健康支出（类）7.95万元',
    ]) {
      expect(text).toContain(figure);
    }
  });

  it('000', async () => {
    const text = await generate('000', prior({ 'basic.total': '204.50' }));
    for (const figure of ['收支总预算244.74万元', '城乡社区支出（类）210.73万元', '人员经费202.73万元', '公用经费12.01万元', '2024年一般公共预算基本支出214.74万元']) {
      expect(text).toContain(figure);
    }
  });
});

// What the generator takes besides the disclosure tables: the number of projects of a project
// list, the 政府采购 figures of a 政府采购 table (or the 补充信息 sheet), and last year's reasons,
// each tied back to the figure its clause names.
import type ExcelJS from 'exceljs';
import { narrateCommand } from '../src/core/commands/narrate';
import { openBook } from '../src/core/check/check';
import { checkNarrative } from '../src/core/narrative/check';
import { collectFacts, type Facts } from '../src/core/narrative/facts';
import { generateNarrative } from '../src/core/narrative/generate';
import { lexiconFor } from '../src/core/narrative/lexicon';
import { renderText } from '../src/core/narrative/render';
import { priorReasons } from '../src/core/narrative/sources';
import type { Cents } from '../src/core/money';
import { readWorkbookGrid } from '../src/adapters/exceljs/read-grid';
import { loadLexicon, nodeResources } from '../src/adapters/node/templates';
import { sampleCatalogs, sampleLedger, sampleWorkbook } from './helpers/sample';
import { specs, random } from './helpers/workbook';

const res = nodeResources();

const narrate = (wb: ExcelJS.Workbook, year: number) => narrateCommand({ file: 'x.xlsx', grid: readWorkbookGrid(wb) }, res, { year });

describe('项目支出: the number of projects from a project list', () => {
  it.each([1, 2, 3, 4, 5, 6])('seed %i', async (seed) => {
    const r = random(seed);
    const kind = seed % 2 ? 'budget-2025' : 'final-2024';
    const year = seed % 2 ? 2025 : 2024;
    const wb = await sampleWorkbook(kind);
    const count = 1 + Math.floor(r() * 30);
    const ws = wb.addWorksheet(['项目支出明细表', '项目清单', '部门项目支出预算明细表'][seed % 3]);
    const top = Math.floor(r() * 3);
    for (let i = 0; i < top; i++) ws.addRow([i === 0 ? `${year}年项目明细表` : '单位：万元']);
    ws.addRow(r() < 0.5 ? ['序号', '项目名称', '金额', '备注'] : ['序号', '项目名称', '预算数', '备注']);
    if (r() < 0.5) ws.addRow(['栏次', '', '1', '']);
    let total = 0;
    const rows = Array.from({ length: count }, (_, i) => {
      const v = Math.round(r() * 100000) / 100;
      total += v;
      return [i + 1, `项目${i + 1}`, v, ''];
    });
    if (r() < 0.5) ws.addRow(['', '合计', Math.round(total * 100) / 100, '']);
    rows.forEach((row) => ws.addRow(row));
    const { report } = narrate(wb, year);
    const text = renderText(report.narrative);
    const project = /项目支出(\d+\.\d\d)万元，占/.exec(text)![1];
    expect(text).toContain(kind.startsWith('budget') ? `${year}年项目支出${project}万元，共安排${count}个项目。` : `${year}年度项目支出${project}万元，共涉及${count}个项目。`);
  });

  it('no project list, no such sentence', async () => {
    expect(renderText(narrate(await sampleWorkbook('budget-2025'), 2025).report.narrative)).not.toMatch(/个项目。/);
  });
});

describe('政府采购 from a 政府采购 table or the 补充信息 sheet', () => {
  it.each([1, 2, 3, 4, 5, 6, 7, 8])('seed %i', async (seed) => {
    const r = random(100 + seed);
    const final = seed % 2 === 0;
    const year = final ? 2024 : 2025;
    const wb = await sampleWorkbook(final ? 'final-2024' : 'budget-2025');
    const yuan = r() < 0.5;
    const ws = wb.addWorksheet(final ? '政府采购情况表' : '政府采购预算表');
    ws.addRow([final ? '政府采购支出表' : '政府采购支出预算表']);
    ws.addRow([yuan ? '单位：元' : '单位：万元']);
    const goodsFirst = r() < 0.5;
    ws.addRow(['采购项目', '采购品目', ...(goodsFirst ? ['货物', '工程', '服务'] : ['服务', '货物', '工程']), '合计']);
    const sums = { goods: 0, works: 0, services: 0 };
    const n = 1 + Math.floor(r() * 4);
    const scale = yuan ? 1 : 0.0001;
    for (let i = 0; i < n; i++) {
      const v = { goods: Math.round(r() * 5e6), works: r() < 0.5 ? 0 : Math.round(r() * 5e6), services: Math.round(r() * 5e6) };
      for (const k of ['goods', 'works', 'services'] as const) sums[k] += v[k];
      const cols = goodsFirst ? [v.goods, v.works, v.services] : [v.services, v.goods, v.works];
      ws.addRow([`采购${i + 1}`, '品目', ...cols.map((x) => x * scale), (v.goods + v.works + v.services) * scale]);
    }
    const totalRow = n > 1 || r() < 0.5;
    if (totalRow) {
      const cols = goodsFirst ? [sums.goods, sums.works, sums.services] : [sums.services, sums.goods, sums.works];
      ws.addRow(['合计', '', ...cols.map((x) => x * scale), (sums.goods + sums.works + sums.services) * scale]);
    }
    // in 万元 cents: 元 ÷ 100, rounded
    const wan = (yuanAmount: number) => (Math.round(yuanAmount / 100) / 100).toFixed(2);
    const total = sums.goods + sums.works + sums.services;
    const text = renderText(narrate(wb, year).report.narrative);
    const [budget, spent] = final ? ['支出', '支出'] : ['预算', '预算'];
    expect(text).toContain(`${final ? '年度' : '年'}政府采购${final ? '支出' : '预算'}总额${wan(total)}万元，其中：政府采购货物${budget}${wan(sums.goods)}万元、政府采购工程${spent}${wan(sums.works)}万元、政府采购服务${budget}${wan(sums.services)}万元`);
    // the 补充信息 sheet wins
    const sup = wb.addWorksheet('补充信息');
    sup.addRows([['政府采购总额', 12.5], ['政府采购货物', 10], ['政府采购工程', 0], ['政府采购服务', 2.5]]);
    expect(renderText(narrate(wb, year).report.narrative)).toContain(`总额12.50万元，其中：政府采购货物${budget}10.00万元`);
  });
});

describe('last year’s reasons, each tied to the figure its clause names', () => {
  /** Last year: every figure 10% lower, so that every figure changed. */
  const lower = (facts: Facts): Facts => new Map([...facts].map(([k, f]) => [k, { ...f, value: Math.round(f.value * 0.9) as Cents }]));

  it.each(['budget-2025', 'final-2024'])('%s: every reason written is read back for its own figure', async (name) => {
    const ledger = sampleLedger(name);
    const catalogs = sampleCatalogs(ledger);
    const facts = collectFacts(openBook({ grid: readWorkbookGrid(await sampleWorkbook(name)), specs, catalogs: () => catalogs, year: ledger.year }).book);
    const kind = ledger.kind;
    const budgetFacts = kind === 'final' ? lower(collectFacts(openBook({ grid: readWorkbookGrid(await sampleWorkbook('budget-2024')), specs, catalogs: () => catalogs, year: 2024 }).book)) : undefined;
    const metrics = [...facts.keys(), 'sangong.total'];
    const token = (m: string) => `理由${metrics.indexOf(m)}号`;
    const reasons = new Map(metrics.map((m) => [m, token(m)]));
    const text = renderText(generateNarrative({ kind, year: ledger.year, department: '示例县示例局', facts, prior: lower(facts), budget: budgetFacts, reasons }));
    const written = new Set([...text.matchAll(/理由(\d+)号/g)].map((m) => metrics[Number(m[1])]));
    expect(written.size).toBeGreaterThan(kind === 'budget' ? 15 : 10);
    const paragraphs = text.split('\n').map((t) => ({ text: t }));
    const read = priorReasons(paragraphs, facts, { lexicon: lexiconFor(loadLexicon(), kind), kind });
    for (const [metric, reason] of read) expect([metric, reason]).toEqual([metric, token(metric)]);
    expect([...written].filter((m) => !read.has(m))).toEqual([]);
    // and the text with its reasons checks clean
    const findings = checkNarrative({ paragraphs: text.split('\n').map((t, i) => ({ sheet: '情况说明', cell: `A${i + 1}`, text: t })), kind, year: ledger.year, facts, prior: lower(facts), budget: budgetFacts, lexicon: lexiconFor(loadLexicon(), kind) });
    expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
  });
});

#!/usr/bin/env node
// The main job on the embedded sample (示例县示例局): blank templates of both kinds, and the
// sample's budget (this year and last) and final-account workbooks, written to ./out.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const ExcelJS = require('exceljs');
const { main } = require('../dist/cli/main.js');

const root = path.join(__dirname, '..');
const out = path.join(root, 'out');
const sample = (name) => path.join(root, 'templates', 'sample', `${name}.json`);

const jobs = [
  { title: '预算公开表空白模板', file: '预算公开表模板-2025.xlsx', args: ['--kind', 'budget', '--year', '2025', '--unit', '（单位名称）'] },
  { title: '决算公开表空白模板', file: '决算公开表模板-2025.xlsx', args: ['--kind', 'final', '--year', '2025', '--unit', '（单位名称）'] },
  { title: '示例单位 2025 年部门预算', file: '示例县示例局-2025年部门预算.xlsx', args: ['--kind', 'budget', '--data', sample('budget-2025')] },
  { title: '示例单位 2024 年部门预算（上年）', file: '示例县示例局-2024年部门预算.xlsx', args: ['--kind', 'budget', '--data', sample('budget-2024')] },
  { title: '示例单位 2024 年部门决算', file: '示例县示例局-2024年部门决算.xlsx', args: ['--kind', 'final', '--data', sample('final-2024')] },
];

/** Key totals read back from the written file (cached formula results). */
const KEY_CELLS = {
  budget: [['预算01表 部门收支总表', 'B37', '收入总计'], ['预算05表 一般公共预算支出表', 'C6', '一般公共预算支出'], ['预算05表 一般公共预算支出表', 'D6', '其中基本支出'], ['预算07表 一般公共预算“三公”经费支出表', 'G7', '“三公”经费']],
  final: [['公开01表 收入支出决算总表', 'C37', '收入总计'], ['公开05表 一般公共预算财政拨款支出决算表', 'C7', '一般公共预算财政拨款支出'], ['公开05表 一般公共预算财政拨款支出决算表', 'D7', '其中基本支出'], ['公开09表 财政拨款“三公”经费支出决算表', 'G8', '“三公”经费决算数']],
};

async function run() {
  fs.mkdirSync(out, { recursive: true });
  for (const job of jobs) {
    const file = path.join(out, job.file);
    console.log(`\n== ${job.title}`);
    const code = await main(['template', ...job.args, '-o', file, '--force']);
    if (code !== 0) process.exit(code);
    if (!job.args.includes('--data')) continue;
    const kind = job.args[job.args.indexOf('--kind') + 1];
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const unit = kind === 'budget' ? '万元' : '元';
    for (const [sheet, cell, label] of KEY_CELLS[kind]) {
      const value = wb.getWorksheet(sheet).getCell(cell).value;
      const n = typeof value === 'object' && value ? value.result : value;
      console.log(`  ${label}：${Number(n).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })} ${unit}（${sheet}!${cell}，公式）`);
    }
  }
  await exportRoundTrip();
  await narrateAndCheck();
  await publishedPdf();
  console.log(`\n输出目录：${out}`);
}

/**
 * What an accountant receives from the 一体化系统: only 项 rows, no names, typed totals (one of
 * them wrong). gongkai fill restores names, 类/款 rows and formulas; recalc fixes the typed total.
 */
async function exportRoundTrip() {
  const ledger = JSON.parse(fs.readFileSync(sample('budget-2025'), 'utf8'));
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('一般公共预算支出');
  ws.addRow(['一般公共预算支出表']);
  ws.addRow(['单位：万元']);
  ws.addRow(['科目编码', '科目名称', '合计', '基本支出', '项目支出']);
  const items = ledger.items.filter((i) => i.fund === 'gpb').sort((a, b) => a.code.localeCompare(b.code));
  const n = (t) => Number(String(t ?? '0').replace(/,/g, ''));
  const basic = items.reduce((a, i) => a + Math.round(n(i.basic) * 100), 0);
  const project = items.reduce((a, i) => a + Math.round(n(i.project) * 100), 0);
  ws.addRow(['', '合计', (basic + project) / 100 + 1, basic / 100, project / 100]); // 合计 typed 1.00 too high
  for (const i of items) ws.addRow([i.code, '', (Math.round(n(i.basic) * 100) + Math.round(n(i.project) * 100)) / 100, n(i.basic), n(i.project)]);
  const exported = path.join(out, '示例县示例局-一体化导出.xlsx');
  await wb.xlsx.writeFile(exported);
  const filled = path.join(out, '示例县示例局-一体化导出-已填充.xlsx');
  const fixed = path.join(out, '示例县示例局-一体化导出-已重算.xlsx');
  console.log('\n== 一体化系统导出的支出表：只有项级科目、没有名称、合计手填且有误');
  for (const args of [['fill', exported, '-o', filled, '--year', '2025'], ['recalc', filled, '-o', fixed, '--formulas']]) {
    console.log(`$ gongkai ${args.map((a) => path.basename(a)).join(' ')}`);
    const code = await main([...args, '--force']);
    if (code !== 0) process.exit(code);
  }
}

/** The 情况说明 written from this year's and last year's workbooks, then checked with the tables. */
async function narrateAndCheck() {
  const current = path.join(out, '示例县示例局-2025年部门预算.xlsx');
  const prior = path.join(out, '示例县示例局-2024年部门预算.xlsx');
  const docx = path.join(out, '示例县示例局-2025年部门预算情况说明.docx');
  const withNarrative = path.join(out, '示例县示例局-2025年部门预算-含情况说明.xlsx');
  console.log('\n== 生成情况说明（与上年比较），再连同表格一起检查');
  for (const args of [['narrate', current, '--prior', prior, '-o', docx], ['narrate', current, '--prior', prior, '-o', withNarrative]]) {
    console.log(`$ gongkai ${args.map((a) => path.basename(a)).join(' ')}`);
    const code = await main([...args, '--force']);
    if (code !== 0) process.exit(code);
  }
  const annotated = path.join(out, '示例县示例局-2025年部门预算-检查标记.xlsx');
  console.log(`$ gongkai check ${path.basename(withNarrative)} --prior ${path.basename(prior)} --annotate ${path.basename(annotated)}`);
  const code = await main(['check', withNarrative, '--prior', prior, '--annotate', annotated, '--force']);
  console.log(`（退出码 ${code}：0 表示没有错误，1 表示有错误）`);
}

/**
 * The disclosure as published: templates/sample holds the PDF LibreOffice printed from the sample
 * budget, with one figure changed after printing (2010301 行政运行 386.42 → 368.42), as a reviewer
 * may receive it. check finds the figure on its page (and marks it in a copy); compare finds it
 * is the one place where the PDF differs from the workbook.
 */
async function publishedPdf() {
  const pdf = path.join(root, 'templates', 'sample', '示例县示例局-2025年部门预算-公开.pdf');
  const workbook = path.join(out, '示例县示例局-2025年部门预算.xlsx');
  const marked = path.join(out, '示例县示例局-2025年部门预算-公开-标记.pdf');
  console.log('\n== 已公开的 PDF：检查（问题标在 PDF 副本上），再与工作簿逐数核对');
  console.log(`$ gongkai check ${path.basename(pdf)} --annotate ${path.basename(marked)}`);
  const checked = await main(['check', pdf, '--annotate', marked, '--force']);
  console.log(`（退出码 ${checked}）`);
  console.log(`$ gongkai compare ${path.basename(workbook)} ${path.basename(pdf)}`);
  const compared = await main(['compare', workbook, pdf]);
  console.log(`（退出码 ${compared}：0 表示一致，1 表示有不同）`);
}

run().catch((e) => {
  console.error(e);
  process.exit(3);
});

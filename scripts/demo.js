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
  console.log(`\n输出目录：${out}`);
}

run().catch((e) => {
  console.error(e);
  process.exit(3);
});

#!/usr/bin/env node
// Benchmarks: load, recognition, rules and annotate on the sample workbooks (9 tables each) and
// on a generated one with many code rows. Prints medians over repeated runs; no assertion.
'use strict';
const path = require('node:path');
const fs = require('node:fs');
const { performance } = require('node:perf_hooks');
const ExcelJS = require('exceljs');
const { loadSpecs, loadCrossRules, catalogsForCheck, loadCatalog } = require('../dist/adapters/node/templates');
const { readWorkbookGrid } = require('../dist/adapters/exceljs/read-grid');
const { planToBuffer } = require('../dist/adapters/exceljs/write-plan');
const { annotateWorkbook } = require('../dist/adapters/exceljs/annotate');
const { recognize } = require('../dist/core/recognize/tables');
const { checkWorkbook } = require('../dist/core/check/check');
const { buildWorkbook } = require('../dist/core/plan/workbook');
const { Ledger, ledgerToTables } = require('../dist/core/ledger');

const specs = loadSpecs();
const crossRules = loadCrossRules();
const catalogs = catalogsForCheck();

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

async function time(fn, runs) {
  const out = [];
  let result;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    result = await fn();
    out.push(performance.now() - t0);
  }
  return { ms: median(out), result };
}

/** A ledger with many 项 rows (codes made up within real 款), for a large workbook. */
function bigLedger(items) {
  const base = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'templates', 'sample', 'budget-2025.json'), 'utf8'));
  const ledger = { ...base, items: [], names: { ...base.names } };
  // 25 款 × at most 99 项 each
  const sections = ['20101', '20102', '20103', '20104', '20105', '20106', '20107', '20108', '20110', '20111', '20113', '20114', '20123', '20125', '20126', '20128', '20129', '20131', '20132', '20133', '20134', '20136', '20805', '21011', '22102'];
  for (let i = 0; i < items; i++) {
    const kuan = sections[i % sections.length];
    const code = `${kuan}${String(1 + Math.floor(i / sections.length)).padStart(2, '0')}`;
    ledger.names[kuan.slice(0, 3)] ??= `类${kuan.slice(0, 3)}`;
    ledger.names[kuan] ??= `款${kuan}`;
    ledger.names[code] = `项${code}`;
    ledger.items.push({ code, fund: 'gpb', basic: String((i % 97) + 0.37), project: String((i % 13) + 0.5) });
  }
  return Ledger.parse(ledger);
}

async function workbookBuffer(ledger) {
  const plan = buildWorkbook({ specs: specs.filter((s) => s.kind === ledger.kind && !s.extra), department: ledger.department, year: ledger.year, classes: loadCatalog('function', Math.max(2024, ledger.year)).classes(), data: ledgerToTables(ledger) });
  return planToBuffer(plan);
}

async function bench(label, buffer, runs) {
  const load = await time(async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buffer);
    return wb;
  }, runs);
  const grid = await time(() => readWorkbookGrid(load.result), runs);
  const cat = catalogs(null);
  const rec = await time(() => recognize(grid.result, { specs, classes: cat.function.classes() }), runs);
  const check = await time(() => checkWorkbook({ file: label, grid: grid.result, specs, crossRules, catalogs }), runs);
  const annotate = await time(async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buffer);
    const t0 = performance.now();
    annotateWorkbook(wb, check.result);
    return performance.now() - t0;
  }, Math.min(runs, 5));
  const rows = grid.result.sheets.reduce((n, s) => n + s.rows.size, 0);
  console.log(`${label}: ${rec.result.tables.length} 张表，${rows} 行，${check.result.findings.length} 条结果`);
  console.log(`  读取 .xlsx（exceljs）  ${load.ms.toFixed(1)} ms`);
  console.log(`  转为网格              ${grid.ms.toFixed(1)} ms`);
  console.log(`  识别                  ${rec.ms.toFixed(1)} ms`);
  console.log(`  识别 + 全部规则        ${check.ms.toFixed(1)} ms   （目标 < 50 ms；${(check.ms / 50).toFixed(2)} 倍于目标）`);
  console.log(`  标记（annotate）       ${annotate.result.toFixed(1)} ms`);
}

(async () => {
  if (process.env.BENCH_WRITE_BIG) { fs.writeFileSync(process.env.BENCH_WRITE_BIG, await workbookBuffer(bigLedger(2000))); return; }
  const sample = (n) => Ledger.parse(JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'templates', 'sample', `${n}.json`), 'utf8')));
  await bench('示例单位 2025 年预算', await workbookBuffer(sample('budget-2025')), 21);
  await bench('示例单位 2024 年决算', await workbookBuffer(sample('final-2024')), 21);
  await bench('生成的大单位（2,000 个项级科目）', await workbookBuffer(bigLedger(2000)), 5);
})().catch((e) => {
  console.error(e);
  process.exit(3);
});

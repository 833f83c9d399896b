#!/usr/bin/env node
// Benchmarks (figures and ratios, no assertions):
//   1. one workbook: load, recognition, rules, narrative, annotate — on the sample and on a
//      generated department of 2,000 code rows;
//   2. a batch of generated workbooks (fixed seed; budget and 决算, 20–2,000 code rows, several
//      layouts): wall time, workbooks per second, peak RSS, and the floor — unzipping and
//      scanning the same files' XML with no workbook model — as a ratio.
//   3. the hostile corpora (test/hostile: bombs, broken, huge and malicious files): each file checked
//      in a child process of its own, with its wall time and peak RSS; the slowest case and the one
//      that took the most memory.
// BENCH_FILES sets the batch size (default 1000); the corpus is cached under the OS temp folder.
/* eslint-disable @typescript-eslint/no-require-imports -- a plain Node script, run on the built CLI */
'use strict';
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { performance } = require('node:perf_hooks');
const ExcelJS = require('exceljs');
const { Zip } = require('../dist/adapters/node/zip');
const { readGrid } = require('../dist/adapters/node/grid-file');
const { loadSpecs, loadCrossRules, catalogsForCheck, loadCatalog } = require('../dist/adapters/node/templates');
const { planToBuffer } = require('../dist/adapters/exceljs/write-plan');
const { annotateWorkbook } = require('../dist/adapters/exceljs/annotate');
const { recognize } = require('../dist/core/recognize/tables');
const { checkWorkbook, openBook } = require('../dist/core/check/check');
const { collectFacts } = require('../dist/core/narrative/facts');
const { generateNarrative } = require('../dist/core/narrative/generate');
const { buildWorkbook } = require('../dist/core/plan/workbook');
const { Ledger, ledgerToTables } = require('../dist/core/ledger');
const { parseAmount } = require('../dist/core/money');
const { spawnSync } = require('node:child_process');

const specs = loadSpecs();
const crossRules = loadCrossRules();
const catalogs = catalogsForCheck();
const root = path.join(__dirname, '..');

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
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

function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** 项 whose basic spending the linkage rules pair with an economic 款 (社保缴费, 医疗, 公积金, 离退休). */
const LINKED = { 2080505: '30108', 2080506: '30109', 2101101: '30110', 2101103: '30111', 2210201: '30113', 2080501: '30302' };
const LINKED_TOO = ['2101102', '2080502'];
const cents = (text) => parseAmount(text);
const amountText = (c) => (c / 100).toFixed(2);

/** The economic breakdown of the general budget's basic spending follows the functional one, as in a
 * consistent workbook: the linked 项 carry their 款's amounts, the other 款 share the rest. */
function balanceEconomic(ledger) {
  const basicOf = (e) => cents(e.personnel ?? e.public ?? '0');
  // linked 款 and the 三公 parts (出国 30212, 接待 30217, 公车运行 30231, bounded by the 三公 table) stay
  const linkedEconomic = new Set([...Object.values(LINKED), '30212', '30217', '30231']);
  for (const [code, economic] of Object.entries(LINKED)) {
    const line = ledger.economic.find((e) => e.code === economic);
    if (line) ledger.items.push({ code, fund: 'gpb', basic: amountText(basicOf(line)), project: '0', personnel: amountText(basicOf(line)), public: '0' });
  }
  const total = ledger.items.filter((i) => i.fund === 'gpb').reduce((a, i) => a + cents(i.basic), 0);
  const fixed = ledger.economic.filter((e) => linkedEconomic.has(e.code)).reduce((a, e) => a + basicOf(e), 0);
  const others = ledger.economic.filter((e) => !linkedEconomic.has(e.code));
  const before = others.reduce((a, e) => a + basicOf(e), 0);
  let left = total - fixed;
  others.forEach((e, i) => {
    const share = i === others.length - 1 ? left : Math.round((basicOf(e) * (total - fixed)) / before);
    left -= share;
    if (e.personnel !== undefined) e.personnel = amountText(share);
    else e.public = amountText(share);
  });
}

/** A department of `items` 项 rows, codes from the catalog (or made up within real 款 if it is small). */
function generatedLedger(rnd, kind, year, items) {
  const base = JSON.parse(fs.readFileSync(path.join(root, 'templates', 'sample', `${kind === 'budget' ? 'budget-2025' : 'final-2024'}.json`), 'utf8'));
  const catalog = loadCatalog('function', Math.max(2024, year));
  // 项 of the classes every table lists (not 209 社会保险基金, 227 预备费 or the 230s)
  const linked = (code) => code in LINKED || LINKED_TOO.includes(code);
  let pool = catalog.entries().filter((e) => e.code.length === 7 && e.code < '225' && !e.code.startsWith('209') && !linked(e.code));
  const names = { ...base.names };
  if (pool.length < items) {
    const kuan = ['20101', '20102', '20103', '20104', '20105', '20106', '20107', '20108', '20110', '20111', '20113', '20114', '20123', '20125', '20126', '20128', '20129', '20131', '20132', '20133', '20134', '20136', '20805', '21011', '22102'];
    pool = [];
    for (let i = 0; pool.length < 2475; i++) pool.push({ code: `${kuan[i % kuan.length]}${String(1 + Math.floor(i / kuan.length)).padStart(2, '0')}`, name: `项${i}` });
  }
  const chosen = [...pool].sort(() => rnd() - 0.5).slice(0, items - Object.keys(LINKED).length);
  const ledger = { ...base, year, items: [], economic: base.economic.map((e) => ({ ...e })) };
  const unit = kind === 'budget' ? 1 : 10000;
  for (const e of chosen) {
    names[e.code] = e.name;
    names[e.code.slice(0, 5)] ??= catalog.get(e.code.slice(0, 5))?.name ?? `款${e.code.slice(0, 5)}`;
    names[e.code.slice(0, 3)] ??= catalog.get(e.code.slice(0, 3))?.name ?? `类${e.code.slice(0, 3)}`;
    const basic = Math.round(rnd() * 300 * 100 * unit) / 100;
    const project = rnd() < 0.3 ? Math.round(rnd() * 500 * 100 * unit) / 100 : 0;
    ledger.items.push({ code: e.code, fund: rnd() < 0.9 ? 'gpb' : 'gf', basic: String(basic), project: String(project) });
  }
  // basic spending split 60/40 into personnel and public funds, for the layouts that print the split
  for (const item of ledger.items) {
    const basic = cents(item.basic);
    item.personnel = amountText(Math.round(basic * 0.6));
    item.public = amountText(basic - Math.round(basic * 0.6));
  }
  for (const code of Object.keys(LINKED)) {
    names[code] = catalog.get(code)?.name ?? code;
    names[code.slice(0, 5)] ??= catalog.get(code.slice(0, 5))?.name ?? code.slice(0, 5);
    names[code.slice(0, 3)] ??= catalog.get(code.slice(0, 3))?.name ?? code.slice(0, 3);
  }
  balanceEconomic(ledger);
  ledger.names = names;
  ledger.department = `生成单位${Math.floor(rnd() * 1e6)}`;
  return Ledger.parse(ledger);
}

async function workbookBuffer(ledger, options) {
  const plan = buildWorkbook({ specs: specs.filter((s) => s.kind === ledger.kind && !s.extra), department: ledger.department, year: ledger.year, classes: loadCatalog('function', Math.max(2024, ledger.year)).classes(), data: ledgerToTables(ledger), options });
  return planToBuffer(plan);
}

async function one(label, buffer, runs) {
  // checking reads the file straight into the grid; the commands that write load the exceljs model
  const load = await time(() => readGrid(label, buffer), runs);
  const model = await time(async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buffer);
    return wb;
  }, Math.min(runs, 5));
  const grid = load.result;
  const rec = await time(() => recognize(grid, { specs, classes: catalogs(null).function.classes() }), runs);
  const check = await time(() => checkWorkbook({ file: label, grid, specs, crossRules, catalogs }), runs);
  const narrative = await time(() => {
    const { book } = openBook({ grid, specs, catalogs, year: null });
    return generateNarrative({ kind: book.recognition.kind, year: book.recognition.year ?? 2024, department: 'x', facts: collectFacts(book) });
  }, runs);
  const annotate = await time(async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buffer);
    const t0 = performance.now();
    annotateWorkbook(wb, check.result);
    return performance.now() - t0;
  }, Math.min(runs, 5));
  const rows = grid.sheets.reduce((n, s) => n + s.rows.size, 0);
  console.log(`${label}（${rec.result.tables.length} 张表，${rows} 行，${check.result.findings.length} 条结果）`);
  console.log(`  读取 ${load.ms.toFixed(1)} ms（写入类命令建 exceljs 模型 ${model.ms.toFixed(1)} ms） | 识别 ${rec.ms.toFixed(1)} ms | 识别 + 全部规则 ${check.ms.toFixed(1)} ms（目标 ≤ 20 ms：${(check.ms / 20).toFixed(2)} 倍） | 情况说明 ${narrative.ms.toFixed(1)} ms | 标记 ${annotate.result.toFixed(1)} ms`);
}

async function corpus(n) {
  // the corpus depends on the catalog the codes are drawn from
  const pool = loadCatalog('function', 2025).entries().length;
  const dir = path.join(os.tmpdir(), `gongkai-bench-corpus-v2-${n}-${pool}`);
  if (fs.existsSync(dir) && fs.readdirSync(dir).length === n) return dir;
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const rnd = mulberry32(20261122);
  const t0 = performance.now();
  for (let i = 0; i < n; i++) {
    const kind = rnd() < 0.6 ? 'budget' : 'final';
    const year = kind === 'budget' ? 2025 : 2024;
    // mostly small departments, some large: 20–2,000 code rows
    const items = Math.round(20 + (rnd() ** 3) * 1980);
    const options = { splitCodes: rnd() < 0.3, splitBasic: rnd() < 0.3, priorYear: rnd() < 0.8 };
    fs.writeFileSync(path.join(dir, `${String(i).padStart(4, '0')}-${year}年${kind === 'budget' ? '预算' : '决算'}.xlsx`), await workbookBuffer(generatedLedger(rnd, kind, year, items), options));
    if (i % 100 === 99) process.stdout.write(`  生成语料 ${i + 1}/${n}（${((performance.now() - t0) / 1000).toFixed(0)} s）\n`);
  }
  return dir;
}

/** The floor: unzip every part (with the zip reader and zlib the checker uses) and scan its XML
 * tags, building nothing. */
async function floor(files) {
  let tags = 0;
  for (const f of files) {
    const zip = new Zip(fs.readFileSync(f), Infinity);
    for (const name of zip.names()) {
      if (!name.endsWith('.xml')) continue;
      const xml = zip.text(name);
      for (let i = xml.indexOf('<'); i >= 0; i = xml.indexOf('<', i + 1)) tags++;
    }
  }
  return tags;
}

/** Builds the hostile corpora (TypeScript, run through ts-node) into a temporary folder; returns their files. */
function hostileCorpus(dir) {
  const script = `Promise.all([require('./test/hostile/corpus').buildCorpus(${JSON.stringify(path.join(dir, 'a'))}), require('./test/hostile/reader-corpus').buildReaderCorpus(${JSON.stringify(path.join(dir, 'b'))})]).then(([a, b]) => console.log(JSON.stringify([...a, ...b].map((c) => c.file))))`;
  const r = spawnSync(process.execPath, [require.resolve('ts-node/dist/bin'), '--transpile-only', '-O', '{"module":"commonjs","moduleResolution":"node"}', '-e', script], { cwd: root, encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout.trim().split('\n').pop());
}

/** Each hostile file checked by the built CLI in a child process: exit code, wall time, peak RSS. */
function hostile() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongkai-bench-hostile-'));
  try {
    const files = hostileCorpus(dir);
    const main = JSON.stringify(path.join(root, 'dist', 'cli', 'main.js'));
    const runs = files.map((file) => {
      const t0 = performance.now();
      const child = spawnSync(process.execPath, ['-e', `require(${main}).main(['check', ${JSON.stringify(file)}, '--json'], () => undefined, () => undefined).then((code) => console.log(JSON.stringify({ code, rss: process.resourceUsage().maxRSS })))`], { encoding: 'utf8', timeout: 120_000, maxBuffer: 64 * 1024 * 1024 });
      const ms = performance.now() - t0;
      const last = child.stdout ? child.stdout.trim().split('\n').pop() : '';
      const { code, rss } = last && last.startsWith('{') ? JSON.parse(last) : { code: child.status ?? child.signal, rss: NaN };
      return { name: path.relative(dir, file), code, ms, mb: rss / 1024 };
    });
    for (const r of runs) console.log(`  ${r.name.padEnd(40)} 退出码 ${String(r.code).padEnd(3)} ${(r.ms / 1000).toFixed(2).padStart(6)} s  峰值内存 ${r.mb.toFixed(0).padStart(5)} MB`);
    const slowest = runs.reduce((a, b) => (b.ms > a.ms ? b : a));
    const largest = runs.reduce((a, b) => (b.mb > a.mb ? b : a));
    console.log(`  ${runs.length} 个文件；最慢：${slowest.name} ${(slowest.ms / 1000).toFixed(2)} s，峰值内存 ${slowest.mb.toFixed(0)} MB（目标 ≤ 30 s）`);
    console.log(`  内存最多：${largest.name} ${largest.mb.toFixed(0)} MB，${(largest.ms / 1000).toFixed(2)} s（目标 < 1 GB）`);
    const bad = runs.filter((r) => ![0, 1, 2].includes(r.code));
    if (bad.length) console.log(`  异常退出：${bad.map((r) => `${r.name}（${r.code}）`).join('、')}`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The published PDFs of test/fixtures/pdf, each read and checked by the built CLI in a child
 * process (the whole command, start-up included), median of 3; the target is under 2 s for a
 * disclosure of about 30 pages.
 */
async function pdfs() {
  const dir = path.join(root, 'test', 'fixtures', 'pdf');
  const { PDFDocument } = require('pdf-lib');
  const bin = path.join(root, 'bin', 'gongkai.js');
  const rows = [];
  for (const name of fs.readdirSync(dir).filter((f) => f.endsWith('.pdf'))) {
    const file = path.join(dir, name);
    const pages = (await PDFDocument.load(fs.readFileSync(file), { updateMetadata: false })).getPageCount();
    const times = [];
    let code;
    for (let i = 0; i < 3; i++) {
      const t0 = performance.now();
      code = spawnSync(process.execPath, [bin, 'check', file, '--json'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }).status;
      times.push(performance.now() - t0);
    }
    rows.push({ name, pages, ms: times.sort((a, b) => a - b)[1], code });
  }
  for (const r of rows.sort((a, b) => b.pages - a.pages)) {
    console.log(`  ${r.name.padEnd(36)} ${String(r.pages).padStart(3)} 页  读取并检查 ${(r.ms / 1000).toFixed(2)} s（退出码 ${r.code}）`);
  }
  const around30 = rows.filter((r) => r.pages >= 25 && r.pages <= 35);
  const worst = around30.reduce((a, b) => (b.ms > a.ms ? b : a), around30[0]);
  if (worst) console.log(`  约 30 页的公开 PDF 最慢：${worst.name}（${worst.pages} 页）${(worst.ms / 1000).toFixed(2)} s，目标 < 2 s：${(worst.ms / 2000).toFixed(2)} 倍`);
}

(async () => {
  if (process.env.BENCH_ONLY === 'pdf') {
    console.log('== 公开 PDF（test/fixtures/pdf，整条命令含启动，3 次取中位数）');
    return pdfs();
  }
  if (process.env.BENCH_ONLY === 'hostile') {
    console.log('== 恶意与异常文件（test/hostile 语料，每个文件单独一个进程）');
    return hostile();
  }
  const sample = (n) => Ledger.parse(JSON.parse(fs.readFileSync(path.join(root, 'templates', 'sample', `${n}.json`), 'utf8')));
  console.log('== 单个工作簿（中位数）');
  await one('示例单位 2025 年预算', await workbookBuffer(sample('budget-2025')), 21);
  await one('示例单位 2024 年决算', await workbookBuffer(sample('final-2024')), 21);
  await one('生成的大单位（2,000 个项级科目）', await workbookBuffer(generatedLedger(mulberry32(1), 'budget', 2025, 2000)), 5);

  const n = Number(process.env.BENCH_FILES ?? 1000);
  console.log(`\n== 批量：${n} 个工作簿`);
  const dir = await corpus(n);
  const files = fs.readdirSync(dir).map((f) => path.join(dir, f));
  const bytes = files.reduce((a, f) => a + fs.statSync(f).size, 0);
  const f0 = performance.now();
  await floor(files);
  const floorMs = performance.now() - f0;
  // the batch runs in a process of its own, so its peak memory is the batch's alone
  const t0 = performance.now();
  const child = spawnSync(process.execPath, ['-e', `require(${JSON.stringify(path.join(root, 'dist', 'cli', 'commands', 'batch.js'))}).runBatch([${JSON.stringify(dir)}], { workers: '${os.cpus().length}' }, () => undefined).then((r) => { const u = process.resourceUsage(); console.log(JSON.stringify({ last: r.text.split('\\n').pop(), rss: u.maxRSS, cpu: (u.userCPUTime + u.systemCPUTime) / 1000 })); })`], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const wall = performance.now() - t0;
  if (child.status !== 0) throw new Error(child.stderr);
  const { last, rss: peak, cpu } = JSON.parse(child.stdout.trim().split('\n').pop());
  const result = { text: last };
  console.log(`  语料 ${(bytes / 1024 / 1024).toFixed(1)} MB，${os.cpus().length} 个工作线程`);
  console.log(`  批量检查 ${(wall / 1000).toFixed(1)} s，每秒 ${((n / wall) * 1000).toFixed(1)} 个工作簿；CPU 时间共 ${(cpu / 1000).toFixed(1)} s（每个文件 ${(cpu / n).toFixed(1)} ms）`);
  console.log(`  下限（只解压并扫描 XML，单线程） ${(floorMs / 1000).toFixed(1)} s；批量 ÷ 下限 = ${(wall / floorMs).toFixed(2)}（目标 ≤ 3）`);
  console.log(`  峰值内存 ${(peak / 1024).toFixed(0)} MB（批量检查的进程及其工作线程；目标 < 400 MB）`);
  console.log(`  ${result.text.split('\n').pop()}`);

  console.log('\n== 公开 PDF（test/fixtures/pdf，整条命令含启动，3 次取中位数）');
  await pdfs();

  console.log('\n== 恶意与异常文件（test/hostile 语料，每个文件单独一个进程）');
  hostile();
})().catch((e) => {
  console.error(e);
  process.exit(3);
});

// The task pane inside a page that provides a test double of the Office.js Excel API over an
// in-memory workbook (the double stands in for Office.js: the page is built without its tag):
// click each button, then look at the workbook; open the pane as each ribbon button does
// (?cmd=) and see that command run. Screenshot in test-output/.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Server } from 'node:http';
import type { Browser, Page } from 'playwright-core';
import webpack from 'webpack';
import HtmlWebpackPlugin from 'html-webpack-plugin';
import { closeServer, config, launch, root, serve, watchRequests } from './taskpane-harness';
import { tmpDir } from '../helpers/tmp';
import { loadCatalog } from '../../src/adapters/node/templates';

const out = tmpDir('double');
const PORT = 3418;
let server: Server;
let browser: Browser;
let page: Page;
let foreign: () => string[];

type WorkbookView = { sheets: () => string[]; cell: (s: string, a: string) => { value: unknown; formula: string | null; fill: string | null } | null; syncs: number };

beforeAll(async () => {
  const base = config({}, { mode: 'development' });
  await new Promise<void>((resolve, reject) =>
    webpack(
      {
        ...base,
        entry: { double: [path.join(__dirname, '..', 'browser', 'office-double.ts'), path.join(__dirname, 'taskpane-double-seed.ts'), './src/taskpane/taskpane.ts'] },
        output: { path: out, filename: '[name].js' },
        module: { rules: [{ test: /\.ts$/, loader: 'ts-loader', options: { configFile: 'tsconfig.json', transpileOnly: true }, exclude: /node_modules/ }, { test: /\.css$/, type: 'asset/source' }] },
        plugins: [new HtmlWebpackPlugin({ filename: 'double.html', template: './src/taskpane/taskpane.html', chunks: ['double'] })],
        devtool: false,
      },
      (err, stats) => (err || stats?.hasErrors() ? reject(err ?? new Error(stats?.toString({ all: false, errors: true }))) : resolve()),
    ),
  );
  fs.mkdirSync(path.join(out, 'assets'), { recursive: true });
  // the icons the page shows (not the schemas folder beside them)
  for (const f of fs.readdirSync(path.join(root, 'assets')).filter((n) => n.endsWith('.png'))) fs.copyFileSync(path.join(root, 'assets', f), path.join(out, 'assets', f));
  server = await serve(out, PORT);
  browser = await launch();
  page = await browser.newPage({ acceptDownloads: true });
  foreign = watchRequests(page, `http://127.0.0.1:${PORT}`).foreign;
  await page.goto(`http://127.0.0.1:${PORT}/double.html`);
  await page.waitForSelector('#host:has-text("在 Excel 中")');
}, 170_000);

afterAll(async () => {
  await browser?.close();
  await closeServer(server);
  fs.rmSync(out, { recursive: true, force: true });
});

const workbook = <T>(f: (w: WorkbookView) => T): Promise<T> => page.evaluate(`(${f.toString()})(window.__workbook)`) as Promise<T>;

async function press(cmd: string, done: string): Promise<void> {
  await page.click(`button[data-cmd="${cmd}"]`);
  await page.waitForSelector(`#status:has-text("${done}")`, { timeout: 60_000 });
}

/** Runs a command by its button; returns the context.sync calls it made. */
async function syncsOf(cmd: string, done: string): Promise<number> {
  const before = await workbook((w) => w.syncs);
  await press(cmd, done);
  return (await workbook((w) => w.syncs)) - before;
}

it('each button works on the open workbook, in at most three syncs a command', async () => {
  // 插入模板: the first click shows the form, the second inserts
  await page.click('button[data-cmd="template"]');
  await page.waitForSelector('#status:has-text("填好下面的信息")');
  await page.fill('#department', '示例单位');
  expect(await syncsOf('template', '已生成 9 张表')).toBeLessThanOrEqual(3);
  let sheets = await workbook((w) => w.sheets());
  expect(sheets[0]).toBe('预算01表 部门收支总表');
  expect(await workbook((w) => w.cell('预算05表 一般公共预算支出表', 'C6'))).toMatchObject({ formula: 'SUM(D6:E6)' });

  expect(await syncsOf('check', '检查完成')).toBeLessThanOrEqual(3);
  expect(await page.locator('#results li').count()).toBeGreaterThan(0);
  sheets = await workbook((w) => w.sheets());
  expect(sheets).toContain('检查结果');

  expect(await syncsOf('clear', '检查标记')).toBeLessThanOrEqual(3);
  expect(await workbook((w) => w.sheets())).not.toContain('检查结果');

  expect(await syncsOf('narrate', '已生成情况说明')).toBeLessThanOrEqual(3);
  expect(await workbook((w) => w.sheets())).toContain('情况说明');
  expect(await workbook((w) => w.cell('情况说明', 'A1'))).toMatchObject({ value: '示例单位2025年部门预算情况说明' });
  expect(await page.locator('#downloads a').textContent()).toBe('下载：情况说明.docx');

  expect(await syncsOf('fill', '填充完成')).toBeLessThanOrEqual(3);
  expect(await syncsOf('recalc', '重算完成')).toBeLessThanOrEqual(3);
  await page.screenshot({ path: path.join(root, 'test-output', 'taskpane-in-excel-double.png'), fullPage: true });
  expect(foreign()).toEqual([]);
}, 120_000);

// What each ribbon button's URL does on opening the pane over a workbook holding the budget tables
const OPENED: Record<string, RegExp> = {
  template: /^填好下面的信息后再点一次“插入模板”。$/,
  fill: /^填充完成：改动 0 处/,
  recalc: /^重算完成：0 处合计不对/,
  check: /^检查完成：错误 \d+ 处/,
  clear: /^这个工作簿里没有检查标记。$/,
  narrate: /^已生成情况说明/,
};

it('each ribbon button opens the pane with ?cmd=, and the pane runs (or, for the template, arms) that command', async () => {
  const manifest = fs.readFileSync(path.join(root, 'manifest.xml'), 'utf8');
  const commands = [...manifest.matchAll(/taskpane\.html\?cmd=(\w+)"/g)].map((m) => m[1]);
  const buttons = [...manifest.matchAll(/<Control xsi:type="Button"/g)].length;
  expect(commands.length).toBe(buttons);
  expect([...commands].sort()).toEqual(Object.keys(OPENED).sort());
  for (const cmd of commands) {
    const opened = await browser.newPage();
    await opened.goto(`http://127.0.0.1:${PORT}/double.html?seed=1&cmd=${cmd}`);
    await opened.waitForFunction(() => !['', '处理中……'].includes(document.getElementById('status')!.textContent!), null, { timeout: 60_000 });
    expect({ cmd, status: await opened.locator('#status').textContent() }).toEqual({ cmd, status: expect.stringMatching(OPENED[cmd]) });
    expect(await opened.locator('#template-form').isVisible()).toBe(cmd === 'template');
    const sheets = await opened.evaluate(() => (window as unknown as { __workbook: { sheets(): string[] } }).__workbook.sheets());
    expect(sheets.includes('检查结果')).toBe(cmd === 'check');
    expect(sheets.includes('情况说明')).toBe(cmd === 'narrate');
    await opened.close();
  }
}, 120_000);

it("the province's catalog chosen in the pane: a wrong file named in Chinese; check then says it used the imported catalog", async () => {
  const entries = loadCatalog('function', 2025).entries().map((e) => [e.code, e.code === '2010301' ? '行政运行（本省）' : e.name]);
  const json = path.join(out, '本省科目2025.json');
  fs.writeFileSync(json, JSON.stringify({ form: 'full', classification: 'function', year: 2025, title: '2025年政府收支分类科目（导入）', source: '由 本省科目.xlsx 导入', entries }));
  const bad = path.join(out, '不是科目表.json');
  fs.writeFileSync(bad, '{"form": "full",');
  const opened = await browser.newPage();
  await opened.goto(`http://127.0.0.1:${PORT}/double.html?seed=1`);
  await opened.waitForSelector('#host:has-text("在 Excel 中")');
  await opened.setInputFiles('#catalog', bad);
  await opened.waitForSelector('#status.error:has-text("不是科目表.json 不是有效的 JSON")');
  await opened.setInputFiles('#catalog', json);
  await opened.waitForSelector(`#status:has-text("已载入科目表 本省科目2025.json：2025年功能分类 ${entries.length} 个科目")`);
  await opened.click('button[data-cmd="check"]');
  await opened.waitForSelector('#status:has-text("检查完成")', { timeout: 60_000 });
  expect(await opened.locator('#status').textContent()).toContain('科目表：功能分类用导入的科目表 本省科目2025.json（2025年）');
  await opened.close();
}, 120_000);

it("last year's workbook chosen in the pane for check: a 决算 is refused as the prior of a budget, last year's budget is taken", async () => {
  const { sampleWorkbook } = await import('../helpers/sample');
  const final = path.join(out, '2024年决算.xlsx');
  const prior = path.join(out, '2024年预算.xlsx');
  await (await sampleWorkbook('final-2024')).xlsx.writeFile(final);
  await (await sampleWorkbook('budget-2024')).xlsx.writeFile(prior);
  const opened = await browser.newPage();
  await opened.goto(`http://127.0.0.1:${PORT}/double.html?seed=1`);
  await opened.waitForSelector('#host:has-text("在 Excel 中")');
  await opened.setInputFiles('#prior', final);
  await opened.waitForSelector('#status:has-text("上年文件：2024年决算.xlsx")');
  await opened.click('button[data-cmd="check"]');
  await opened.waitForSelector('#status.error:has-text("上年文件 2024年决算.xlsx 是决算，当前工作簿 是预算：与上年比较须用上年的预算。")', { timeout: 60_000 });
  await opened.setInputFiles('#prior', prior);
  await opened.waitForSelector('#status:has-text("上年文件：2024年预算.xlsx")');
  await opened.click('button[data-cmd="check"]');
  await opened.waitForSelector('#status:has-text("检查完成")', { timeout: 60_000 });
  await opened.close();
}, 120_000);

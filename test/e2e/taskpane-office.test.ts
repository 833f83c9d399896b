// The task pane inside a page that provides a test double of the Office.js Excel API over an
// in-memory workbook: click each button, then look at the workbook. Screenshot in test-output/.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Server } from 'node:http';
import { chromium, type Browser, type Page } from 'playwright-core';
import webpack from 'webpack';
import HtmlWebpackPlugin from 'html-webpack-plugin';
import { tmpDir } from '../helpers/tmp';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { serve } = require('../../scripts/serve.js') as { serve: (dir: string, port: number) => Promise<Server> };
// eslint-disable-next-line @typescript-eslint/no-require-imports
const config = require('../../webpack.config.js');

const root = path.join(__dirname, '..', '..');
const out = tmpDir('double');
const PORT = 3418;
let server: Server;
let browser: Browser;
let page: Page;
const foreign: string[] = [];

type WorkbookView = { sheets: () => string[]; cell: (s: string, a: string) => { value: unknown; formula: string | null; fill: string | null } | null; syncs: number };

beforeAll(async () => {
  const base = config({}, { mode: 'development' });
  await new Promise<void>((resolve, reject) =>
    webpack(
      {
        ...base,
        entry: { double: [path.join(__dirname, '..', 'browser', 'office-double.ts'), './src/taskpane/taskpane.ts'] },
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
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
  page = await browser.newPage({ acceptDownloads: true });
  page.on('request', (req) => {
    if (!req.url().startsWith(`http://127.0.0.1:${PORT}/`) && !req.url().startsWith('blob:') && !req.url().startsWith('data:')) foreign.push(req.url());
  });
  await page.goto(`http://127.0.0.1:${PORT}/double.html`);
  await page.waitForSelector('#host:has-text("在 Excel 中")');
}, 170_000);

afterAll(async () => {
  await browser?.close();
  await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
});

const workbook = <T>(f: (w: WorkbookView) => T): Promise<T> => page.evaluate(`(${f.toString()})(window.__workbook)`) as Promise<T>;

async function press(cmd: string, done: string): Promise<void> {
  await page.click(`button[data-cmd="${cmd}"]`);
  await page.waitForSelector(`#status:has-text("${done}")`, { timeout: 60_000 });
}

it('each button works on the open workbook, in at most three syncs a command', async () => {
  // 插入模板: the first click shows the form, the second inserts
  await page.click('button[data-cmd="template"]');
  await page.fill('#department', '示例单位');
  await press('template', '已插入 9 张表');
  let sheets = await workbook((w) => w.sheets());
  expect(sheets[0]).toBe('预算01表 部门收支总表');
  expect(await workbook((w) => w.cell('预算05表 一般公共预算支出表', 'C6'))).toMatchObject({ formula: 'SUM(D6:E6)' });
  const afterInsert = await workbook((w) => w.syncs);
  expect(afterInsert).toBe(1);

  await press('check', '检查完成');
  expect(await page.locator('#results li').count()).toBeGreaterThan(0);
  sheets = await workbook((w) => w.sheets());
  expect(sheets).toContain('检查结果');
  expect((await workbook((w) => w.syncs)) - afterInsert).toBe(3);

  await press('clear', '已清除检查标记');
  expect(await workbook((w) => w.sheets())).not.toContain('检查结果');

  await press('narrate', '已写入“情况说明”工作表');
  expect(await workbook((w) => w.sheets())).toContain('情况说明');
  expect(await workbook((w) => w.cell('情况说明', 'A1'))).toMatchObject({ value: '示例单位2025年部门预算情况说明' });

  await press('fill', '填充完成');
  await press('recalc', '重算完成');
  await page.screenshot({ path: path.join(root, 'test-output', 'taskpane-in-excel-double.png'), fullPage: true });
  expect(foreign).toEqual([]);
}, 120_000);

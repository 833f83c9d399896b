// The task pane in Chromium (Debian's, driven by playwright-core), opened as a plain page: a
// seed-style workbook is dropped in, 检查 lists the findings, and the downloaded workbook carries
// the fills and the 检查结果 sheet. The page asks nothing of any other origin, and cell text
// holding markup is shown as text. Screenshots go to test-output/.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Server } from 'node:http';
import { chromium, type Browser, type Page } from 'playwright-core';
import { readWorkbook } from '../helpers/workbook';
import { buildSeedWorkbook } from '../fixtures/seeds/build';
import { tmpDir } from '../helpers/cli';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { serve } = require('../../scripts/serve.js') as { serve: (dir: string, port: number) => Promise<Server> };

const root = path.join(__dirname, '..', '..');
const web = path.join(root, 'dist', 'web');
const artefacts = path.join(root, 'test-output');
const PORT = 3417;
let server: Server;
let browser: Browser;
const foreign: string[] = [];

beforeAll(async () => {
  if (!fs.existsSync(path.join(web, 'taskpane.html'))) {
    // in a child process: copy-webpack-plugin imports modules dynamically, which jest's VM refuses
    execFileSync(process.execPath, [require.resolve('webpack-cli/bin/cli.js'), '--mode', 'production'], { cwd: root, stdio: 'pipe' });
  }
  fs.mkdirSync(artefacts, { recursive: true });
  server = await serve(web, PORT);
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'], // playwright gives each launch a fresh profile
  });
}, 170_000);

afterAll(async () => {
  await browser?.close();
  await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
});

async function openPage(): Promise<Page> {
  const page = await browser.newPage({ acceptDownloads: true });
  page.on('request', (req) => {
    if (!req.url().startsWith(`http://127.0.0.1:${PORT}/`) && !req.url().startsWith('blob:') && !req.url().startsWith('data:')) foreign.push(req.url());
  });
  await page.goto(`http://127.0.0.1:${PORT}/taskpane.html`);
  await page.waitForSelector('#host:has-text("浏览器")');
  return page;
}

it('standalone: drop a workbook, 检查, see the findings, download the marked workbook', async () => {
  const dir = tmpDir();
  const wb = await buildSeedWorkbook('003', false);
  wb.getWorksheet('部门公开表5')!.getCell('D9').value = '<img src=x onerror="document.title=\'pwned\'">';
  const input = path.join(dir, '城东区2024年预算.xlsx');
  await wb.xlsx.writeFile(input);

  const page = await openPage();
  await page.setInputFiles('#file', input);
  await page.waitForSelector('#status:has-text("已选择")');
  await page.click('button[data-cmd="check"]');
  await page.waitForSelector('#status:has-text("检查完成")', { timeout: 60_000 });
  const items = await page.locator('#results li').allTextContents();
  expect(items.length).toBeGreaterThan(5);
  expect(items.join('\n')).toContain('2080506');
  // markup from a cell is text, not elements
  expect(await page.locator('#results img').count()).toBe(0);
  expect(await page.title()).toBe('预决算公开助手');
  await page.screenshot({ path: path.join(artefacts, 'taskpane-standalone.png'), fullPage: true });

  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download')]);
  const saved = path.join(dir, 'marked.xlsx');
  await download.saveAs(saved);
  const marked = await readWorkbook(fs.readFileSync(saved));
  expect(marked.getWorksheet('检查结果')).toBeDefined();
  expect(marked.getWorksheet('部门公开表3')!.getCell('C14').fill).toMatchObject({ fgColor: { argb: 'FFFFC7CE' } });
  expect(foreign).toEqual([]);
}, 120_000);

it('standalone: a blank template to download', async () => {
  const page = await openPage();
  await page.click('button[data-cmd="template"]');
  await page.fill('#department', '示例单位');
  await page.selectOption('#kind', 'final');
  await page.click('button[data-cmd="template"]');
  await page.waitForSelector('#status:has-text("已生成 9 张表")');
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download')]);
  const saved = path.join(tmpDir(), 't.xlsx');
  await download.saveAs(saved);
  const wb = await readWorkbook(fs.readFileSync(saved));
  expect(wb.worksheets.map((w) => w.name)[0]).toBe('公开01表 收入支出决算总表');
  expect(foreign).toEqual([]);
}, 60_000);

// The standalone page (page.html, for people without Excel) in Chromium (Debian's, driven by
// playwright-core): a seed-style workbook is chosen, every command runs in the page, each result
// is downloaded and read back. The page loads no Office.js and asks nothing of any other origin;
// cell text holding markup is shown as text. Screenshots go to test-output/.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Server } from 'node:http';
import type { Browser, Page } from 'playwright-core';
import JSZip from 'jszip';
import { readWorkbook } from '../helpers/workbook';
import { buildSeedWorkbook } from '../fixtures/seeds/build';
import { artefacts, closeServer, ensureBuilt, launch, serve, watchRequests, web } from './taskpane-harness';
import { repeat, workbookEntries, writeZip } from '../helpers/zip';
import { samplePackage, writeParts } from '../hostile/reader-corpus';
import { richWorkbook } from '../helpers/rich-workbook';
import { run } from '../helpers/cli';
import ExcelJS from 'exceljs';
import { loadCatalog } from '../../src/adapters/node/templates';

const PORT = 3417;
const origin = `http://127.0.0.1:${PORT}`;
let server: Server;
let browser: Browser;
let dir: string;

const MARKUP = '<img src=x onerror="document.title=\'pwned\'">';

beforeAll(async () => {
  await ensureBuilt();
  fs.mkdirSync(artefacts, { recursive: true });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongkai-page-'));
  server = await serve(web, PORT);
  browser = await launch();
}, 170_000);

afterAll(async () => {
  await browser?.close();
  await closeServer(server);
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

async function openPage(query = ''): Promise<{ page: Page; foreign: () => string[] }> {
  const page = await browser.newPage({ acceptDownloads: true });
  const { foreign } = watchRequests(page, origin);
  await page.goto(`${origin}/page.html${query}`);
  await page.waitForSelector('#host:has-text("浏览器")');
  return { page, foreign };
}

async function press(page: Page, cmd: string, done: string): Promise<void> {
  await page.click(`button[data-cmd="${cmd}"]`);
  await page.waitForSelector(`#status:has-text("${done}")`, { timeout: 60_000 });
}

/** Saves the offered file whose link names `suffix`; returns where. */
async function download(page: Page, suffix: string): Promise<string> {
  const link = page.locator('#downloads a', { hasText: suffix });
  const [event] = await Promise.all([page.waitForEvent('download'), link.click()]);
  const saved = path.join(dir, event.suggestedFilename());
  await event.saveAs(saved);
  return saved;
}

const book = (file: string) => readWorkbook(fs.readFileSync(file));

it('every command on a chosen workbook, each downloaded and read back; nothing leaves the page', async () => {
  const wb = await buildSeedWorkbook('003', false);
  const t5 = wb.getWorksheet('部门公开表5')!;
  t5.getCell('D16').value = null; // 机关事业单位基本养老保险缴费支出, for fill to write
  t5.getCell('D9').value = MARKUP; // a name that is markup
  const input = path.join(dir, '城东区2024年预算.xlsx');
  await wb.xlsx.writeFile(input);
  const before = fs.readFileSync(input);

  const { page, foreign } = await openPage();
  expect(await page.evaluate(() => 'Office' in window)).toBe(false);
  await page.setInputFiles('#file', input);
  await page.waitForSelector('#status:has-text("已选择 城东区2024年预算.xlsx")');

  // 填充科目: the blank name is written
  await press(page, 'fill', '填充完成');
  expect((await page.locator('#results li').allTextContents()).join('\n')).toContain('写入科目名称：2080505 机关事业单位基本养老保险缴费支出');
  const filled = await book(await download(page, '已填充'));
  expect(filled.getWorksheet('部门公开表5')!.getCell('D16').value).toBe('机关事业单位基本养老保险缴费支出');

  // 重算合计, on the filled workbook: the printed 44.00 becomes a sum of 44.01
  await press(page, 'recalc', '重算完成');
  const recalced = (await book(await download(page, '已重算'))).getWorksheet('部门公开表5')!;
  expect(recalced.getCell('F7').value).toMatchObject({ formula: expect.stringMatching(/^SUM\(/), result: 44.01 });
  expect(recalced.getCell('D16').value).toBe('机关事业单位基本养老保险缴费支出');

  // 检查: findings grouped by sheet, a severity filter, marks and the 检查结果 sheet in the download
  await press(page, 'check', '检查完成');
  const groups = await page.locator('#results li.group').allTextContents();
  expect(groups.length).toBeGreaterThan(1);
  expect(groups.every((g) => /（\d+ 条）$/.test(g))).toBe(true);
  const items = await page.locator('#results li:not(.group)').allTextContents();
  expect(items.length).toBeGreaterThan(5);
  expect(items.join('\n')).toContain(MARKUP); // markup from a cell is text, not elements
  expect(await page.locator('#results img').count()).toBe(0);
  expect(await page.title()).toBe('预决算公开助手（不用 Excel）');
  expect(await page.locator('#results li.notice').count()).toBeGreaterThan(0);
  await page.uncheck('#filter input[data-severity="notice"]');
  expect(await page.locator('#results li.notice').count()).toBe(0);
  expect(await page.locator('#results li.error').count()).toBeGreaterThan(0);
  await page.check('#filter input[data-severity="notice"]');
  await page.screenshot({ path: path.join(artefacts, 'page-check.png'), fullPage: true });
  const marked = await book(await download(page, '检查标记'));
  expect(marked.getWorksheet('检查结果')).toBeDefined();
  const errorCell = await page.locator('#results li.error').first().evaluate((li: HTMLElement) => ({ sheet: li.dataset.sheet!, cell: li.dataset.cell! }));
  expect(marked.getWorksheet(errorCell.sheet)!.getCell(errorCell.cell).fill).toMatchObject({ fgColor: { argb: 'FFFFC7CE' } });

  // 清除标记: marks and the 检查结果 sheet gone
  await press(page, 'clear', '已清除');
  const cleared = await book(await download(page, '清除标记'));
  expect(cleared.getWorksheet('检查结果')).toBeUndefined();
  expect(cleared.getWorksheet(errorCell.sheet)!.getCell(errorCell.cell).fill).not.toMatchObject({ fgColor: { argb: 'FFFFC7CE' } });

  // 生成说明: the .docx and the workbook with its 情况说明 sheet
  await press(page, 'narrate', '已生成情况说明');
  expect(await page.locator('#results li.line').count()).toBeGreaterThan(3);
  const docx = await JSZip.loadAsync(fs.readFileSync(await download(page, '情况说明.docx')));
  const text = (await docx.file('word/document.xml')!.async('string')).replace(/<[^>]+>/g, '');
  expect(text).toContain('一般公共预算');
  const narrated = await book(await download(page, '含情况说明'));
  expect(narrated.worksheets.map((w) => w.name)).toContain('情况说明');

  expect(fs.readFileSync(input).equals(before)).toBe(true);
  expect(foreign()).toEqual([]);
}, 180_000);

it('a blank template to download, without a workbook', async () => {
  const { page, foreign } = await openPage();
  await page.click('button[data-cmd="template"]');
  await page.waitForSelector('#status:has-text("填好下面的信息")');
  await page.fill('#department', '示例单位');
  await page.selectOption('#kind', 'final');
  await press(page, 'template', '已生成 9 张表');
  const wb = await book(await download(page, '决算公开表'));
  expect(wb.worksheets.map((w) => w.name)[0]).toBe('公开01表 收入支出决算总表');
  expect(foreign()).toEqual([]);
}, 60_000);

it('refuses a workbook over 200 MB before reading it, and a command with no workbook', async () => {
  const { page, foreign } = await openPage();
  await press(page, 'fill', '请先选择一个 .xlsx 工作簿。');
  const big = path.join(dir, '大.xlsx');
  fs.closeSync(fs.openSync(big, 'w'));
  fs.truncateSync(big, 201 * 1024 * 1024); // sparse: no disk used
  await page.setInputFiles('#file', big);
  await page.waitForSelector('#status.error:has-text("大.xlsx 太大（201 MB），工作簿不能超过 200 MB。")');
  expect(await page.locator('#file-name').textContent()).toBe('选择或拖入 .xlsx 文件');
  expect(foreign()).toEqual([]);
}, 60_000);

/** The page's own thread answers at once (the work runs in its worker). */
async function responsive(page: Page): Promise<void> {
  const started = Date.now();
  expect(await page.evaluate(() => 1 + 1)).toBe(2);
  expect(Date.now() - started).toBeLessThan(2_000);
}

it('the CLI guards in the page: a bomb, a cell in XFD1048576 and an encrypted workbook, each answered in Chinese; the tab stays responsive', async () => {
  const bomb = path.join(dir, '炸弹.xlsx');
  writeZip(bomb, workbookEntries(repeat(Buffer.alloc(1024 * 1024), 1024)), { 'xl/worksheets/sheet1.xml': 1000 }); // 1 GiB of zeros, declared as 1,000 bytes
  const corner = path.join(dir, '右下角.xlsx');
  const parts = await samplePackage();
  const sheet = 'xl/worksheets/sheet5.xml'; // 预算05表, whose D9 is changed to a wrong figure
  parts.set(sheet, Buffer.from(parts.get(sheet)!.toString('utf8').replace('<c r="D9" s="6"><v>386.42</v></c>', '<c r="D9" s="6"><v>999999</v></c>').replace('</sheetData>', '<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>角</t></is></c></row></sheetData>')));
  writeParts(corner, parts);
  const encrypted = path.join(dir, '加密.xlsx');
  fs.writeFileSync(encrypted, Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(4096), Buffer.from('EncryptedPackage', 'utf16le'), Buffer.alloc(512)]));

  const { page, foreign } = await openPage();
  const check = async (file: string) => {
    await page.setInputFiles('#file', file);
    await page.waitForSelector(`#status:has-text("已选择 ${path.basename(file)}")`);
    await page.click('button[data-cmd="check"]');
    await responsive(page);
    await page.waitForSelector('#commands button[data-cmd="check"]:not([disabled])', { timeout: 60_000 });
    await responsive(page);
    return { text: (await page.locator('#status').textContent()) ?? '', error: (await page.locator('#status').getAttribute('class')) === 'error' };
  };
  expect(await check(bomb)).toEqual({ text: '炸弹.xlsx 解压后超过 256 MB（可能是“压缩包炸弹”或异常大的文件），已拒绝打开。', error: true });
  expect(await check(encrypted)).toEqual({ text: '加密.xlsx 设有打开密码（加密的工作簿）。请在 Excel 或 WPS 中取消密码后另存为 .xlsx 再试。', error: true });
  const cornerRun = await check(corner);
  expect(cornerRun.error).toBe(false);
  expect(cornerRun.text).toMatch(/^检查完成：错误 [1-9]\d* 处/);
  // the wrong figure beside the far corner is still found
  expect(await page.locator('#results li.error[data-cell="C9"]').count()).toBeGreaterThan(0);
  expect(foreign()).toEqual([]);
}, 120_000);

it('a command past its time limit is stopped with a Chinese message; the next one runs', async () => {
  const input = path.join(dir, '限时.xlsx');
  await (await buildSeedWorkbook('003', false)).xlsx.writeFile(input);
  const { page } = await openPage('?limit=0.05');
  await page.setInputFiles('#file', input);
  await page.waitForSelector('#status:has-text("已选择 限时.xlsx")');
  await press(page, 'check', '处理 限时.xlsx 超过 0.05 秒仍未完成，已停止。');
  expect(await page.locator('#status').getAttribute('class')).toBe('error');
  await responsive(page);
  const { page: unhurried } = await openPage();
  await unhurried.setInputFiles('#file', input);
  await press(unhurried, 'check', '检查完成');
}, 120_000);

it('a workbook with charts checked with marks: the download keeps every chart part byte for byte', async () => {
  const input = path.join(dir, '含图表.xlsx');
  fs.writeFileSync(input, await richWorkbook());
  const { page, foreign } = await openPage();
  await page.setInputFiles('#file', input);
  await page.waitForSelector('#status:has-text("已选择 含图表.xlsx")');
  await press(page, 'check', '检查完成');
  const before = await JSZip.loadAsync(fs.readFileSync(input));
  const after = await JSZip.loadAsync(fs.readFileSync(await download(page, '检查标记')));
  // the charts, their drawings and the chart sheet (the notes' VML drawings change with the marks)
  const charts = Object.keys(before.files).filter((n) => !before.files[n].dir && /^xl\/(charts|drawings|chartsheets)\/(_rels\/)?[^/]+\.xml(\.rels)?$/.test(n));
  expect(charts).toEqual(expect.arrayContaining(['xl/charts/chart1.xml', 'xl/charts/chart2.xml', 'xl/chartsheets/sheet1.xml']));
  for (const name of charts) expect([name, await after.file(name)?.async('string')]).toEqual([name, await before.file(name)!.async('string')]);
  expect(await after.file('xl/workbook.xml')!.async('string')).toContain('检查结果');
  expect(foreign()).toEqual([]);
}, 120_000);

it("a published PDF dropped in the page: the CLI's findings, each on its page; nothing fetched from elsewhere", async () => {
  const pdf = path.join(__dirname, '..', 'fixtures', 'pdf', 'pt-wljd-2025-budget.pdf');
  const cli = await run(['check', pdf, '--json']);
  expect(cli.code).toBe(1);
  const want = (JSON.parse(cli.out) as { findings: { severity: string; sheet?: string; cell?: string; message: string; location?: { page: number } }[] }).findings;
  expect(want.length).toBeGreaterThan(5);

  const { page, foreign } = await openPage();
  await page.setInputFiles('#file', pdf);
  await page.waitForSelector('#status:has-text("已选择 pt-wljd-2025-budget.pdf")');
  await press(page, 'check', '检查完成');
  const shown = await page.locator('#results li:not(.group)').evaluateAll((lis: HTMLElement[]) =>
    lis.map((li) => ({ severity: li.className, sheet: li.dataset.sheet, cell: li.dataset.cell, page: li.dataset.page, where: li.querySelector('.where')!.textContent, message: li.lastChild!.textContent ?? '' })),
  );
  const key = (f: { severity: string; sheet?: string; cell?: string; message: string }) => `${f.severity}|${f.sheet ?? ''}|${f.cell ?? ''}|${f.message}`;
  expect(shown.map(key).sort()).toEqual(want.map(key).sort());
  for (const f of want.filter((w) => w.location)) {
    const item = shown.find((s) => key(s as Parameters<typeof key>[0]) === key(f))!;
    expect(item.page).toBe(String(f.location!.page));
    expect(item.where).toContain(`第${f.location!.page}页`);
  }
  expect(await page.locator('#downloads a').count()).toBe(0);
  // a PDF is only checked
  await press(page, 'fill', 'pt-wljd-2025-budget.pdf 是 PDF：只能检查。填充科目需要 .xlsx 工作簿。');
  await page.screenshot({ path: path.join(artefacts, 'page-pdf.png'), fullPage: true });
  expect(foreign()).toEqual([]);
}, 120_000);

it('a province catalog loaded in the page (catalog import .json, or the .xlsx export): fill and check follow it and say which catalog they used', async () => {
  // the built-in 2024 function catalog with one code renamed, as a province's own may name it
  const entries = loadCatalog('function', 2024).entries().map((e) => [e.code, e.code === '2080505' ? '机关事业单位养老保险缴费（本省）' : e.name]);
  const json = path.join(dir, '本省科目2024.json');
  fs.writeFileSync(json, JSON.stringify({ form: 'full', classification: 'function', year: 2024, title: '2024年政府收支分类科目（导入）', source: '由 本省科目.xlsx 导入', entries }));
  const bad = path.join(dir, '坏科目.json');
  fs.writeFileSync(bad, JSON.stringify({ form: 'full', classification: 'function', year: 2024, title: '坏', entries: [['20101', '']] }));
  const exported = new ExcelJS.Workbook();
  const ws = exported.addWorksheet('科目');
  ws.addRow(['科目编码', '科目名称']);
  for (const [code, name] of entries) ws.addRow([code, code === '2080505' ? '养老保险缴费支出（导出）' : name]);
  const xlsx = path.join(dir, '2024年一体化系统科目.xlsx');
  await exported.xlsx.writeFile(xlsx);

  const wb = await buildSeedWorkbook('003', false);
  wb.getWorksheet('部门公开表5')!.getCell('D16').value = null; // 2080505's name, for fill to write
  const input = path.join(dir, '城西区2024年预算.xlsx');
  await wb.xlsx.writeFile(input);

  const { page, foreign } = await openPage();
  await page.setInputFiles('#catalog', bad);
  await page.waitForSelector('#status.error:has-text("科目表 坏科目.json 有误")');
  await page.setInputFiles('#catalog', json);
  await page.waitForSelector('#status:has-text("已载入科目表 本省科目2024.json：2024年功能分类")');
  await page.setInputFiles('#file', input);
  await page.waitForSelector('#status:has-text("已选择 城西区2024年预算.xlsx")');
  await press(page, 'fill', '填充完成');
  expect(await page.locator('#status').textContent()).toContain('科目表：功能分类用导入的科目表 本省科目2024.json（2024年）');
  expect((await page.locator('#results li').allTextContents()).join('\n')).toContain('2080505 机关事业单位养老保险缴费（本省）');
  const filled = await book(await download(page, '已填充'));
  expect(filled.getWorksheet('部门公开表5')!.getCell('D16').value).toBe('机关事业单位养老保险缴费（本省）');

  // check on a workbook that prints the national name: the imported name is the one it is held to
  const national = path.join(dir, '城南区2024年预算.xlsx');
  await (await buildSeedWorkbook('003', false)).xlsx.writeFile(national);
  await page.setInputFiles('#file', national);
  await page.waitForSelector('#status:has-text("已选择 城南区2024年预算.xlsx")');
  await press(page, 'check', '检查完成');
  expect(await page.locator('#status').textContent()).toContain('科目表：功能分类用导入的科目表 本省科目2024.json（2024年）');
  const named = page.locator('#results li[data-sheet="部门公开表5"][data-cell="D16"]');
  expect((await named.allTextContents()).join('\n')).toContain('机关事业单位养老保险缴费（本省）');

  // the .xlsx export itself, imported in the page as catalog import does
  await page.setInputFiles('#catalog', xlsx);
  await page.waitForSelector(`#status:has-text("已载入科目表 2024年一体化系统科目.xlsx：2024年功能分类 ${entries.length} 个科目")`);
  await page.setInputFiles('#file', input);
  await page.waitForSelector('#status:has-text("已选择 城西区2024年预算.xlsx")');
  await press(page, 'fill', '填充完成');
  expect(await page.locator('#status').textContent()).toContain('科目表：功能分类用导入的科目表 2024年一体化系统科目.xlsx（2024年）');
  expect((await book(await download(page, '已填充'))).getWorksheet('部门公开表5')!.getCell('D16').value).toBe('养老保险缴费支出（导出）');
  expect(foreign()).toEqual([]);
}, 180_000);

it('a workbook with more findings than a report lists: the page shows the listed ones, without overflowing', async () => {
  // 6,000 more 项 rows in 预算05表, each with findings: more than a report lists
  const parts = await samplePackage();
  const sheet = 'xl/worksheets/sheet5.xml';
  const text = (ref: string, t: string) => `<c r="${ref}" t="inlineStr"><is><t>${t}</t></is></c>`;
  let noise = '';
  for (let r = 27; r < 6_027; r++) noise += `<row r="${r}">${text(`A${r}`, '2010301')}${text(`B${r}`, '行政运行')}${text(`D${r}`, '约一万')}${text(`E${r}`, '#REF!')}</row>`;
  parts.set(sheet, Buffer.from(parts.get(sheet)!.toString('utf8').replace('</sheetData>', `${noise}</sheetData>`)));
  const input = path.join(dir, '很多问题.xlsx');
  writeParts(input, parts);
  const { page } = await openPage();
  await page.setInputFiles('#file', input);
  await page.waitForSelector('#status:has-text("已选择 很多问题.xlsx")');
  await press(page, 'check', '检查完成');
  expect(await page.locator('#status').getAttribute('class')).toBe('');
  expect(await page.locator('#results li:not(.group)').count()).toBeGreaterThan(15_000);
  await responsive(page);
}, 120_000);

it("last year's PDF as the prior of a check in the page: the wrong year is refused, the right one gives the CLI's findings", async () => {
  const pdf = (year: number) => path.join(__dirname, '..', 'fixtures', 'pdf', `pt-wljd-${year}-budget.pdf`);
  const cli = await run(['check', pdf(2025), '--prior', pdf(2024), '--json']);
  expect(cli.code).toBe(1);
  const want = (JSON.parse(cli.out) as { findings: { severity: string; sheet?: string; cell?: string; message: string }[] }).findings;
  const { page, foreign } = await openPage();
  await page.setInputFiles('#file', pdf(2025));
  await page.waitForSelector('#status:has-text("已选择 pt-wljd-2025-budget.pdf")');
  await page.setInputFiles('#prior', pdf(2023));
  await page.waitForSelector('#status:has-text("上年文件：pt-wljd-2023-budget.pdf")');
  await page.click('button[data-cmd="check"]');
  await page.waitForSelector('#status.error:has-text("上年文件 pt-wljd-2023-budget.pdf 是 2023 年的，pt-wljd-2025-budget.pdf 是 2025 年的：请给出 2024 年的预算。")', { timeout: 60_000 });
  await page.setInputFiles('#prior', pdf(2024));
  await page.waitForSelector('#status:has-text("上年文件：pt-wljd-2024-budget.pdf")');
  await press(page, 'check', '检查完成');
  const shown = await page.locator('#results li:not(.group)').evaluateAll((lis: HTMLElement[]) => lis.map((li) => ({ severity: li.className, sheet: li.dataset.sheet, cell: li.dataset.cell, message: li.lastChild!.textContent ?? '' })));
  const key = (f: { severity: string; sheet?: string; cell?: string; message: string }) => `${f.severity}|${f.sheet ?? ''}|${f.cell ?? ''}|${f.message}`;
  expect(shown.map(key).sort()).toEqual(want.map(key).sort());
  expect(foreign()).toEqual([]);
}, 120_000);

it('a workbook whose headers print no year: fill asks for one, and runs with the year typed in the page', async () => {
  const { strippedWorkbook } = await import('../helpers/strip');
  const wb = strippedWorkbook({
    title: '一般公共预算支出表',
    unit: '万元',
    columns: ['合计', '基本支出', '项目支出'],
    rows: [
      { code: '2080505', name: '', amounts: [10, 10, 0] },
      { code: '2010301', name: '', amounts: [5, 5, 0] },
    ],
  });
  const input = path.join(dir, '支出表.xlsx');
  await wb.xlsx.writeFile(input);
  const { page } = await openPage();
  await page.setInputFiles('#file', input);
  await page.waitForSelector('#status:has-text("已选择 支出表.xlsx")');
  await page.click('button[data-cmd="fill"]');
  await page.waitForSelector('#status.error:has-text("看出年度，请给出年度")', { timeout: 60_000 });
  await page.fill('#work-year', '1999');
  await page.click('button[data-cmd="fill"]');
  await page.waitForSelector('#status.error:has-text("年度须为 2000–2100 之间的四位年份")');
  await page.fill('#work-year', '2025');
  await press(page, 'fill', '填充完成');
  expect(await page.locator('#status').textContent()).toContain('科目表：功能分类用内置2025年科目表');
  const filled = await book(await download(page, '已填充'));
  const names = filled.worksheets[0].getColumn(2).values.filter((v) => typeof v === 'string');
  expect(names).toEqual(expect.arrayContaining(['机关事业单位基本养老保险缴费支出', '行政运行']));
}, 120_000);

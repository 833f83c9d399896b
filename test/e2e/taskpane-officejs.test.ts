// The built task pane loads the real Office.js, as Microsoft documents: a <script> in <head>,
// before our bundle, from the Office CDN (answered here from the @microsoft/office-js package) —
// or, built with officeJs=local, from the add-in's own origin. Opened in a plain browser,
// Office.onReady reports no host and the pane says it runs outside Excel, linking to page.html.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Server } from 'node:http';
import type { Browser, Page } from 'playwright-core';
import { artefacts, build, closeServer, config, ensureBuilt, launch, OFFICE_CDN_BASE, routeOfficeCdn, serve, watchRequests, web } from './taskpane-harness';

const PORT = 3419;
const LOCAL_PORT = 3420;
const origin = `http://127.0.0.1:${PORT}`;
let server: Server;
let browser: Browser;

beforeAll(async () => {
  await ensureBuilt();
  fs.mkdirSync(artefacts, { recursive: true });
  server = await serve(web, PORT);
  browser = await launch();
}, 170_000);

afterAll(async () => {
  await browser?.close();
  await closeServer(server);
});

async function newPage(): Promise<Page> {
  return browser.newPage();
}

/** The <script> tags of the page's <head> as served (Office.js adds more of its own once it runs). */
const headScripts = async (page: Page, url: string) => {
  const html = await (await page.request.get(url)).text();
  const head = html.slice(0, html.indexOf('</head>'));
  return [...head.matchAll(/<script\b([^>]*)>/g)].map(([, attrs]) => ({ src: /src="?([^"\s>]+)/.exec(attrs)?.[1] ?? null, defer: /\bdefer\b/.test(attrs), async: /\basync\b/.test(attrs) }));
};

it('loads Office.js from the CDN in <head> before the bundle; outside Office: no host, the pane says so', async () => {
  const page = await newPage();
  await routeOfficeCdn(page);
  const requests = watchRequests(page, origin, [OFFICE_CDN_BASE]);
  const warnings: string[] = [];
  page.on('console', (m) => warnings.push(m.text()));
  await page.goto(`${origin}/taskpane.html`);
  await page.waitForSelector('#host:has-text("不在 Excel 中")');

  // the tag: first script in <head>, synchronous (Office.js must not be deferred), then our bundle
  const scripts = await headScripts(page, `${origin}/taskpane.html`);
  expect(scripts[0]).toEqual({ src: config.OFFICE_CDN, defer: false, async: false });
  expect(scripts).toEqual([scripts[0], { src: 'taskpane.js', defer: true, async: false }]);
  expect(await page.evaluate(() => document.head.querySelector('script')?.getAttribute('src'))).toBe(scripts[0].src);
  const requested = requests.all.map((u) => u.replace(/\?.*$/, ''));
  expect(requested.indexOf(config.OFFICE_CDN)).toBeGreaterThan(-1);
  expect(requested.indexOf(config.OFFICE_CDN)).toBeLessThan(requested.indexOf(`${origin}/taskpane.js`));

  // the real library (not a stand-in), and what it says outside Office
  expect(await page.evaluate(() => typeof (window as unknown as { OSF?: unknown }).OSF)).toBe('object');
  expect(await page.evaluate(async () => (window as unknown as { Office: { onReady(): Promise<unknown> } }).Office.onReady())).toEqual({ host: null, platform: null, addin: null });
  expect(warnings.join('\n')).toContain('Office.js is loaded outside of Office client');

  await expect(page.locator('#outside-why').textContent()).resolves.toBe('本页面现在运行在 Excel 之外（在普通浏览器中打开），不能处理工作簿。');
  expect(await page.locator('#commands').isHidden()).toBe(true);
  expect(await page.locator('#page-link').getAttribute('href')).toBe('page.html');
  await page.screenshot({ path: path.join(artefacts, 'taskpane-outside-excel.png'), fullPage: true });

  // only the page's origin and the CDN's Office.js files (answered locally)
  expect(requests.foreign()).toEqual([]);
  expect(requests.all.filter((u) => u.startsWith(OFFICE_CDN_BASE)).length).toBeGreaterThan(0);

  // the link leads to the standalone page
  await page.click('#page-link');
  await page.waitForURL(`${origin}/page.html`);
  await page.waitForSelector('#drop:has-text("选择或拖入 .xlsx 文件")');
  expect(await page.evaluate(() => 'Office' in window)).toBe(false);
}, 60_000);

it('with a ribbon ?cmd= outside Excel, nothing runs: the pane still says where it is', async () => {
  const page = await newPage();
  await routeOfficeCdn(page);
  await page.goto(`${origin}/taskpane.html?cmd=check`);
  await page.waitForSelector('#host:has-text("不在 Excel 中")');
  expect(await page.locator('#status').textContent()).toBe('');
}, 60_000);

it('when Office.js cannot be reached, the pane says Office.js was not loaded', async () => {
  const page = await newPage();
  await page.route(`${OFFICE_CDN_BASE}**`, (route) => route.abort('internetdisconnected'));
  await page.goto(`${origin}/taskpane.html`);
  await page.waitForSelector('#host:has-text("不在 Excel 中")');
  expect(await page.locator('#outside-why').textContent()).toMatch(/^没有加载到 Office\.js/);
}, 60_000);

describe('built with officeJs=local', () => {
  let out: string;
  let local: Server;

  beforeAll(async () => {
    out = fs.mkdtempSync(path.join(os.tmpdir(), 'gongkai-officejs-'));
    await build(['--mode', 'development', '--output-path', out], { OFFICE_JS: 'local' });
    local = await serve(out, LOCAL_PORT);
  }, 170_000);

  afterAll(async () => {
    await closeServer(local);
    if (out) fs.rmSync(out, { recursive: true, force: true });
  });

  it('copies the package files and loads Office.js from its own origin; nothing leaves it', async () => {
    expect(fs.existsSync(path.join(out, 'office-js', 'office.js'))).toBe(true);
    expect(fs.existsSync(path.join(out, 'office-js', 'zh-cn', 'office_strings.js'))).toBe(true);
    expect(fs.readdirSync(path.join(out, 'office-js')).filter((f) => f.endsWith('.debug.js'))).toEqual([]);

    const localOrigin = `http://127.0.0.1:${LOCAL_PORT}`;
    const page = await newPage();
    const requests = watchRequests(page, localOrigin);
    await page.goto(`${localOrigin}/taskpane.html`);
    await page.waitForSelector('#host:has-text("不在 Excel 中")');
    expect((await headScripts(page, `${localOrigin}/taskpane.html`)).map((s) => s.src)).toEqual(['office-js/office.js', 'taskpane.js']);
    expect(requests.all).toContain(`${localOrigin}/office-js/office.js`);
    expect(await page.evaluate(async () => (window as unknown as { Office: { onReady(): Promise<unknown> } }).Office.onReady())).toMatchObject({ host: null });
    expect(await page.locator('#outside-why').textContent()).toMatch(/运行在 Excel 之外/);
    expect(requests.foreign()).toEqual([]);
  }, 60_000);
});

it('in the webview of older Office (Internet Explorer 11, old Edge), the pane says it cannot run there', async () => {
  for (const userAgent of ['Mozilla/5.0 (Windows NT 10.0; WOW64; Trident/7.0; rv:11.0) like Gecko', 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/70.0.3538.102 Safari/537.36 Edge/18.19041']) {
    const context = await browser.newContext({ userAgent });
    const page = await context.newPage();
    await routeOfficeCdn(page);
    await page.goto(`${origin}/taskpane.html?cmd=check`);
    await page.waitForSelector('#host:has-text("不支持此版本的 Office")');
    expect(await page.locator('#outside-why').textContent()).toMatch(/^这台电脑上的 Office 用旧版浏览器控件/);
    await page.evaluate(async () => (window as unknown as { Office: { onReady(): Promise<unknown> } }).Office.onReady()); // once Office.js is ready, the message stays
    expect(await page.locator('#host').textContent()).toBe('不支持此版本的 Office');
    expect(await page.locator('#commands').isHidden()).toBe(true);
    await context.close();
  }
}, 60_000);

it('an unknown OFFICE_JS choice is refused at build time, in Chinese', () => {
  expect(() => config({ officeJs: 'intranet' }, { mode: 'production' })).toThrow('OFFICE_JS 只能是 cdn、local 或 https://…/office.js');
  expect(() => config({ officeJs: 'http://intranet/office.js' }, { mode: 'production' })).toThrow('OFFICE_JS 只能是');
});

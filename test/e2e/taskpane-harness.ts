// What the task pane and standalone page tests share: the production build (made when dist/web
// lacks a page), Debian's Chromium, a local server, a log of requests that leave the page's
// origin, and Microsoft's CDN for Office.js answered from the @microsoft/office-js package.
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Server } from 'node:http';
import { chromium, type Browser, type Page } from 'playwright-core';
import type webpack from 'webpack';

// eslint-disable-next-line @typescript-eslint/no-require-imports
export const { serve } = require('../../scripts/serve.js') as { serve: (dir: string, port: number) => Promise<Server> };
// eslint-disable-next-line @typescript-eslint/no-require-imports
export const config = require('../../webpack.config.js') as ((env?: Record<string, string>, argv?: { mode?: string }) => webpack.Configuration) & { OFFICE_CDN: string };

export const root = path.join(__dirname, '..', '..');
export const web = path.join(root, 'dist', 'web');
export const artefacts = path.join(root, 'test-output');
export const officeDist = path.join(path.dirname(require.resolve('@microsoft/office-js/package.json')), 'dist');
export const OFFICE_CDN_BASE = config.OFFICE_CDN.replace(/office\.js$/, '');

/** Runs the webpack CLI as a user would (copy-webpack-plugin's dynamic import needs a plain node). */
export function build(args: string[], env: Record<string, string> = {}): Promise<void> {
  return new Promise<void>((resolve, reject) =>
    execFile(process.execPath, [path.join(root, 'node_modules', 'webpack-cli', 'bin', 'cli.js'), ...args], { cwd: root, env: { ...process.env, ...env }, maxBuffer: 64 << 20 }, (err, stdout, stderr) =>
      err ? reject(new Error(`${err.message}\n${stdout}\n${stderr}`)) : resolve(),
    ),
  );
}

/** dist/web as `npm run build:web` makes it (built here when a page is missing). */
export async function ensureBuilt(): Promise<void> {
  if (['taskpane.html', 'page.html', 'help.html'].every((f) => fs.existsSync(path.join(web, f)))) return;
  await build(['--mode', 'production']);
}

export function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'], // playwright gives each launch a fresh profile
  });
}

export const closeServer = (server: Server | undefined) => new Promise<void>((r) => (server ? server.close(() => r()) : r()));

/** Every request the page makes, in order; `foreign()` lists those off `origin` (blob: and data: are the page's own). */
export function watchRequests(page: Page, origin: string, allowed: string[] = []): { all: string[]; foreign: () => string[] } {
  const all: string[] = [];
  page.on('request', (req) => all.push(req.url()));
  const own = (url: string) => url.startsWith(`${origin}/`) || url.startsWith('blob:') || url.startsWith('data:') || allowed.some((a) => url.startsWith(a));
  return { all, foreign: () => all.filter((u) => !own(u)) };
}

/** Answers Microsoft's Office.js CDN from the package's files (the page still asks for the CDN's URLs). */
export async function routeOfficeCdn(page: Page): Promise<void> {
  await page.route(`${OFFICE_CDN_BASE}**`, async (route) => {
    const file = path.join(officeDist, new URL(route.request().url()).pathname.slice(new URL(OFFICE_CDN_BASE).pathname.length));
    if (file.startsWith(officeDist + path.sep) && fs.existsSync(file)) await route.fulfill({ path: file, contentType: 'text/javascript; charset=utf-8' });
    else await route.fulfill({ status: 404 });
  });
}

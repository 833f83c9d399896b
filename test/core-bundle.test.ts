// The pure core runs where there is no Node: bundle it for the web and use it in a bare
// JavaScript context (no require, no process, no fs), as the task pane page will.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vm from 'node:vm';
import webpack from 'webpack';
import { templatesDir } from '../src/adapters/node/templates';
import { tmpDir } from './helpers/tmp';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const config = require('../webpack.config.js');

it('bundles for the browser and builds a table plan in a bare context', async () => {
  const outDir = tmpDir('web');
  const base = config({}, { mode: 'development' });
  const stats = await new Promise<webpack.Stats>((resolve, reject) =>
    webpack({ ...base, entry: { 'gongkai-core': base.entry['gongkai-core'] }, plugins: [], devtool: false, output: { ...base.output, path: outDir } }, (err, s) => (err || !s ? reject(err) : resolve(s))),
  );
  expect(stats.hasErrors()).toBe(false);
  const code = fs.readFileSync(path.join(outDir, 'gongkai-core.js'), 'utf8');
  const sandbox: Record<string, unknown> = { self: {} };
  sandbox.self = sandbox;
  vm.runInNewContext(code, sandbox);
  const core = sandbox.gongkai as typeof import('../src/core/index');
  const spec = core.parseSpec(JSON.parse(fs.readFileSync(path.join(templatesDir(), 'tables', 'budget-07.json'), 'utf8')), 'budget-07.json');
  const sheet = core.buildSheet({ spec, department: '示例单位', year: 2025, classes: [] });
  expect(sheet.name).toBe('预算07表 一般公共预算“三公”经费支出表');
  expect(core.formatAmount(core.parseAmount('１，２３４．５'))).toBe('1,234.50');
}, 60000);

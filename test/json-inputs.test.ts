// JSON inputs (--catalog, template --data) are bounded before they are validated: their size
// before reading, their values and entries after parsing, the problems listed; exit 2, a Chinese
// message naming the file, no output written.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { run, tmpDir } from './helpers/cli';
import { sampleWorkbook } from './helpers/sample';
import { MAX_CATALOG_ENTRIES, MAX_JSON_BYTES, MAX_JSON_VALUES, MAX_LEDGER_ROWS, MAX_LISTED_ISSUES } from '../src/core/limits';
import { countJsonValues } from '../src/core/json-bounds';

jest.setTimeout(60_000);
const dir = tmpDir('json-inputs');
const at = (name: string) => path.join(dir, name);
let sample = '';

beforeAll(async () => {
  sample = at('预算.xlsx');
  await (await sampleWorkbook('budget-2025')).xlsx.writeFile(sample);
});

/** A file of `bytes` bytes that costs nothing on disk (the cap is checked before reading). */
function sparse(name: string, bytes: number): string {
  const fd = fs.openSync(at(name), 'w');
  fs.ftruncateSync(fd, bytes);
  fs.closeSync(fd);
  return at(name);
}

const entries = (n: number) => Array.from({ length: n }, (_, i) => [String(2010000 + i), `科目${i}`]);
const write = (name: string, json: unknown) => {
  fs.writeFileSync(at(name), JSON.stringify(json));
  return at(name);
};

describe('--catalog', () => {
  it.each([
    ['codes', (c: string) => ['codes', '201', '--year', '2025', '--catalog', c]],
    ['check', (c: string) => ['check', sample, '--year', '2025', '--catalog', c]],
    ['fill', (c: string) => ['fill', sample, '--year', '2025', '--catalog', c, '-o', at('out.xlsx')]],
  ])('%s: a file over the size cap is refused before it is read', async (_, args) => {
    const big = sparse('大科目表.json', MAX_JSON_BYTES + 1);
    const r = await run(args(big));
    expect(r.code).toBe(2);
    expect(r.err).toContain(big);
    expect(r.err).toMatch(/超过科目表的上限 20 MB，已拒绝读取/);
    expect(fs.existsSync(at('out.xlsx'))).toBe(false);
  });

  it('more entries than MAX_CATALOG_ENTRIES: refused before the schema', async () => {
    const file = write('多科目.json', { classification: 'function', year: 2025, entries: entries(MAX_CATALOG_ENTRIES + 1) });
    const started = Date.now();
    const r = await run(['codes', '201', '--year', '2025', '--catalog', file]);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`科目表 ${file} 的“entries”有 100,001 项，超过上限 100,000 项，已拒绝读取`);
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('more values than MAX_JSON_VALUES anywhere in the file: refused', async () => {
    const file = write('值太多.json', { classification: 'function', year: 2025, entries: entries(1), padding: new Array(MAX_JSON_VALUES).fill(0) });
    const r = await run(['codes', '201', '--year', '2025', '--catalog', file]);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`科目表 ${file} 过于庞大：其中的数据项超过 2,000,000 个`);
  });

  it('a catalog with thousands of bad entries lists the first problems and counts the rest', async () => {
    const file = write('坏科目.json', { form: 'full', classification: 'function', year: 2025, title: '科目表', source: '测试', entries: Array.from({ length: 5000 }, () => ['x', '']) });
    const r = await run(['codes', '201', '--year', '2025', '--catalog', file]);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`科目表 ${file} 有误`);
    expect(r.err).toMatch(/……另有 [\d,]+ 处问题未列出/);
    expect(r.err.split('\n').filter((l) => l.startsWith('  ')).length).toBe(MAX_LISTED_ISSUES + 1);
  });
});

describe('template --data', () => {
  it('a file over the size cap is refused before it is read', async () => {
    const big = sparse('大明细.json', MAX_JSON_BYTES + 1);
    const r = await run(['template', '--kind', 'budget', '--data', big, '-o', at('t.xlsx')]);
    expect(r.code).toBe(2);
    expect(r.err).toContain(big);
    expect(r.err).toMatch(/超过明细数据的上限 20 MB/);
    expect(fs.existsSync(at('t.xlsx'))).toBe(false);
  });

  it('more items than MAX_LEDGER_ROWS: refused, nothing written', async () => {
    const items = Array.from({ length: MAX_LEDGER_ROWS + 1 }, () => ({ code: '2010101', fund: 'gpb', basic: '1' }));
    const file = write('多明细.json', { kind: 'budget', year: 2025, department: '示例局', names: {}, items, economic: [] });
    const r = await run(['template', '--kind', 'budget', '--data', file, '-o', at('t.xlsx')]);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`明细数据 ${file} 的“items”有 100,001 项，超过上限 100,000 项`);
    expect(fs.existsSync(at('t.xlsx'))).toBe(false);
  });
});

it('values are counted without recursion and stop at the cap', () => {
  let deep: unknown = 0;
  for (let i = 0; i < 100_000; i++) deep = [deep];
  expect(countJsonValues(deep)).toBe(100_001);
  expect(countJsonValues(new Array(10).fill({ a: [1, 2] }), 5)).toBe(6);
  expect(countJsonValues({ a: 'x', b: { c: null } })).toBe(4);
});

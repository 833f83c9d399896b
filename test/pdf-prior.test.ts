// --prior with last year's published PDF: the three 万里街道 years, each checked with the year before.
// Their narratives' 比上年 figures agree with what was published the year before (judged against
// the printed pages: 2024 收入 15,621.11 → 2025 18,976.76 万元, +3,355.65; “三公”经费 47.91 → 37.91, −10),
// so the prior brings no finding; a prior with one printed figure changed brings exactly that one.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { readPdfPages } from '../src/adapters/pdf/read-pdf';
import { catalogsForCheck, loadCrossRules, loadLexicon, loadSpecs } from '../src/adapters/node/templates';
import { checkWorkbook, openBook } from '../src/core/check/check';
import type { Finding, Report } from '../src/core/check/finding';
import { collectFacts } from '../src/core/narrative/facts';
import { layoutPages } from '../src/core/pdf-layout/layout';
import type { PdfPage } from '../src/core/pdf-layout/lines';
import { run } from './helpers/cli';

const file = (year: number) => path.join(__dirname, 'fixtures', 'pdf', `pt-wljd-${year}-budget.pdf`);
const key = (f: Finding) => `${f.rule}|${f.sheet}|${f.cell}|${f.message}`;

async function checkJson(args: string[]): Promise<Report> {
  const { code, out, err } = await run(['check', ...args, '--json']);
  expect({ code, err }).toEqual({ code: 1, err: '' });
  return JSON.parse(out) as Report;
}

describe('--prior with last year’s PDF', () => {
  test.each([2024, 2025])('%s checked with the year before as published: the narrative agrees, no finding added', async (year) => {
    const alone = await checkJson([file(year)]);
    const withPrior = await checkJson([file(year), '--prior', file(year - 1)]);
    expect(withPrior.findings.map(key)).toEqual(alone.findings.map(key));
  }, 60_000);

  test('2023 with a prior that is not a disclosure PDF: a clear Chinese message, exit 2', async () => {
    const { code, err } = await run(['check', file(2023), '--prior', path.join(__dirname, 'fixtures', 'pdf', 'README.md')]);
    expect(code).toBe(2);
    expect(err).toMatch(/README\.md/);
  });

  test('a prior with its “三公”经费 printed 2 万元 lower: exactly the 2025 narrative’s 比上年 change is found wrong', async () => {
    const read = async (f: string) => readPdfPages(f, fs.readFileSync(f));
    const check = (pages: PdfPage[], prior?: PdfPage[]) =>
      checkWorkbook({
        file: file(2025),
        grid: layoutPages(pages).grid,
        specs: loadSpecs(),
        crossRules: loadCrossRules(),
        catalogs: catalogsForCheck(),
        year: 2025,
        lexicon: loadLexicon(),
        prior: prior ? collectFacts(openBook({ grid: layoutPages(prior).grid, specs: loadSpecs(), catalogs: catalogsForCheck(), year: null }).book) : undefined,
      });
    const current = await read(file(2025));
    const prior = await read(file(2024));
    const base = check(current, prior);
    // the 2024 table's “三公”经费 合计 47.91 printed as 45.91
    const edited = prior.map((p) => ({ ...p, runs: p.runs.map((r) => (r.text === '47.91' ? { ...r, text: '45.91' } : r)) }));
    expect(edited.flatMap((p) => p.runs).filter((r) => r.text === '45.91')).toHaveLength(prior.flatMap((p) => p.runs).filter((r) => r.text === '47.91').length);
    const changed = check(current, edited);
    const before = new Set(base.findings.map(key));
    const added = changed.findings.filter((f) => !before.has(key(f)));
    expect(added).toHaveLength(1);
    expect(added[0].sheet).toMatch(/其他相关情况说明/);
    expect(added[0]).toMatchObject({ rule: 'narrative.change', severity: 'error', message: '写的是比上年减少10.00万元，按上年数 45.91 万元应为减少8.00万元' });
  }, 60_000);
});

describe('the narrative tied to the tables it quotes', () => {
  test('机关运行经费 as the “三公”经费 table prints it: one figure changed in the table, the sentence quoting it is found wrong', async () => {
    const pages = await readPdfPages(file(2025), fs.readFileSync(file(2025)));
    const check = (p: PdfPage[]) => checkWorkbook({ file: file(2025), grid: layoutPages(p).grid, specs: loadSpecs(), crossRules: loadCrossRules(), catalogs: catalogsForCheck(), year: 2025, lexicon: loadLexicon() });
    const base = check(pages);
    // the table's 机关运行经费 (page 29) printed 10 万元 higher; the narrative (page 30) left as it was
    const tablePage = pages.findIndex((p) => p.runs.some((r) => r.text === '464.64'));
    expect(pages[tablePage].runs.map((r) => r.text).join('')).toContain('机关运行经费');
    const edited = pages.map((p, i) => (i === tablePage ? { ...p, runs: p.runs.map((r) => (r.text === '464.64' ? { ...r, text: '474.64' } : r)) } : p));
    expect(edited[tablePage].runs.filter((r) => r.text === '474.64')).toHaveLength(1);
    const before = new Set(base.findings.map(key));
    const added = check(edited).findings.filter((f) => !before.has(key(f)));
    expect(added).toEqual([expect.objectContaining({ rule: 'narrative.amount', severity: 'error', expected: 474.64, actual: 464.64 })]);
  }, 60_000);
});

describe('--prior and --budget must be the right year and kind', () => {
  test('a prior two years back is refused, naming both years and the year wanted (exit 2)', async () => {
    const r = await run(['check', file(2025), '--prior', file(2023)]);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`上年文件 ${file(2023)} 是 2023 年的，${file(2025)} 是 2025 年的：请给出 2024 年的预算。`);
  }, 60_000);

  test('a 决算 as the prior of a budget, and a budget of another year for a 决算, are refused (exit 2)', async () => {
    const { sampleWorkbook } = await import('./helpers/sample');
    const { tmpDir } = await import('./helpers/tmp');
    const dir = tmpDir('prior-kind');
    const budget = path.join(dir, '2025年预算.xlsx');
    const final = path.join(dir, '2024年决算.xlsx');
    await (await sampleWorkbook('budget-2025')).xlsx.writeFile(budget);
    await (await sampleWorkbook('final-2024')).xlsx.writeFile(final);
    const kind = await run(['check', budget, '--prior', final]);
    expect(kind.code).toBe(2);
    expect(kind.err).toContain(`上年文件 ${final} 是决算，${budget} 是预算：与上年比较须用上年的预算。`);
    const year = await run(['check', final, '--budget', budget]);
    expect(year.code).toBe(2);
    expect(year.err).toContain(`本年预算文件 ${budget} 是 2025 年的，${final} 是 2024 年的决算：请给出 2024 年的部门预算。`);
    fs.rmSync(dir, { recursive: true, force: true });
  }, 60_000);
});

// The sample budget as published (templates/sample/示例县示例局-2025年部门预算-公开.pdf, used by
// the demo): the PDF LibreOffice printed from the sample budget template, with 2010301 行政运行's
// 合计 changed from 386.42 to 368.42 in its text layer after printing. Kept in step with the
// template: compared with a workbook made now, that figure is the only difference, and check
// finds exactly the two totals it breaks.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Report } from '../src/core/check/finding';
import { run, tmpDir } from './helpers/cli';

const samples = path.join(__dirname, '..', 'templates', 'sample');
const pdf = path.join(samples, '示例县示例局-2025年部门预算-公开.pdf');

it('compare with the sample budget made now: exactly the one figure changed after printing', async () => {
  const dir = tmpDir('sample-pdf');
  const workbook = path.join(dir, '示例县示例局-2025年部门预算.xlsx');
  expect((await run(['template', '--kind', 'budget', '--data', path.join(samples, 'budget-2025.json'), '-o', workbook])).code).toBe(0);
  const r = await run(['compare', workbook, pdf, '--json']);
  expect(r.code).toBe(1);
  const report = JSON.parse(r.out) as { differences: { type: string; workbookValue: unknown; pdfValue: unknown; workbook: { cell: string } | null; pdf: { page: number } | null }[] };
  expect(report.differences).toEqual([expect.objectContaining({ type: 'figure', workbookValue: 386.42, pdfValue: 368.42, workbook: expect.objectContaining({ cell: 'C9' }), pdf: expect.objectContaining({ page: 6 }) })]);
  fs.rmSync(dir, { recursive: true, force: true });
}, 60_000);

it('check: the two totals the changed figure breaks, on page 6, nothing else', async () => {
  const r = await run(['check', pdf, '--json']);
  expect(r.code).toBe(1);
  const report = JSON.parse(r.out) as Report;
  expect(report.tables).toHaveLength(9);
  expect(report.findings.map((f) => `${f.severity} ${f.sheet} ${f.cell} ${f.location?.page}`)).toEqual(['error 第6页 一般公共预算支出表 C8 6', 'error 第6页 一般公共预算支出表 C9 6']);
});

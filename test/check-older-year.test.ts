// A publication of a year the built-in catalogs do not have (2019) is checked against another
// year's catalog: a code or name that differs may have been right that year, so it is a notice
// that says so. The same table dated 2024 keeps its error and warning.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Report } from '../src/core/check/finding';
import { run, tmpDir } from './helpers/cli';
import { strippedWorkbook } from './helpers/strip';

const dir = tmpDir('older-year');

async function codeFindings(year: number) {
  const wb = strippedWorkbook({
    title: `${year}年一般公共预算支出表`,
    unit: '万元',
    columns: ['合计', '基本支出', '项目支出'],
    rows: [
      { code: '213', name: '农林水支出', amounts: [10, 0, 10] },
      { code: '21305', name: '巩固脱贫攻坚成果衔接乡村振兴', amounts: [10, 0, 10] },
      { code: '2130510', name: '以工代赈', amounts: [10, 0, 10] },
      { code: '208', name: '社会保障和就业支出', amounts: [5, 5, 0] },
      { code: '20805', name: '行政事业单位离退休', amounts: [5, 5, 0] },
      { code: '2080505', name: '机关事业单位基本养老保险缴费支出', amounts: [5, 5, 0] },
    ],
    total: [15, 5, 10],
  });
  const file = path.join(dir, `${year}.xlsx`);
  await wb.xlsx.writeFile(file);
  const report = JSON.parse((await run(['check', file, '--json'])).out) as Report;
  fs.rmSync(file);
  return report.findings.filter((f) => f.rule.startsWith('code.')).map((f) => ({ rule: f.rule, severity: f.severity, cell: f.cell, message: f.message }));
}

it('dated 2024: 2130510 (gone from 21305 in 2024) is an error, 20805 by its old name a warning', async () => {
  const found = await codeFindings(2024);
  expect(found.filter((f) => f.severity !== 'notice').map((f) => `${f.rule} ${f.severity} ${f.cell}`).sort()).toEqual(['code.name warning B9', 'code.unknown error A7']);
});

it('dated 2019: the same two are notices that say the catalog is another year\'s', async () => {
  const found = await codeFindings(2019);
  expect(found.filter((f) => f.severity !== 'notice')).toEqual([]);
  for (const cell of ['A7', 'B9']) {
    expect(found.find((f) => f.cell === cell)?.message).toContain('（本表为2019年，内置科目表没有2019年的，按2024年的核对；2019年的编码或名称可能与此不同）');
  }
});

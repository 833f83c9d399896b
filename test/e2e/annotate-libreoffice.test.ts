// The annotated workbook opens in LibreOffice (it converts it, which it does not do for a file it
// cannot read), keeps the 检查结果 sheet, and its links name the right cells.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Cents } from '../../src/core/money';
import { run, tmpDir } from '../helpers/cli';
import { sampleWorkbook } from '../helpers/sample';
import { readWorkbook } from '../helpers/workbook';
import { convert } from './libreoffice';

it('LibreOffice opens the annotated workbook; 检查结果 links point at the flagged cells', async () => {
  const dir = tmpDir();
  const wb = await sampleWorkbook('budget-2025', (t) => {
    const row = t['budget.05'].rows!.find((r) => r.code === '2010301')!;
    row.values!.basic = (row.values!.basic + 100) as Cents;
  });
  const file = path.join(dir, 'in.xlsx');
  await wb.xlsx.writeFile(file);
  const annotated = path.join(dir, 'annotated.xlsx');
  const r = await run(['check', file, '--annotate', annotated, '--json']);
  expect(r.code).toBe(1);
  const findings = JSON.parse(r.out).findings.filter((f: { cell: string | null }) => f.cell);
  const [out] = convert([annotated], 'xlsx');
  const back = await readWorkbook(fs.readFileSync(out));
  const results = back.getWorksheet('检查结果')!;
  expect(results).toBeDefined();
  const links: string[] = [];
  results.eachRow((row, n) => {
    if (n > 1 && row.getCell(3).formula) links.push(row.getCell(3).formula!);
  });
  expect(links).toHaveLength(findings.length);
  findings.forEach((f: { sheet: string; cell: string }, i: number) => {
    expect(links[i]).toContain(`${f.sheet}'!${f.cell}`);
  });
  const flagged = back.getWorksheet('预算05表 一般公共预算支出表')!.getCell('C9');
  expect(flagged.fill).toMatchObject({ fgColor: { argb: 'FFFFC7CE' } });
});

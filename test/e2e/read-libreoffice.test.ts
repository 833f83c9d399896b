// Workbooks saved by LibreOffice (its own shared strings, styles and formula cells, recalculated
// on load): the direct reader gives the same grid as exceljs, and the check finds the same
// mistakes in them as in the original.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { readWorkbookGrid } from '../../src/adapters/exceljs/read-grid';
import { readGrid } from '../../src/adapters/node/grid-file';
import type { Cents } from '../../src/core/money';
import { run, tmpDir } from '../helpers/cli';
import { sampleWorkbook } from '../helpers/sample';
import { readWorkbook } from '../helpers/workbook';
import { convert } from './libreoffice';

jest.setTimeout(180_000);

it('a budget and a 决算 round-tripped through LibreOffice read the same both ways, and check the same', async () => {
  const dir = tmpDir();
  const budget = await sampleWorkbook('budget-2025', (t) => {
    const row = t['budget.05'].rows!.find((r) => r.code === '2010301')!;
    row.values!.basic = (row.values!.basic + 100) as Cents;
  });
  const final = await sampleWorkbook('final-2024', undefined, { splitCodes: true });
  const inputs = [path.join(dir, 'budget.xlsx'), path.join(dir, 'final.xlsx')];
  await budget.xlsx.writeFile(inputs[0]);
  await final.xlsx.writeFile(inputs[1]);
  const saved = convert(inputs, 'xlsx', fs.mkdtempSync(path.join(dir, 'lo-')));

  for (const [original, file] of inputs.map((f, i) => [f, saved[i]])) {
    const bytes = fs.readFileSync(file);
    const direct = readGrid(file, bytes);
    expect(direct.sheets.length).toBeGreaterThan(8);
    expect(direct).toEqual(readWorkbookGrid(await readWorkbook(bytes)));

    const before = JSON.parse((await run(['check', original, '--json'])).out);
    const after = JSON.parse((await run(['check', file, '--json'])).out);
    const rules = (r: { findings: { rule: string; cell: string | null }[] }) => r.findings.map((f) => `${f.rule}@${f.cell}`).sort();
    expect(rules(after)).toEqual(rules(before));
    expect(after.tables.map((t: { id: string }) => t.id)).toEqual(before.tables.map((t: { id: string }) => t.id));
  }
});

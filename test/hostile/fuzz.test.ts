// Fuzzing for a bounded time: valid workbooks with flipped bytes and with random cell contents.
// Every outcome is a report (exit 0 or 1) or a clean Chinese error (exit 2): never an internal
// error (exit 3), never a hang.
import ExcelJS from 'exceljs';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { run, tmpDir } from '../helpers/cli';
import { sampleWorkbook } from '../helpers/sample';
import { random } from '../helpers/workbook';

const BUDGET_MS = 12_000;
const PER_FILE_MS = 10_000;
jest.setTimeout(BUDGET_MS * 3);

async function checkWithin(file: string): Promise<{ code: number; err: string }> {
  let timer: NodeJS.Timeout | undefined;
  const hang = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`hang: ${file}`)), PER_FILE_MS)));
  try {
    return await Promise.race([run(['check', file]), hang]);
  } finally {
    clearTimeout(timer);
  }
}

const GARBAGE: ExcelJS.CellValue[] = ['', ' ', '—', '-', '１２３．４５', '(1,234.00)', '1.2.3', 'NaN', '∞', '2010301', '类201款03项01', '<b>x</b>', '=SUM(A1:A3)', 1e300, -1e-300, 0.1 + 0.2, Number.MAX_SAFE_INTEGER, -5, '合计', '单位：元', '2024年预算数', '注：', 'x'.repeat(5000)];

it('random byte flips and random cells never crash the checker', async () => {
  const dir = tmpDir();
  const wb = await sampleWorkbook('budget-2025');
  const base = Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer);
  const rnd = random(20261122);
  const started = Date.now();
  const outcomes = { report: 0, error: 0 };
  let i = 0;
  while (Date.now() - started < BUDGET_MS) {
    i++;
    const file = path.join(dir, `fuzz-${i}.xlsx`);
    if (i % 2 === 0) {
      const bytes = Buffer.from(base);
      const flips = 1 + Math.floor(rnd() * 8);
      for (let k = 0; k < flips; k++) bytes[Math.floor(rnd() * bytes.length)] = Math.floor(rnd() * 256);
      fs.writeFileSync(file, bytes);
    } else {
      const book = await sampleWorkbook('budget-2025');
      for (let k = 0; k < 20; k++) {
        const ws = book.worksheets[Math.floor(rnd() * book.worksheets.length)];
        const cell = ws.getCell(1 + Math.floor(rnd() * 40), 1 + Math.floor(rnd() * 12));
        cell.value = GARBAGE[Math.floor(rnd() * GARBAGE.length)];
      }
      await book.xlsx.writeFile(file);
    }
    const r = await checkWithin(file);
    expect({ file, code: r.code, err: r.code === 3 ? r.err : '' }).toEqual({ file, code: expect.any(Number), err: '' });
    expect([0, 1, 2]).toContain(r.code);
    if (r.code === 2) {
      expect(r.err).toMatch(/^错误：/);
      outcomes.error++;
    } else outcomes.report++;
    fs.rmSync(file);
  }
  expect(outcomes.report + outcomes.error).toBeGreaterThan(5);
  expect(outcomes.report).toBeGreaterThan(0);
});

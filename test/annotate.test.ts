// Findings in place: fills, notes, the 检查结果 sheet with links; annotating twice replaces the
// marks; clear restores every cell's own format.
import type ExcelJS from 'exceljs';
import type { Cents } from '../src/core/money';
import { annotateWorkbook, clearAnnotations, ORIGINALS_SHEET } from '../src/adapters/exceljs/annotate';
import { RESULTS_SHEET } from '../src/core/check/finding';
import { readWorkbookGrid } from '../src/adapters/exceljs/read-grid';
import { checkSample, sampleLedger, sampleWorkbook } from './helpers/sample';
import { readWorkbook } from './helpers/workbook';

const ledger = sampleLedger('budget-2025');
const broken = (t: Record<string, import('../src/core/plan/build').TableData>) => {
  const row = t['budget.05'].rows!.find((r) => r.code === '2010301')!;
  row.values!.basic = (row.values!.basic + 100) as Cents;
  t['budget.05'].rows!.find((r) => r.code === '2010350')!.name = '事业运转';
};

async function roundTrip(wb: ExcelJS.Workbook): Promise<ExcelJS.Workbook> {
  return readWorkbook(Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer));
}

function styles(wb: ExcelJS.Workbook): Map<string, string> {
  const out = new Map<string, string>();
  for (const ws of wb.worksheets) {
    if (ws.name === RESULTS_SHEET || ws.name === ORIGINALS_SHEET) continue;
    ws.eachRow({ includeEmpty: true }, (row) =>
      row.eachCell({ includeEmpty: true }, (cell) => out.set(`${ws.name}!${cell.address}`, JSON.stringify({ style: cell.style, note: cell.note ?? null, value: cell.value }))),
    );
  }
  return out;
}

describe('annotate', () => {
  it('fills each offending cell, writes a note, and lists every finding with a link to its cell', async () => {
    const wb = await sampleWorkbook('budget-2025', broken);
    const report = checkSample(readWorkbookGrid(wb), ledger);
    expect(report.findings.length).toBeGreaterThan(3);
    annotateWorkbook(wb, report);
    const back = await roundTrip(wb);
    const t05 = back.getWorksheet('预算05表 一般公共预算支出表')!;
    expect(t05.getCell('C9').fill).toMatchObject({ type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFC7CE' } }); // error: red
    expect(String(t05.getCell('C9').note)).toContain('不应超过部门支出总表同一科目');
    expect(t05.getCell('B11').fill).toMatchObject({ fgColor: { argb: 'FFFFE0B2' } }); // warning: orange (name)
    const results = back.getWorksheet(RESULTS_SHEET)!;
    expect(results.getRow(1).values).toEqual([undefined, '严重程度', '工作表', '单元格', '规则', '说明', '应为', '实为']);
    expect(results.rowCount).toBe(report.findings.length + 1);
    report.findings.forEach((f, i) => {
      const link = results.getCell(i + 2, 3);
      expect(link.formula).toBe(`HYPERLINK("#'${f.sheet}'!${f.cell}","${f.cell}")`);
      expect(results.getCell(i + 2, 5).value).toBe(f.message);
    });
  });

  it('annotating an annotated workbook replaces the marks; clear restores every cell as it was', async () => {
    const wb = await sampleWorkbook('budget-2025', broken);
    // a cell of the user's own with a fill and a note, which a finding will mark
    const t05 = wb.getWorksheet('预算05表 一般公共预算支出表')!;
    t05.getCell('C9').fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFFF00' } };
    t05.getCell('C9').note = '会计的批注';
    const before = styles(await roundTrip(wb));
    const report = checkSample(readWorkbookGrid(wb), ledger);
    annotateWorkbook(wb, report);
    const once = await roundTrip(wb);
    annotateWorkbook(once, checkSample(readWorkbookGrid(once), ledger));
    const twice = await roundTrip(once);
    expect(twice.worksheets.filter((w) => w.name === RESULTS_SHEET)).toHaveLength(1);
    const stored = twice.getWorksheet(ORIGINALS_SHEET)!.getColumn(1).values.filter((v) => typeof v === 'string' && 'address' in JSON.parse(v));
    expect(stored.length).toBe(new Set(report.findings.filter((f) => f.cell).map((f) => `${f.sheet}!${f.cell}`)).size);
    expect(String(twice.getWorksheet('预算05表 一般公共预算支出表')!.getCell('C9').note)).not.toContain('会计的批注');
    expect(clearAnnotations(twice)).toBeGreaterThan(0);
    const cleared = await roundTrip(twice);
    expect(cleared.getWorksheet(RESULTS_SHEET)).toBeUndefined();
    expect(cleared.getWorksheet(ORIGINALS_SHEET)).toBeUndefined();
    const after = styles(cleared);
    expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
    for (const [k, v] of before) expect({ cell: k, v: after.get(k) }).toEqual({ cell: k, v });
    expect(cleared.getWorksheet('预算05表 一般公共预算支出表')!.getCell('C9').note).toBe('会计的批注');
  });
});

// fill and recalc on real files: strip a sample table the way exports arrive (no parent rows,
// blank names, typed totals), fill it back, and get the full table.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Catalog } from '../src/core/catalog/catalog';
import { planFill } from '../src/core/fill';
import { planRecalc } from '../src/core/recalc';
import { Ledger, ledgerToTables } from '../src/core/ledger';
import { findCodeTables } from '../src/core/recognize/code-table';
import { readWorkbookGrid } from '../src/adapters/exceljs/read-grid';
import { applyEdits } from '../src/adapters/exceljs/apply-edits';
import { templatesDir } from '../src/adapters/node/templates';
import { readWorkbook, specs } from './helpers/workbook';
import { detailRows, strippedWorkbook } from './helpers/strip';
import type ExcelJS from 'exceljs';

const ledger = Ledger.parse(JSON.parse(fs.readFileSync(path.join(templatesDir(), 'sample', 'budget-2025.json'), 'utf8')));
const tables = ledgerToTables(ledger);
const catalogOf = (prefix: string, classification: 'function' | 'economic-dept') =>
  new Catalog(classification, 2025, Object.entries(ledger.names).filter(([c]) => c.startsWith(prefix)).map(([code, name]) => ({ code, name })));
const functionCatalog = catalogOf('2', 'function');
const economicCatalog = catalogOf('3', 'economic-dept');

async function roundTrip(wb: ExcelJS.Workbook): Promise<ExcelJS.Workbook> {
  return readWorkbook(Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer));
}

function rowsOf(ws: ExcelJS.Worksheet, from: number): { code: string; name: string; amounts: (number | null)[] }[] {
  const out: { code: string; name: string; amounts: (number | null)[] }[] = [];
  for (let r = from; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    const num = (c: number) => {
      const cell = row.getCell(c);
      const v = cell.type === 6 ? cell.result : cell.value;
      return typeof v === 'number' ? Math.round(v * 100) : null;
    };
    out.push({ code: String(row.getCell(1).value ?? ''), name: String(row.getCell(2).value ?? ''), amounts: [num(3), num(4), num(5)] });
  }
  return out;
}

describe('fill', () => {
  const full = tables['budget.05'].rows!;
  const stripped = () =>
    strippedWorkbook({
      title: '一般公共预算支出表',
      unit: '万元',
      columns: ['合计', '基本支出', '项目支出'],
      rows: detailRows(full).map((r) => ({ code: r.code, name: '', amounts: [(r.values!.basic + r.values!.project) / 100, r.values!.basic / 100, r.values!.project / 100] })),
    });

  it('restores names, parent rows in code order and SUM formulas; the amounts are the seed table’s', async () => {
    const wb = await roundTrip(stripped());
    const [table] = findCodeTables(readWorkbookGrid(wb).sheets[0], specs);
    const plan = planFill(table, functionCatalog);
    applyEdits(wb, plan.edits);
    const back = await roundTrip(wb);
    const got = rowsOf(back.worksheets[0], 5);
    const want = full.map((r) => ({ code: r.code, name: r.name! }));
    expect(got.map((r) => ({ code: r.code, name: r.name }))).toEqual(want);
    // amounts: 类/款 rows are formulas whose cached results equal the sums of their 项
    const sumOf = (prefix: string, key: 'basic' | 'project') => detailRows(full).filter((r) => r.code.startsWith(prefix)).reduce((a, r) => a + r.values![key], 0);
    for (const r of got) {
      expect({ code: r.code, amounts: r.amounts }).toEqual({ code: r.code, amounts: [sumOf(r.code, 'basic') + sumOf(r.code, 'project'), sumOf(r.code, 'basic'), sumOf(r.code, 'project')] });
    }
    const total = rowsOf(back.worksheets[0], 4)[0];
    expect(total.amounts).toEqual([80395, 62535, 17860]);
    expect(back.worksheets[0].getCell('C4').formula).toBe('SUM(C5,C10,C15,C19,C22)'); // the five 类
    expect(plan.changes.filter((c) => c.kind === 'rowAdded').map((c) => c.message)).toEqual(
      expect.arrayContaining(['插入类级科目行 201 一般公共服务支出', '插入款级科目行 20103 政府办公厅（室）及相关机构事务']),
    );
  });

  it('filling a filled table changes nothing', async () => {
    const wb = await roundTrip(stripped());
    applyEdits(wb, planFill(findCodeTables(readWorkbookGrid(wb).sheets[0], specs)[0], functionCatalog).edits);
    const once = await roundTrip(wb);
    const again = planFill(findCodeTables(readWorkbookGrid(once).sheets[0], specs)[0], functionCatalog);
    expect(again.edits).toEqual([]);
    expect(again.changes).toEqual([]);
  });

  it('keeps and flags a typed parent amount that disagrees, a wrong name, an unknown code, a duplicate, text in an amount', async () => {
    const wb = strippedWorkbook({
      title: '一般公共预算支出表',
      unit: '万元',
      columns: ['合计', '基本支出', '项目支出'],
      rows: [
        { code: '201', name: '一般公共服务支出', amounts: [999, 999, 0] },
        { code: '2010301', name: '行政运转', amounts: [386.42, 386.42, 0] },
        { code: '2010399', name: '', amounts: [1, 1, 0] },
        { code: '2010301', name: '行政运行', amounts: [2, 2, 0] },
        { code: '20103x', name: '', amounts: [0, 0, 0] },
      ],
    });
    wb.worksheets[0].getCell('E6').value = '十元';
    // the typed 999 must stay: no edit touches C5 or D5
    const book = await roundTrip(wb);
    const plan = planFill(findCodeTables(readWorkbookGrid(book).sheets[0], specs)[0], functionCatalog);
    const flagged = plan.changes.filter((c) => !c.changed).map((c) => `${c.kind} ${c.cell}`);
    expect(flagged).toEqual(
      expect.arrayContaining(['parentMismatch C5', 'parentMismatch D5', 'nameDiffers B7', 'codeUnknown A8', 'codeDuplicate A9', 'codeMalformed A10', 'amountText E7']),
    );
    // 20103 is inserted above 2010301, so the rows below move down by one
    expect(plan.edits.some((e) => e.op !== 'insertRows' && (e.address === 'C5' || e.address === 'D5'))).toBe(false);
    expect(plan.changes.find((c) => c.kind === 'parentMismatch' && c.cell === 'D5')).toMatchObject({ expected: 387.42, actual: 999 });
  });

  it('fills the economic table: 301/302/310 over their 款', async () => {
    const econ = tables['budget.06'].rows!;
    const wb = await roundTrip(
      strippedWorkbook({
        title: '一般公共预算基本支出表',
        unit: '万元',
        columns: ['合计', '人员经费', '公用经费'],
        rows: detailRows(econ).map((r) => ({ code: r.code, name: '', amounts: [(r.values!.personnel + r.values!.public) / 100, r.values!.personnel / 100, r.values!.public / 100] })),
      }),
    );
    const [table] = findCodeTables(readWorkbookGrid(wb).sheets[0], specs);
    expect(table.classification).toBe('economic');
    applyEdits(wb, planFill(table, economicCatalog).edits);
    const back = await roundTrip(wb);
    expect(rowsOf(back.worksheets[0], 5).map((r) => r.code)).toEqual(econ.map((r) => r.code));
    expect(rowsOf(back.worksheets[0], 4)[0].amounts).toEqual([62535, 52738, 9797]);
  });
});

describe('recalc', () => {
  it('finds a broken total and a broken row total, with old and new values, and fixes them', async () => {
    const wb = strippedWorkbook({
      title: '一般公共预算支出表',
      unit: '万元',
      columns: ['合计', '基本支出', '项目支出'],
      rows: [
        { code: '2010301', name: '行政运行', amounts: [386.42, 386.42, 0] },
        { code: '2010302', name: '一般行政管理事务', amounts: [58.5, 0, 58.6] },
      ],
      total: [445.02, 386.42, 58.61],
    });
    const book = await roundTrip(wb);
    const plan = planRecalc(findCodeTables(readWorkbookGrid(book).sheets[0], specs)[0], { formulas: false });
    expect(plan.changes.map((c) => [c.cell, c.actual, c.expected])).toEqual([
      ['E4', 58.61, 58.6],
      ['C6', 58.5, 58.6],
    ]);
    applyEdits(book, plan.edits);
    const back = await roundTrip(book);
    expect(back.worksheets[0].getCell('E4').value).toBe(58.6);
    expect(back.worksheets[0].getCell('C6').value).toBe(58.6);
    expect(back.worksheets[0].getCell('C4').value).toBe(445.02); // was right: untouched
  });

  it('--formulas replaces typed totals by formulas with the recomputed values', async () => {
    const wb = await roundTrip(
      strippedWorkbook({ title: '一般公共预算支出表', unit: '万元', columns: ['合计', '基本支出', '项目支出'], rows: [{ code: '2010301', name: '行政运行', amounts: [1, 386.42, 0] }], total: [5, 5, 5] }),
    );
    const plan = planRecalc(findCodeTables(readWorkbookGrid(wb).sheets[0], specs)[0], { formulas: true });
    applyEdits(wb, plan.edits);
    const ws = (await roundTrip(wb)).worksheets[0];
    expect([ws.getCell('C4').formula, ws.getCell('D4').formula, ws.getCell('C5').formula]).toEqual(['SUM(D4:E4)', 'SUM(D5)', 'SUM(D5:E5)']);
    expect([ws.getCell('C4').result, ws.getCell('D4').result, ws.getCell('E4').result, ws.getCell('C5').result]).toEqual([386.42, 386.42, 0, 386.42]);
  });
});

// The Office.js adapter on an in-memory double of the Excel API: a fixed number of syncs (at most
// three) whatever the number of rows, properties read only after load and sync, and the same
// workbook as the exceljs adapter for the same command.
import type ExcelJS from 'exceljs';
import { loadCatalogSet, loadCrossRules, catalogsForCheck } from '../../src/adapters/node/templates';
import { applyEdits as applyEditsFile } from '../../src/adapters/exceljs/apply-edits';
import { planToWorkbook } from '../../src/adapters/exceljs/write-plan';
import { readWorkbookGrid } from '../../src/adapters/exceljs/read-grid';
import { readGrid } from '../../src/adapters/office/adapter';
import { checkOpenWorkbook, fillOrRecalc, insertTemplate, narrateInto, type Resources } from '../../src/adapters/office/commands';
import { planFill } from '../../src/core/fill';
import { findCodeTables } from '../../src/core/recognize/code-table';
import { buildWorkbook } from '../../src/core/plan/workbook';
import { formulaText } from '../../src/core/plan/evaluate';
import { classes2025, readWorkbook, specs } from '../helpers/workbook';
import { strippedWorkbook } from '../helpers/strip';
import { FakeContext, FakeWorkbookModel, modelFromGrid } from './fake-excel';

const res: Resources = { specs, crossRules: loadCrossRules(), catalogs: catalogsForCheck() };
const all = () => true; // every requirement set
const only11 = (_: string, v: string) => v === '1.1'; // volume-licensed Office 2016

async function exportWith(rows: number): Promise<ExcelJS.Workbook> {
  const codes = ['2010301', '2010302', '2010350', '2080505', '2080506', '2101101', '2101103', '2210201', '2120199'];
  const detail = Array.from({ length: rows }, (_, i) => ({ code: codes[i % codes.length], name: '', amounts: [1 + i, 1 + i, 0] }));
  // distinct codes per row: vary the 项 within real 款 (unknown codes are flagged, still one sync)
  detail.forEach((d, i) => (d.code = i < codes.length ? codes[i] : `20103${String(10 + (i % 80)).padStart(2, '0')}`));
  return readWorkbook(Buffer.from((await strippedWorkbook({ title: '一般公共预算支出表', unit: '万元', columns: ['合计', '基本支出', '项目支出'], rows: detail }).xlsx.writeBuffer()) as ArrayBuffer));
}

describe('syncs', () => {
  it('inserting the templates: one sync for all nine sheets, on Office 2016’s ExcelApi 1.1 too', async () => {
    for (const supports of [all, only11]) {
      const ctx = new FakeContext(new FakeWorkbookModel());
      const names = await insertTemplate(ctx, res, { kind: 'budget', year: 2025, department: '示例单位' }, supports);
      expect(names).toHaveLength(9);
      expect(ctx.syncs).toBe(1);
      expect(ctx.model.sheets.map((s) => s.name)).toEqual(names);
    }
  });

  it.each([10, 5000])('fill, recalc, check and narrate on %i rows: at most three syncs each', async (rows) => {
    const wb = await exportWith(rows);
    const counts: Record<string, number> = {};
    for (const [name, run] of [
      ['fill', (ctx: FakeContext) => fillOrRecalc(ctx, res, 'fill', all)],
      ['recalc', (ctx: FakeContext) => fillOrRecalc(ctx, res, 'recalc', all)],
      ['check', (ctx: FakeContext) => checkOpenWorkbook(ctx, res, all, true)],
    ] as const) {
      const ctx = new FakeContext(modelFromGrid(readWorkbookGrid(wb)));
      await (run as (c: FakeContext) => Promise<unknown>)(ctx).catch((e) => {
        if (!/没有识别出公开表/.test(String(e))) throw e;
      });
      counts[name] = ctx.syncs;
    }
    expect(counts).toEqual({ fill: 3, recalc: 3, check: 3 });
  });

  it('narrate: reads, then writes the 情况说明 sheet, three syncs', async () => {
    const model = new FakeWorkbookModel();
    const ctx = new FakeContext(model);
    const ledger = (await import('../helpers/sample')).sampleLedger('budget-2025');
    const { ledgerToTables } = await import('../../src/core/ledger');
    await insertTemplate(ctx, res, { kind: 'budget', year: 2025, department: ledger.department, data: ledgerToTables(ledger) }, all);
    const ctx2 = new FakeContext(model);
    const narrative = await narrateInto(ctx2, res);
    expect(ctx2.syncs).toBe(3);
    expect(narrative.department).toBe('示例县示例局');
    expect(model.sheet('情况说明').get('A1')?.value).toBe('示例县示例局2025年部门预算情况说明');
  });

  it('a property read before load and sync throws, as in Office.js', async () => {
    const ctx = new FakeContext(new FakeWorkbookModel());
    expect(() => ctx.workbook.worksheets.items).toThrow(/PropertyNotLoaded/);
    ctx.workbook.worksheets.load('items/name');
    await ctx.sync();
    expect(ctx.workbook.worksheets.items).toEqual([]);
  });
});

describe('the same result on both hosts', () => {
  it('templates: the cells Excel receives are the cells the file gets', async () => {
    const ctx = new FakeContext(new FakeWorkbookModel());
    await insertTemplate(ctx, res, { kind: 'final', year: 2025, department: '示例单位' }, all);
    const plan = buildWorkbook({ specs: specs.filter((s) => s.kind === 'final' && !s.extra), department: '示例单位', year: 2025, classes: classes2025 });
    const file = readWorkbookGrid(planToWorkbook(plan));
    for (const sheet of file.sheets) {
      const fake = ctx.model.sheet(sheet.name);
      for (const [r, cells] of sheet.rows) {
        for (const [c, cell] of cells) {
          const a1 = `${String.fromCharCode(64 + c)}${r}`;
          const f = fake.get(a1);
          expect({ a1, formula: f?.formula ?? null, value: f?.formula ? null : f?.value ?? null }).toEqual({ a1, formula: cell.formula ?? null, value: cell.formula ? null : cell.value });
        }
      }
      expect(new Set(fake.merges)).toEqual(new Set(sheet.merges));
    }
    expect(plan.sheets[0].cells.some((c) => c.formula && formulaText(c.formula))).toBe(true);
  });

  it('fill: rows inserted, names and formulas written identically', async () => {
    const wb = await exportWith(9);
    const ctx = new FakeContext(modelFromGrid(readWorkbookGrid(wb)));
    await fillOrRecalc(ctx, res, 'fill', all);
    const fileBook = await exportWith(9);
    const catalog = loadCatalogSet(2025).function!;
    const [table] = findCodeTables(readWorkbookGrid(fileBook).sheets[0], specs);
    applyEditsFile(fileBook, planFill(table, catalog).edits);
    const file = readWorkbookGrid(await readWorkbook(Buffer.from((await fileBook.xlsx.writeBuffer()) as ArrayBuffer))).sheets[0];
    const fake = ctx.model.sheet(file.name);
    let compared = 0;
    for (const [r, cells] of file.rows) {
      for (const [c, cell] of cells) {
        const a1 = `${String.fromCharCode(64 + c)}${r}`;
        expect({ a1, formula: fake.get(a1)?.formula ?? null, text: cell.formula ? null : String(fake.get(a1)?.value ?? '') }).toEqual({ a1, formula: cell.formula ?? null, text: cell.formula ? null : String(cell.value ?? '') });
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(40);
  });

  it('check reads the same grid from Excel as from the file', async () => {
    const wb = await exportWith(9);
    const fromFile = readWorkbookGrid(wb);
    const ctx = new FakeContext(modelFromGrid(fromFile));
    const fromExcel = await readGrid(ctx);
    expect(ctx.syncs).toBe(2);
    expect(fromExcel.sheets.map((s) => [...s.rows].map(([r, cells]) => [r, [...cells].map(([c, v]) => [c, v.value])]))).toEqual(
      fromFile.sheets.map((s) => [...s.rows].map(([r, cells]) => [r, [...cells].map(([c, v]) => [c, v.value])])),
    );
  });
});

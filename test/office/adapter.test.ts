// The Office.js adapter on the double: every command through runInExcel in at most three syncs
// whatever the number of rows; a template inserted into Excel has the file's cells, merges,
// widths, row heights, frozen panes and print setup; fill writes what the file path writes.
import { applyBookPlan as applyToFile } from '../../src/adapters/exceljs/apply-plan';
import { readWorkbookGrid } from '../../src/adapters/exceljs/read-grid';
import { planToWorkbook } from '../../src/adapters/exceljs/write-plan';
import { nodeResources } from '../../src/adapters/node/templates';
import { runInExcel } from '../../src/adapters/office/commands';
import { columnPoints, PAGE_FOOTER } from '../../src/adapters/office/look';
import { address } from '../../src/core/a1';
import { runCommand, type CommandRequest } from '../../src/core/commands/run';
import { sampleWorkbook } from '../helpers/sample';
import { readWorkbook } from '../helpers/workbook';
import { addExport, all, bytesOf, openInExcel, upTo } from './excel-helpers';
import { FakeContext, FakeSettings, FakeWorkbookModel } from './fake-excel';

jest.setTimeout(120_000);
const res = nodeResources();
const template: CommandRequest = { command: 'template', template: { kind: 'final', year: 2025, department: '示例单位' } };

describe('syncs', () => {
  it('a template: one sync to read the sheet names, one to insert all nine sheets, on Office 2016’s ExcelApi 1.1 too', async () => {
    for (const supports of [all, upTo(1)]) {
      const ctx = new FakeContext(new FakeWorkbookModel());
      const result = await runInExcel(ctx, res, supports, new FakeSettings(), { command: 'template', template: { kind: 'budget', year: 2025, department: '示例单位' } });
      expect(ctx.syncs).toBe(2);
      expect(ctx.model.sheets.map((s) => s.name)).toEqual(result.plan.sheets.map((s) => s.name));
      expect(ctx.model.sheets).toHaveLength(9);
    }
  });

  it.each([10, 5000])('fill, recalc, check, narrate and clear on a workbook with %i exported rows: at most three syncs each', async (rows) => {
    const wb = await sampleWorkbook('budget-2025');
    addExport(wb, rows);
    const { model } = await openInExcel(wb);
    const settings = new FakeSettings();
    const syncs: Record<string, number> = {};
    for (const req of [{ command: 'fill' }, { command: 'recalc' }, { command: 'check', mark: true }, { command: 'narrate' }, { command: 'clear' }] as CommandRequest[]) {
      const ctx = new FakeContext(model);
      await runInExcel(ctx, res, all, settings, req);
      syncs[req.command] = Math.max(syncs[req.command] ?? 0, ctx.syncs);
    }
    expect(syncs).toEqual({ fill: 3, recalc: 3, check: 3, narrate: 3, clear: 3 });
    expect(model.sheet('一体化导出').get('B5')?.value).toBe('一般公共服务支出');
    expect(model.sheets.map((s) => s.name)).toContain('情况说明');
  });

  it('a property read before load and sync throws, as in Office.js', async () => {
    const ctx = new FakeContext(new FakeWorkbookModel());
    expect(() => ctx.workbook.worksheets.items).toThrow(/PropertyNotLoaded/);
    ctx.workbook.worksheets.load('items/name');
    await ctx.sync();
    expect(ctx.workbook.worksheets.items).toEqual([]);
  });
});

describe('the same workbook as the file path', () => {
  it('a template: cells, merges, widths in points, row heights, frozen panes and A4 print setup', async () => {
    const ctx = new FakeContext(new FakeWorkbookModel());
    const result = await runInExcel(ctx, res, all, new FakeSettings(), template);
    const wb = planToWorkbook({ sheets: result.plan.sheets });
    const file = readWorkbookGrid(wb);
    let compared = 0;
    for (const sheet of file.sheets) {
      const fake = ctx.model.sheet(sheet.name);
      for (const [r, cells] of sheet.rows) {
        for (const [c, cell] of cells) {
          const a1 = address(r, c);
          const f = fake.get(a1);
          expect({ a1, formula: f?.formula ?? null, value: f?.formula ? null : f?.value ?? null, numFmt: f?.numFmt }).toEqual({ a1, formula: cell.formula ?? null, value: cell.formula ? null : cell.value, numFmt: cell.numFmt });
          compared++;
        }
      }
      expect(new Set(fake.merges)).toEqual(new Set(sheet.merges));
      const ws = wb.getWorksheet(sheet.name)!;
      const plan = result.plan.sheets.find((s) => s.name === sheet.name)!;
      plan.widths.forEach((w, i) => expect(fake.columnWidths.get(i + 1)).toBe(columnPoints(ws.getColumn(i + 1).width!)));
      for (const row of Object.keys(plan.rowHeights).map(Number)) expect(fake.rowHeights.get(row)).toBe(ws.getRow(row).height);
      const view = ws.views[0] as { xSplit?: number; ySplit?: number };
      expect(fake.freeze).toEqual({ rows: view.ySplit ?? 0, columns: view.xSplit ?? 0 });
      const setup = ws.pageSetup;
      expect(fake.page).toMatchObject({
        orientation: setup.orientation === 'landscape' ? 'Landscape' : 'Portrait',
        paperSize: 'A4',
        printTitleRows: setup.printTitlesRow!.replace(/(\d+)/g, '$$$1'),
        centerHorizontally: true,
        margins: { leftMargin: Math.round(setup.margins!.left * 7200) / 100, topMargin: Math.round(setup.margins!.top * 7200) / 100 },
        zoom: { horizontalFitToPages: 1, verticalFitToPages: 0 },
        centerFooter: PAGE_FOOTER,
      });
      // every cell's font, alignment, wrapping and border as the file's
      for (const c of plan.cells) {
        const fc = ws.getCell(c.address);
        const f = fake.get(c.address)!;
        const look = (x: { name?: string; size?: number; bold?: boolean; h?: string; wrap?: boolean; border: boolean }) => ({ a1: c.address, ...x });
        expect(look({ name: f.format?.['font.name'] as string, size: f.format?.['font.size'] as number, bold: !!f.bold, h: String(f.format?.horizontalAlignment ?? '').toLowerCase(), wrap: !!f.format?.wrapText, border: f.format?.['border.EdgeTop.style'] === 'Continuous' })).toEqual(
          look({ name: fc.font.name, size: fc.font.size, bold: !!fc.font.bold, h: fc.alignment.horizontal ?? '', wrap: !!fc.alignment.wrapText, border: !!fc.border?.top }),
        );
      }
    }
    expect(compared).toBeGreaterThan(300);
  });

  it('a template a second time: a Chinese message naming the sheets, nothing written', async () => {
    const model = new FakeWorkbookModel();
    await runInExcel(new FakeContext(model), res, all, new FakeSettings(), template);
    const before = JSON.stringify(model);
    await expect(runInExcel(new FakeContext(model), res, all, new FakeSettings(), template)).rejects.toThrow(/工作簿里已有工作表“公开01表/);
    expect(JSON.stringify(model)).toBe(before);
  });

  it('fill: rows inserted, names and formulas written as in the file', async () => {
    const wb = await sampleWorkbook('budget-2025');
    addExport(wb, 30);
    const { model, direct, bytes } = await openInExcel(wb);
    await runInExcel(new FakeContext(model), res, all, new FakeSettings(), { command: 'fill' });
    const fileBook = await readWorkbook(bytes);
    applyToFile(fileBook, runCommand({ command: 'fill' }, direct, res, '工作簿.xlsx').plan);
    const file = readWorkbookGrid(await readWorkbook(await bytesOf(fileBook))).sheets.find((s) => s.name === '一体化导出')!;
    const fake = model.sheet('一体化导出');
    let compared = 0;
    for (const [r, cells] of file.rows) {
      for (const [c, cell] of cells) {
        const a1 = address(r, c);
        expect({ a1, formula: fake.get(a1)?.formula ?? null, text: cell.formula ? null : String(fake.get(a1)?.value ?? '') }).toEqual({ a1, formula: cell.formula ?? null, text: cell.formula ? null : String(cell.value ?? '') });
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(150);
    expect(Math.max(...[...fake.cells.keys()].map((a) => Number(a.replace(/[A-Z]+/, ''))))).toBe(file.rowCount);
  });
});

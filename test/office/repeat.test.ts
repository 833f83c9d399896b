// Safe to repeat in Excel: check twice leaves what one check leaves; check → check → clear leaves
// the workbook as it was (every cell, fill, note, format, merge, width and sheet); clear deletes
// only the notes gongkai added (a user's note on a marked cell stays, and gets no note of ours);
// fill twice = fill once; gongkai's 检查结果 and 情况说明 sheets are replaced, a user's are kept.
import { nodeResources } from '../../src/adapters/node/templates';
import { runInExcel, STORE_SETTING } from '../../src/adapters/office/commands';
import type { SetSupport } from '../../src/adapters/office/excel-api';
import type { CommandRequest } from '../../src/core/commands/run';
import { sampleWorkbook } from '../helpers/sample';
import { addExport, all, openInExcel, upTo } from './excel-helpers';
import { FakeContext, FakeSettings, FakeSheet, type FakeWorkbookModel } from './fake-excel';

jest.setTimeout(120_000);
const res = nodeResources();
const SHEET = '预算05表 一般公共预算支出表';

/** Everything the double holds, as plain data. */
function snapshot(model: FakeWorkbookModel): unknown {
  const plain = (s: FakeSheet) => ({
    name: s.name,
    visibility: s.visibility,
    cells: Object.fromEntries(
      [...s.cells]
        .map(([a1, c]) => [a1, JSON.parse(JSON.stringify(c)) as Record<string, unknown>] as const)
        .filter(([, c]) => Object.keys(c).some((k) => k !== 'value') || c.value !== '')
        .sort(([a], [b]) => a.localeCompare(b)),
    ),
    merges: [...s.merges].sort(),
    columnWidths: [...s.columnWidths].sort(),
    rowHeights: [...s.rowHeights].sort(),
    page: s.page,
    freeze: s.freeze,
  });
  return model.sheets.map(plain);
}

/** The sample budget with two wrong amounts (C7, C8 of table 05 get marks), a user's fill on C7
 * and a user's note on C8, and a user's note on an unmarked cell. */
async function openSample(): Promise<FakeWorkbookModel> {
  const wb = await sampleWorkbook('budget-2025');
  const ws = wb.getWorksheet(SHEET)!;
  ws.getCell('C8').value = 12345.67;
  ws.getCell('C7').fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFFF00' } };
  ws.getCell('C8').note = '会计：此数待核';
  ws.getCell('B9').note = 'gongkai 检查：这是会计自己抄的一条';
  return (await openInExcel(wb)).model;
}

async function run(model: FakeWorkbookModel, settings: FakeSettings, req: CommandRequest, supports: SetSupport = all): Promise<void> {
  await runInExcel(new FakeContext(model), res, supports, settings, req);
}

const check: CommandRequest = { command: 'check', mark: true };

describe('check, check again, clear', () => {
  it('a second check leaves what one check leaves; clear then leaves the workbook as it was', async () => {
    const model = await openSample();
    const settings = new FakeSettings();
    const original = snapshot(model);
    await run(model, settings, check);
    const once = snapshot(model);
    const store = settings.get(STORE_SETTING);
    const cells = model.sheet(SHEET);
    expect(cells.get('C7')?.fill).toBe('#FFC7CE');
    expect(cells.get('C7')?.note).toMatch(/^gongkai 检查：/);
    // a user's note stays, with no note of ours over it; the fill marks the cell all the same
    expect(cells.get('C8')?.note).toBe('会计：此数待核');
    expect(cells.get('C8')?.fill).toBe('#FFC7CE');
    expect(model.sheets.map((s) => s.name)).toContain('检查结果');

    await run(model, settings, check);
    expect(snapshot(model)).toEqual(once);
    expect(settings.get(STORE_SETTING)).toBe(store);

    await run(model, settings, { command: 'clear' });
    expect(snapshot(model)).toEqual(original);
    expect(model.sheet(SHEET).get('C7')?.fill).toBe('#FFFF00');
    expect(model.sheet(SHEET).get('B9')?.note).toBe('gongkai 检查：这是会计自己抄的一条');
    expect(JSON.parse(String(settings.get(STORE_SETTING)))).toEqual([]);

    // clear once more: nothing to do, nothing changed
    await run(model, settings, { command: 'clear' });
    expect(snapshot(model)).toEqual(original);
  });

  it('without the notes API (before ExcelApi 1.18): fills only, and clear puts them back', async () => {
    const model = await openSample();
    const settings = new FakeSettings();
    const original = snapshot(model);
    await run(model, settings, check, upTo(7));
    expect(model.sheet(SHEET).get('C7')?.note).toBeUndefined();
    expect(model.sheet(SHEET).get('C7')?.fill).toBe('#FFC7CE');
    await run(model, settings, check, upTo(7));
    await run(model, settings, { command: 'clear' }, upTo(7));
    expect(snapshot(model)).toEqual(original);
  });

  it('a user’s own 检查结果 sheet is kept: gongkai’s goes beside it, is replaced by the next check and removed by clear', async () => {
    const model = await openSample();
    const mine = new FakeSheet('检查结果');
    mine.cells.set('A1', { value: '我自己的检查记录' });
    model.sheets.push(mine);
    const settings = new FakeSettings();
    await run(model, settings, check);
    await run(model, settings, check);
    expect(model.sheets.map((s) => s.name).filter((n) => n.startsWith('检查结果'))).toEqual(['检查结果', '检查结果(2)']);
    expect(model.sheet('检查结果').get('A1')?.value).toBe('我自己的检查记录');
    expect(model.sheet('检查结果(2)').get('A1')?.value).toBe('严重程度');
    await run(model, settings, { command: 'clear' });
    expect(model.sheets.map((s) => s.name).filter((n) => n.startsWith('检查结果'))).toEqual(['检查结果']);
  });
});

describe('narrate and fill, twice', () => {
  it('the 情况说明 sheet gongkai made is replaced; a user’s of that name is kept', async () => {
    const model = await openSample();
    const mine = new FakeSheet('情况说明');
    mine.cells.set('A1', { value: '我写的说明' });
    model.sheets.push(mine);
    const settings = new FakeSettings();
    await run(model, settings, { command: 'narrate' });
    const once = snapshot(model);
    await run(model, settings, { command: 'narrate' });
    expect(snapshot(model)).toEqual(once);
    expect(model.sheets.map((s) => s.name).filter((n) => n.startsWith('情况说明'))).toEqual(['情况说明', '情况说明(2)']);
    expect(model.sheet('情况说明').get('A1')?.value).toBe('我写的说明');
    const ours = model.sheet('情况说明(2)');
    expect(ours.get('A1')?.value).toBe('示例县示例局2025年部门预算情况说明');
    expect(ours.page).toMatchObject({ orientation: 'Portrait', paperSize: 'A4', zoom: { horizontalFitToPages: 1 } });
    expect(ours.get('A2')?.format).toMatchObject({ wrapText: true });
  });

  it('fill twice leaves what one fill leaves, and so does recalc', async () => {
    const wb = await sampleWorkbook('budget-2025');
    addExport(wb, 40);
    const { model } = await openInExcel(wb);
    const settings = new FakeSettings();
    const before = snapshot(model);
    await run(model, settings, { command: 'fill' });
    const once = snapshot(model);
    expect(once).not.toEqual(before);
    await run(model, settings, { command: 'fill' });
    expect(snapshot(model)).toEqual(once);
    await run(model, settings, { command: 'recalc' });
    const recalced = snapshot(model);
    await run(model, settings, { command: 'recalc' });
    expect(snapshot(model)).toEqual(recalced);
  });
});

describe('the double', () => {
  it('adding a sheet whose name is taken fails the batch with ItemAlreadyExists, as Excel does', async () => {
    const model = await openSample();
    const ctx = new FakeContext(model);
    ctx.workbook.worksheets.add(SHEET);
    await expect(ctx.sync()).rejects.toMatchObject({ code: 'ItemAlreadyExists' });
  });
});

// Every Office.js member the adapter uses belongs to a requirement set no newer than the one it
// checks at run time before using it. The table is Microsoft's (the Excel JavaScript API
// reference, "[API set: ExcelApi 1.x]" on each member) and is checked against the annotations
// @types/office-js carries; the members used are recorded by the double while every command runs
// on hosts that support sets up to 1.1, 1.2 … 1.18.
import * as fs from 'node:fs';
import { nodeResources } from '../../src/adapters/node/templates';
import { runInExcel } from '../../src/adapters/office/commands';
import type { CommandRequest } from '../../src/core/commands/run';
import { sampleWorkbook } from '../helpers/sample';
import { addExport, openInExcel, upTo } from './excel-helpers';
import { FakeContext, FakeSettings, FakeWorkbookModel } from './fake-excel';

jest.setTimeout(120_000);

/** Member → the ExcelApi set that brought it (reading, for properties read and written alike). */
const SETS: Record<string, string> = {
  'RequestContext.sync': '1.1',
  'Workbook.worksheets': '1.1',
  'Workbook.application': '1.1',
  'Workbook.notes': '1.18',
  'Application.suspendApiCalculationUntilNextSync': '1.6',
  'WorksheetCollection.load': '1.1',
  'WorksheetCollection.items': '1.1',
  'WorksheetCollection.add': '1.1',
  'WorksheetCollection.getItem': '1.1',
  'Worksheet.name': '1.1',
  'Worksheet.visibility': '1.1',
  'Worksheet.delete': '1.1',
  'Worksheet.getRange': '1.1',
  'Worksheet.getUsedRange': '1.1',
  'Worksheet.freezePanes': '1.7',
  'Worksheet.pageLayout': '1.9',
  'WorksheetFreezePanes.freezeAt': '1.7',
  'WorksheetFreezePanes.freezeRows': '1.7',
  'PageLayout.orientation': '1.9',
  'PageLayout.paperSize': '1.9',
  'PageLayout.leftMargin': '1.9',
  'PageLayout.rightMargin': '1.9',
  'PageLayout.topMargin': '1.9',
  'PageLayout.bottomMargin': '1.9',
  'PageLayout.headerMargin': '1.9',
  'PageLayout.footerMargin': '1.9',
  'PageLayout.centerHorizontally': '1.9',
  'PageLayout.zoom': '1.9',
  'PageLayout.setPrintTitleRows': '1.9',
  'PageLayout.headersFooters': '1.9',
  'HeaderFooterGroup.defaultForAllPages': '1.9',
  'HeaderFooter.centerFooter': '1.9',
  'Range.load': '1.1',
  'Range.address': '1.1',
  'Range.values': '1.1',
  'Range.formulas': '1.1',
  'Range.valueTypes': '1.1',
  'Range.numberFormat': '1.1',
  'Range.rowIndex': '1.1',
  'Range.columnIndex': '1.1',
  'Range.format': '1.1',
  'Range.insert': '1.1',
  'Range.merge': '1.2',
  'Range.copyFrom': '1.9',
  'Range.getMergedAreasOrNullObject': '1.13',
  'RangeAreas.load': '1.9',
  'RangeAreas.address': '1.9',
  'RangeAreas.isNullObject': '1.9',
  'RangeFormat.font': '1.1',
  'RangeFormat.fill': '1.1',
  'RangeFormat.borders': '1.1',
  'RangeFormat.horizontalAlignment': '1.1',
  'RangeFormat.verticalAlignment': '1.1',
  'RangeFormat.wrapText': '1.1',
  'RangeFormat.columnWidth': '1.2',
  'RangeFormat.rowHeight': '1.2',
  'RangeFont.bold': '1.1',
  'RangeFont.name': '1.1',
  'RangeFont.size': '1.1',
  'RangeFont.color': '1.1',
  'RangeFont.underline': '1.1',
  'RangeFill.load': '1.1',
  'RangeFill.color': '1.1',
  'RangeFill.clear': '1.1',
  'RangeBorderCollection.getItem': '1.1',
  'RangeBorder.style': '1.1',
  'RangeBorder.weight': '1.1',
  'RangeBorder.color': '1.1',
  'NoteCollection.load': '1.18',
  'NoteCollection.items': '1.18',
  'NoteCollection.add': '1.18',
  'Note.content': '1.18',
  'Note.delete': '1.18',
  'Note.getLocation': '1.18',
};

const minor = (set: string) => Number(set.split('.')[1]);

/** The "[Api set: ExcelApi 1.x]" of a member in @types/office-js, or of its class when the member
 * has none of its own (load, items, isNullObject come from the base ClientObject). */
let dtsText: string | null = null;
function typesSet(member: string): string | null {
  const dts = (dtsText ??= fs.readFileSync(require.resolve('@types/office-js/index.d.ts'), 'utf8'));
  const [cls, name] = member.split('.');
  const from = dts.indexOf('declare namespace Excel {');
  const head = new RegExp(`\\n    class ${cls} (?:extends [^{]*)?\\{`, 'g');
  head.lastIndex = from;
  const found = head.exec(dts);
  if (!found) return null;
  const end = dts.indexOf('\n    }\n', found.index);
  const body = dts.slice(found.index, end);
  const set = (doc: string) => /\[Api set: ExcelApi (1\.\d+)/.exec(doc)?.[1] ?? null;
  const classSet = set(dts.slice(dts.lastIndexOf('/**', found.index), found.index));
  const decl = new RegExp(`\\n        (?:readonly )?${name}\\??[(:]`).exec(body);
  const own = decl ? set(body.slice(body.lastIndexOf('/**', decl.index), decl.index)) : null;
  return own ?? classSet;
}

it('the table agrees with the requirement sets @types/office-js gives each member', () => {
  const wrong = Object.entries(SETS)
    .filter(([m]) => m !== 'RequestContext.sync') // the context itself: ExcelApi 1.1
    .map(([m, set]) => ({ member: m, table: set, types: typesSet(m) }))
    .filter((x) => x.types !== x.table);
  expect(wrong).toEqual([]);
});

async function workbook(): Promise<FakeWorkbookModel> {
  const wb = await sampleWorkbook('budget-2025');
  const ws = wb.getWorksheet('预算05表 一般公共预算支出表')!;
  ws.getCell('C8').value = 12345.67;
  ws.getCell('C9').note = '会计的批注';
  addExport(wb, 20);
  return (await openInExcel(wb)).model;
}

const commands: CommandRequest[] = [{ command: 'fill' }, { command: 'recalc' }, { command: 'check', mark: true }, { command: 'narrate' }, { command: 'check', mark: true }, { command: 'clear' }];

it.each([1, 2, 6, 7, 9, 13, 18])('on a host with ExcelApi up to 1.%i, every member used is in the table and in a supported set', async (level) => {
  const used = new Set<string>();
  const supports = upTo(level);
  const blank = new FakeContext(new FakeWorkbookModel());
  await runInExcel(blank, nodeResources(), supports, new FakeSettings(), { command: 'template', template: { kind: 'budget', year: 2025, department: '示例单位' } });
  blank.used.forEach((m) => used.add(m));
  const model = await workbook();
  const settings = new FakeSettings();
  for (const req of commands) {
    const ctx = new FakeContext(model);
    await runInExcel(ctx, nodeResources(), supports, settings, req);
    ctx.used.forEach((m) => used.add(m));
  }
  const unknown = [...used].filter((m) => !SETS[m]);
  expect(unknown).toEqual([]);
  const tooNew = [...used].filter((m) => minor(SETS[m]) > level).map((m) => `${m} (ExcelApi ${SETS[m]})`);
  expect(tooNew).toEqual([]);
  if (level === 18) expect([...used].sort()).toEqual(Object.keys(SETS).sort());
});

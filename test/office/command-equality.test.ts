// The plan Excel applies is the plan the command line applies: for each command, the plan
// runInExcel applies (planInExcel) on a workbook opened in Excel equals the plan runCommand gives
// for the same file read by the direct .xlsx reader. The workbook has a wrong amount, merged
// headers, a pasted export with names to fill and totals to write, and a very hidden sheet.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { nodeResources } from '../../src/adapters/node/templates';
import { planInExcel } from '../../src/adapters/office/commands';
import { isEmptyPlan } from '../../src/core/commands/plan';
import { runCommand, type CommandRequest } from '../../src/core/commands/run';
import { sampleWorkbook } from '../helpers/sample';
import { addExport, all, openFileInExcel, openInExcel } from './excel-helpers';

jest.setTimeout(120_000);
const res = nodeResources();

const commands: CommandRequest[] = [{ command: 'fill' }, { command: 'recalc' }, { command: 'recalc', formulas: false }, { command: 'check', mark: true }, { command: 'narrate' }, { command: 'clear' }];

describe('the same plan in Excel as from the file', () => {
  let opened: Awaited<ReturnType<typeof openInExcel>>;
  beforeAll(async () => {
    const wb = await sampleWorkbook('budget-2025');
    wb.getWorksheet('预算05表 一般公共预算支出表')!.getCell('C8').value = 12345.67;
    addExport(wb, 25);
    wb.addWorksheet('_内部', { state: 'veryHidden' }).getCell('A1').value = '看不见';
    opened = await openInExcel(wb);
  });

  it.each(commands.map((c) => [JSON.stringify(c), c] as const))('%s', async (_, req) => {
    const { result } = await planInExcel(opened.ctx(), res, all, req);
    const fromFile = runCommand(req, opened.direct, res, '当前工作簿');
    expect(result.plan).toEqual(fromFile.plan);
    expect(result.summary).toBe(fromFile.summary);
    if (req.command !== 'clear') expect(isEmptyPlan(result.plan)).toBe(false);
  });

  // the official 2026 普陀区 blank templates (fixtures/wild/README.md)
  const wild = path.join(__dirname, '..', 'fixtures', 'wild', 'tbx_department_budget_template.xlsx');
  it.each([{ command: 'check', mark: true }, { command: 'fill' }, { command: 'recalc' }] as CommandRequest[])('an official template with merged headers: %o', async (req) => {
    const file = await openFileInExcel(fs.readFileSync(wild));
    const { result } = await planInExcel(file.ctx(), res, all, req);
    expect(result.plan).toEqual(runCommand(req, file.direct, res, '当前工作簿').plan);
    expect(file.direct.sheets.some((s) => s.merges.length > 0)).toBe(true);
  });
});

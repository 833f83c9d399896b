// One entry for the task pane and the standalone page: a command by name on a workbook's grid,
// its plan, and what to tell the user — the same words whichever host applies the plan.
import { describeCatalogs } from '../catalog/catalog';
import type { Report } from '../check/finding';
import type { Change } from '../edits';
import type { WorkbookGrid } from '../grid';
import type { Narrative } from '../narrative/generate';
import { checkCommand, clearCommand, otherBook } from './check';
import { fillCommand, recalcCommand } from './code-tables';
import { narrateCommand, type NamedGrid } from './narrate';
import type { BookPlan } from './plan';
import type { Resources } from './resources';
import { templateCommand, type TemplateRequest } from './template';

export type CommandRequest =
  | { command: 'template'; template: TemplateRequest }
  | { command: 'fill'; sheet?: string; year?: number }
  | { command: 'recalc'; sheet?: string; formulas?: boolean }
  | { command: 'check'; mark: boolean; prior?: NamedGrid; budget?: NamedGrid; year?: number | null; pdf?: boolean }
  | { command: 'clear' }
  | { command: 'narrate'; prior?: NamedGrid; year?: number };

export const COMMAND_NAMES: Record<CommandRequest['command'], string> = { template: '插入模板', fill: '填充科目', recalc: '重算合计', check: '检查', clear: '清除标记', narrate: '生成说明' };

export interface CommandResult {
  plan: BookPlan;
  /** One line for the status bar. */
  summary: string;
  changes?: Change[];
  report?: Report;
  narrative?: Narrative;
  notes?: string[];
}

const count = (changes: Change[], changed: boolean) => changes.filter((c) => c.changed === changed).length;

/** Runs a command on a workbook (`file` names it in messages: a file name, or 当前工作簿). */
export function runCommand(req: CommandRequest, grid: WorkbookGrid, res: Resources, file: string): CommandResult {
  switch (req.command) {
    case 'template': {
      const { plan, report } = templateCommand(res, req.template);
      return { plan, summary: `已生成 ${report.sheets.length} 张表：${report.sheets.join('、')}` };
    }
    case 'fill': {
      const { plan, report } = fillCommand(grid, res, file, { sheet: req.sheet, year: req.year });
      const changes = report.tables.flatMap((t) => t.changes);
      return { plan, changes, notes: report.catalogs.length ? [describeCatalogs(report.catalogs)] : [], summary: `填充完成：改动 ${count(changes, true)} 处，需要核对 ${count(changes, false)} 处。` };
    }
    case 'recalc': {
      const { plan, report } = recalcCommand(grid, res, file, { sheet: req.sheet, formulas: req.formulas ?? true });
      const changes = report.tables.flatMap((t) => t.changes);
      const wrong = changes.filter((c) => c.kind === 'totalWrong' || c.kind === 'totalFixed').length;
      return { plan, changes, summary: `重算完成：${wrong} 处合计不对，已改正；改动 ${count(changes, true)} 处。` };
    }
    case 'check': {
      const { plan, report } = checkCommand(grid, res, file, { mark: req.mark, year: req.year, pdf: req.pdf, prior: req.prior && otherBook(req.prior.file, req.prior.grid, res), budget: req.budget && otherBook(req.budget.file, req.budget.grid, res) });
      const n = (s: string) => report.findings.filter((f) => f.severity === s).length;
      return { plan, report, notes: report.catalogs?.length ? [describeCatalogs(report.catalogs)] : [], summary: `检查完成：错误 ${n('error')} 处，警告 ${n('warning')} 处，提示 ${n('notice')} 处。` };
    }
    case 'clear':
      return { plan: clearCommand().plan, summary: '已清除检查标记。' };
    case 'narrate': {
      const { plan, report } = narrateCommand({ file, grid }, res, { prior: req.prior, year: req.year });
      const blanks = report.narrative.sentences.filter((s) => s.text.includes('【请填写')).length;
      return { plan, narrative: report.narrative, notes: report.notes, summary: `已生成情况说明（${report.narrative.sentences.length} 段）${blanks ? `，其中 ${blanks} 段留有【请填写…】` : ''}。` };
    }
  }
}

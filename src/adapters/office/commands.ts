// The task pane's commands over the open workbook: read it (two syncs; one for a template),
// run the same command as the CLI and the page, apply its plan in one write batch — at most
// three context.sync() calls whatever the number of rows.
import type { Resources } from '../../core/commands/resources';
import { runCommand, type CommandRequest, type CommandResult } from '../../core/commands/run';
import { parseStore, storeLines } from '../../core/commands/store';
import { applyBookPlan, type StoreKeeper } from './apply-plan';
import type { RequestContext, SetSupport } from './excel-api';
import { type ExcelRead, readExcel } from './read-grid';

/** Document settings as gongkai's record in Excel (Office.context.document.settings). */
export interface SettingsLike {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
  saveAsync(cb?: () => void): void;
}

export const STORE_SETTING = 'gongkai.store';

export function settingsKeeper(settings: SettingsLike | undefined): StoreKeeper {
  return {
    read: () => {
      let lines: unknown = [];
      try {
        lines = JSON.parse(String(settings?.get(STORE_SETTING) ?? '[]'));
      } catch {
        lines = [];
      }
      return parseStore(Array.isArray(lines) ? lines.filter((l): l is string => typeof l === 'string') : []);
    },
    write: (store) => {
      settings?.set(STORE_SETTING, JSON.stringify(storeLines(store)));
      settings?.saveAsync();
    },
  };
}

/** Reads what the command needs and runs it: the plan runInExcel applies, and the read it came from. */
export async function planInExcel(context: RequestContext, res: Resources, supports: SetSupport, req: CommandRequest): Promise<{ result: CommandResult; read: ExcelRead }> {
  const read = await readExcel(context, supports, {
    cells: req.command !== 'template' && req.command !== 'clear',
    // the notes already there: gongkai's own to delete (clear, check), a user's to keep (check)
    notes: req.command === 'check' || req.command === 'clear',
  });
  return { result: runCommand(req, read.grid, res, '当前工作簿'), read };
}

/** Any command on the open workbook, its plan applied in one write batch. */
export async function runInExcel(context: RequestContext, res: Resources, supports: SetSupport, settings: SettingsLike | undefined, req: CommandRequest): Promise<CommandResult> {
  const { result, read } = await planInExcel(context, res, supports, req);
  const { restored } = await applyBookPlan({ context, supports, sheetNames: read.sheetNames, notes: read.notes, keeper: settingsKeeper(settings) }, result.plan);
  if (req.command === 'clear') result.summary = restored ? `已清除 ${restored} 个单元格的检查标记，恢复原来的填充色。` : '这个工作簿里没有检查标记。';
  return result;
}

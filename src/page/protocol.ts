// The messages between the page and its worker (src/page/worker.ts): a command on files, and
// its result or the words of its failure. Everything here survives structured cloning.
import type { CommandRequest, CommandResult } from '../core/commands/run';
import type { Output, WorkbookFile } from './files';

export interface Job {
  /** The command; null only loads `catalog` (to say what it holds, or what is wrong with it). */
  req: CommandRequest | null;
  file: WorkbookFile | null;
  prior: WorkbookFile | null;
  /** The province's catalog the user chose (a catalog import .json or the .xlsx export). */
  catalog: WorkbookFile | null;
}

/** A command's result without its plan (applied in the worker, not needed by the page). */
export type ShownResult = Omit<CommandResult, 'plan'>;

export type Reply = { ok: true; result: ShownResult; workbook: WorkbookFile | null; outputs: Output[] } | { ok: false; message: string };

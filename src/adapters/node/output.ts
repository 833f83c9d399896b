// Writing output files safely: never over an input, never over an existing file unless asked,
// and never a partial file (write to a temporary file beside the target, then rename; a pending
// temporary file is removed if the process is interrupted).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { UserError } from '../../core/errors';
import { describeFsError } from './input-file';

export interface OutputOptions {
  force?: boolean;
  /** Files the command reads: the output may not be one of them, even with force. */
  inputs?: string[];
}

/** The real path of an existing file (symbolic links and folder links resolved); else the absolute path. */
export function realInputPath(file: string): string {
  try {
    return fs.realpathSync(file);
  } catch {
    return path.resolve(file);
  }
}

/** Where an output would really be written: the real folder plus the file name (or the real file when it exists). */
export function realOutputPath(target: string): string {
  const resolved = path.resolve(target);
  try {
    return fs.realpathSync(resolved);
  } catch {
    try {
      return path.join(fs.realpathSync(path.dirname(resolved)), path.basename(resolved));
    } catch {
      return resolved;
    }
  }
}

/** Whether two paths name the same file: the same real path, or the same file reached by a hard link. */
function sameFile(a: string, b: string): boolean {
  if (a === b) return true;
  const sa = fs.statSync(a, { throwIfNoEntry: false });
  const sb = fs.statSync(b, { throwIfNoEntry: false });
  return Boolean(sa && sb && sa.dev === sb.dev && sa.ino === sb.ino);
}

/** Refuses an output that is one of the inputs (after resolving links). */
export function refuseInputAsOutput(target: string, inputs: string[]): void {
  const real = realOutputPath(target);
  for (const input of inputs) {
    if (sameFile(realInputPath(input), real)) throw new UserError(`输出文件 ${target} 与输入文件 ${input} 是同一个文件：gongkai 从不改写输入文件，请另选输出路径。`);
  }
}

export function checkOutputPath(target: string, { force = false, inputs = [] }: OutputOptions = {}): string {
  refuseInputAsOutput(target, inputs);
  const resolved = path.resolve(target);
  const stat = fs.statSync(resolved, { throwIfNoEntry: false });
  if (stat) {
    if (stat.isDirectory()) throw new UserError(`输出路径 ${target} 是一个目录，请给出文件名。`);
    if (!stat.isFile()) throw new UserError(`输出路径 ${target} 不是普通文件（可能是管道或设备），请另选输出路径。`);
    if (!force) throw new UserError(`输出文件 ${target} 已存在。如需覆盖，请加 --force。`);
  }
  const dir = path.dirname(resolved);
  const dirStat = fs.statSync(dir, { throwIfNoEntry: false });
  if (!dirStat) throw new UserError(`输出目录 ${dir} 不存在。`);
  if (!dirStat.isDirectory()) throw new UserError(`输出路径 ${target} 无效：${dir} 是文件，不是目录。`);
  try {
    fs.accessSync(dir, fs.constants.W_OK);
  } catch {
    throw new UserError(`输出目录 ${dir} 不可写。`);
  }
  return resolved;
}

/** Temporary files being written: removed by removePendingTemps when the process is interrupted. */
const pendingTemps = new Set<string>();

/** Removes every temporary file a write has not yet renamed into place. */
export function removePendingTemps(): void {
  for (const temp of pendingTemps) fs.rmSync(temp, { force: true });
  pendingTemps.clear();
}

export function registerTempForCleanup(temp: string): () => void {
  pendingTemps.add(temp);
  return () => pendingTemps.delete(temp);
}

/** Where a write to the (resolved) target puts its content before renaming it into place. */
export function tempPathOf(resolved: string): string {
  return path.join(path.dirname(resolved), `.${path.basename(resolved)}.${process.pid}.tmp`);
}

/** Writes data to target atomically; on any failure no file is left behind. */
export async function writeFileAtomic(target: string, data: Buffer | string | (() => Promise<Buffer | string>), options: OutputOptions = {}): Promise<void> {
  const resolved = checkOutputPath(target, options);
  const temp = tempPathOf(resolved);
  const done = registerTempForCleanup(temp);
  try {
    const content = typeof data === 'function' ? await data() : data;
    // the inputs may have changed under us while the content was made (a link swapped…)
    refuseInputAsOutput(target, options.inputs ?? []);
    fs.writeFileSync(temp, content);
    fs.renameSync(temp, resolved);
  } catch (e) {
    fs.rmSync(temp, { force: true });
    if (e instanceof UserError) throw e;
    throw new UserError(`无法写入 ${target}：${describeFsError(e, target) ?? (e as Error).message}`);
  } finally {
    done();
  }
}

// Writing output files safely: never over an input, never over an existing file unless asked,
// and never a partial file (write to a temporary file beside the target, then rename).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { UserError } from '../../core/errors';

export interface OutputOptions {
  force?: boolean;
  /** Files the command reads: the output may not be one of them. */
  inputs?: string[];
}

export function checkOutputPath(target: string, { force = false, inputs = [] }: OutputOptions = {}): string {
  const resolved = path.resolve(target);
  for (const input of inputs) {
    if (path.resolve(input) === resolved) throw new UserError(`输出文件 ${target} 与输入文件相同：gongkai 从不改写输入文件，请另选输出路径。`);
  }
  if (fs.existsSync(resolved)) {
    if (fs.statSync(resolved).isDirectory()) throw new UserError(`输出路径 ${target} 是一个目录，请给出文件名。`);
    if (!force) throw new UserError(`输出文件 ${target} 已存在。如需覆盖，请加 --force。`);
  }
  const dir = path.dirname(resolved);
  if (!fs.existsSync(dir)) throw new UserError(`输出目录 ${dir} 不存在。`);
  try {
    fs.accessSync(dir, fs.constants.W_OK);
  } catch {
    throw new UserError(`输出目录 ${dir} 不可写。`);
  }
  return resolved;
}

/** Writes data to target atomically; on any failure no file is left behind. */
export async function writeFileAtomic(target: string, data: Buffer | string | (() => Promise<Buffer | string>), options: OutputOptions = {}): Promise<void> {
  const resolved = checkOutputPath(target, options);
  const temp = path.join(path.dirname(resolved), `.${path.basename(resolved)}.${process.pid}.tmp`);
  try {
    const content = typeof data === 'function' ? await data() : data;
    fs.writeFileSync(temp, content);
    fs.renameSync(temp, resolved);
  } catch (e) {
    fs.rmSync(temp, { force: true });
    if (e instanceof UserError) throw e;
    throw new UserError(`无法写入 ${target}：${(e as Error).message}`);
  }
}

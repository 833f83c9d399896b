// One file of a batch: check it and keep only the summary (the workbook is released at once).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { UserError } from '../../core/errors';
import { describeFsError } from '../../adapters/node/input-file';
import { writeFileAtomic } from '../../adapters/node/output';
import { checkFile } from './check';

export interface BatchArgs {
  jsonDir?: string;
  catalog?: string;
  year?: string;
  /** Every file the batch reads: no report may be written over one. */
  inputs?: string[];
}

export interface FileSummary {
  file: string;
  status: 'ok' | 'failed';
  message?: string;
  department: string | null;
  kind: 'budget' | 'final' | null;
  year: number | null;
  errors: number;
  warnings: number;
  notices: number;
  firstError: string | null;
}

/**
 * The JSON report's path for each file, decided before any file is checked (workers never race
 * for a name): the file's base name, with (2), (3)… for files of the same name in other folders
 * and, unless `force`, for names a report of an earlier run already holds.
 */
export function jsonNames(dir: string, files: string[], force = false): string[] {
  const taken = new Set<string>();
  return files.map((file) => {
    const base = path.basename(file, path.extname(file));
    const free = (name: string) => !taken.has(name.toLowerCase()) && (force || !fs.existsSync(path.join(dir, name)));
    let name = `${base}.json`;
    for (let i = 2; !free(name); i++) name = `${base}(${i}).json`;
    taken.add(name.toLowerCase());
    return path.join(dir, name);
  });
}

/** One file to check, and where its JSON report goes (if anywhere). */
export interface BatchJob {
  file: string;
  json?: string;
}

export async function checkOne({ file, json }: BatchJob, args: BatchArgs): Promise<FileSummary> {
  try {
    const report = await checkFile(file, { catalog: args.catalog, year: args.year });
    if (json) await writeFileAtomic(json, JSON.stringify(report, null, 2), { force: true, inputs: args.inputs });
    const count = (s: string) => report.findings.filter((f) => f.severity === s).length;
    const first = report.findings.find((f) => f.severity === 'error');
    return {
      file,
      status: 'ok',
      department: report.department,
      kind: report.kind,
      year: report.year,
      errors: count('error'),
      warnings: count('warning'),
      notices: count('notice'),
      firstError: first ? `${first.sheet ?? ''}${first.cell ? `!${first.cell}` : ''} ${first.message}`.trim() : null,
    };
  } catch (e) {
    const fsMessage = e instanceof UserError ? null : describeFsError(e, file);
    const message =
      e instanceof UserError ? e.message.replace(`${file} `, '').replace(file, path.basename(file)) : fsMessage ? fsMessage.replace(`${file}：`, '') : `内部错误：${(e as Error).message}`;
    return { file, status: 'failed', message, department: null, kind: null, year: null, errors: 0, warnings: 0, notices: 0, firstError: null };
  }
}

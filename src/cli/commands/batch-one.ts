// One file of a batch: check it and keep only the summary (the workbook is released at once).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { UserError } from '../../core/errors';
import { checkFile } from './check';

export interface BatchArgs {
  jsonDir?: string;
  catalog?: string;
  year?: string;
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

function jsonName(dir: string, file: string): string {
  const base = path.basename(file, path.extname(file));
  let name = path.join(dir, `${base}.json`);
  for (let i = 2; fs.existsSync(name); i++) name = path.join(dir, `${base}(${i}).json`);
  return name;
}

export async function checkOne(file: string, args: BatchArgs): Promise<FileSummary> {
  try {
    const report = await checkFile(file, { catalog: args.catalog, year: args.year });
    if (args.jsonDir) fs.writeFileSync(jsonName(args.jsonDir, file), JSON.stringify(report, null, 2));
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
    const message = e instanceof UserError ? e.message.replace(`${file} `, '').replace(file, path.basename(file)) : `内部错误：${(e as Error).message}`;
    return { file, status: 'failed', message, department: null, kind: null, year: null, errors: 0, warnings: 0, notices: 0, firstError: null };
  }
}

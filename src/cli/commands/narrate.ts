// gongkai narrate: write the 情况说明 from the workbook's tables (and last year's).
import * as path from 'node:path';
import { UserError } from '../../core/errors';
import type { Narrative } from '../../core/narrative/generate';
import { renderMarkdown, renderText } from '../../core/narrative/render';
import { narrateCommand } from '../../core/commands/narrate';
import type { BookPlan } from '../../core/commands/plan';
import { narrativeDocx } from '../../adapters/docx/narrative-docx';
import { nodeResources } from '../../adapters/node/templates';
import { checkOutputPath, writeFileAtomic } from '../../adapters/node/output';
import { parseYear } from '../options';
import { readGridFile } from '../../adapters/node/grid-file';
import { type InputWorkbook, openInputWorkbook, patchedBytes } from './workbook-io';

export interface NarrateArgs {
  output?: string;
  prior?: string;
  budget?: string;
  year?: string;
  json?: boolean;
  force?: boolean;
}

const OUTPUT_EXTENSIONS = ['.docx', '.md', '.txt', '.xlsx'];

/** The narrative of a workbook, read by the direct reader (no workbook model: the .xlsx output is a patched copy). */
export async function buildNarrative(input: string, args: NarrateArgs): Promise<{ plan: BookPlan; narrative: Narrative; book: InputWorkbook; notes: string[] }> {
  const book = await openInputWorkbook(input);
  const named = (file: string) => ({ file, grid: readGridFile(file) });
  const { plan, report } = narrateCommand({ file: input, grid: book.grid }, nodeResources(), {
    year: args.year ? parseYear(args.year) : undefined,
    prior: args.prior ? named(args.prior) : undefined,
    budget: args.budget ? { ...named(args.budget), label: '--budget' } : undefined,
  });
  return { plan, narrative: report.narrative, book, notes: report.notes };
}

export async function runNarrate(input: string, args: NarrateArgs): Promise<string> {
  if (args.year) parseYear(args.year);
  if (!args.output && !args.json) throw new UserError('请用 -o 给出输出文件（.docx、.md、.txt 或 .xlsx），或用 --json 输出到屏幕。');
  const ext = path.extname(args.output ?? '').toLowerCase();
  const inputs = [input, ...(args.prior ? [args.prior] : []), ...(args.budget ? [args.budget] : [])];
  if (args.output) {
    if (!OUTPUT_EXTENSIONS.includes(ext)) throw new UserError(`不支持的输出格式「${ext || '（无扩展名）'}」：请用 ${OUTPUT_EXTENSIONS.join('、')}。`);
    checkOutputPath(args.output, { force: args.force, inputs });
  }
  const { plan, narrative, notes, book } = await buildNarrative(input, args);
  if (!args.output) return JSON.stringify({ kind: narrative.kind, year: narrative.year, sentences: narrative.sentences }, null, 2);
  const content: Record<string, () => Promise<Buffer | string>> = {
    '.md': async () => renderMarkdown(narrative),
    '.txt': async () => renderText(narrative),
    '.docx': () => narrativeDocx(narrative),
    '.xlsx': async () => (await patchedBytes(input, book.bytes, plan)).bytes,
  };
  await writeFileAtomic(args.output, content[ext], { force: args.force, inputs });
  const blanks = narrative.sentences.filter((s) => s.text.includes('【请填写')).length;
  return [
    ...notes,
    `已生成 ${narrative.department}${narrative.year}年${narrative.kind === 'budget' ? '部门预算' : '部门决算'}情况说明（${narrative.sentences.length} 段），写入 ${args.output}。`,
    blanks ? `其中 ${blanks} 段留有【请填写…】，需要补充原因或数字。` : '',
    args.json ? JSON.stringify({ kind: narrative.kind, year: narrative.year, sentences: narrative.sentences }, null, 2) : '',
  ]
    .filter(Boolean)
    .join('\n');
}

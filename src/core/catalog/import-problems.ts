// The words for a catalog export that could not be imported (the CLI's catalog import and the
// pages' catalog control say the same).
import type { ImportProblem } from './import';

export function importProblemsMessage(file: string, problems: ImportProblem[]): string {
  const lines = problems.slice(0, 50).map((p) => (p.row ? `  第 ${p.row} 行：${p.reason}` : `  ${p.reason}`));
  const more = problems.length > 50 ? [`  ……另有 ${problems.length - 50} 处问题`] : [];
  return [`科目表 ${file} 未导入，发现 ${problems.length} 处问题：`, ...lines, ...more].join('\n');
}

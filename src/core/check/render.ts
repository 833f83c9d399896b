// The readable Chinese report: findings grouped by table, errors first within each.
import type { Finding, Report } from './finding';
import { SEVERITY_NAMES } from './finding';
import { describeCatalogs } from '../catalog/catalog';

export function renderReport(report: Report): string {
  const count = (s: Finding['severity']) => report.findings.filter((f) => f.severity === s).length;
  const kind = report.kind === 'budget' ? '部门预算' : report.kind === 'final' ? '部门决算' : '（未识别类型）';
  const lines = [
    `检查：${report.file}`,
    `${report.department ?? '（未识别单位）'} ${report.year ? `${report.year}年` : ''}${kind}，识别出 ${report.tables.length} 张表`,
    `错误 ${count('error')} 处，警告 ${count('warning')} 处，提示 ${count('notice')} 处`,
  ];
  if (report.catalogs?.length) lines.push(describeCatalogs(report.catalogs));
  for (const t of report.tables) {
    if (!t.how) continue;
    const columns = t.how.columns.map((c) => c.header.split('/').pop()).join('、');
    lines.push(`  ${t.sheet}：「${t.title}」按表名（${t.how.concepts.join('、')}）识别为 ${t.id}，栏目 ${columns}，读出 ${t.how.rows} 行`);
  }
  if (report.otherSheets?.length) lines.push(otherSheetsLine(report.otherSheets));
  const groups = new Map<string, Finding[]>();
  for (const f of report.findings) {
    const table = report.tables.find((t) => t.sheet === f.sheet);
    const key = f.sheet ? (table ? `${f.sheet}` : f.sheet) : '整个工作簿';
    groups.set(key, [...(groups.get(key) ?? []), f]);
  }
  for (const [group, findings] of groups) {
    lines.push('', `【${group}】`);
    const order = { error: 0, warning: 1, notice: 2 };
    for (const f of [...findings].sort((a, b) => order[a.severity] - order[b.severity])) {
      lines.push(`  ${SEVERITY_NAMES[f.severity]} ${f.cell ?? ''} ${f.message}`.replace(/\s+$/, ''));
    }
  }
  if (report.findings.length === 0) lines.push('', '没有发现问题。');
  return lines.join('\n');
}

/** Page numbers as runs: 1、3–5、29. */
function pageRuns(pages: number[]): string {
  const sorted = [...new Set(pages)].sort((a, b) => a - b);
  const runs: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j] + 1) j++;
    runs.push(j > i ? `${sorted[i]}–${sorted[j]}` : `${sorted[i]}`);
    i = j + 1;
  }
  return runs.join('、');
}

/**
 * The sheets that are not tables: by name in a workbook; in a PDF (each text section a sheet
 * named by its page) by kind and pages, so a form printed as many short sections is one entry.
 */
function otherSheetsLine(others: NonNullable<Report['otherSheets']>): string {
  const pageOf = (name: string) => /^第(\d+)页 /.exec(name)?.[1];
  if (!others.every((s) => pageOf(s.sheet))) return `  其他工作表：${others.map((s) => `${s.sheet}（${s.kind}）`).join('、')}`;
  const byKind = new Map<string, number[]>();
  for (const s of others) byKind.set(s.kind, [...(byKind.get(s.kind) ?? []), Number(pageOf(s.sheet))]);
  return `  其他内容：${[...byKind].map(([kind, pages]) => `${kind} 第${pageRuns(pages)}页`).join('；')}`;
}

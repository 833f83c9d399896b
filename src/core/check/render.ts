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
  if (report.otherSheets?.length) lines.push(`  其他工作表：${report.otherSheets.map((s) => `${s.sheet}（${s.kind}）`).join('、')}`);
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

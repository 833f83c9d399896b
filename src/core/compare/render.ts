// The compare report as text, grouped by table, in the order the workbook has them.
import type { CompareReport, Difference } from './compare';

const TYPE_NAMES: Record<Difference['type'], string> = {
  'table.missing': '缺表',
  'table.extra': '多表',
  'row.missing': '缺行',
  'row.extra': '多行',
  'column.missing': '缺栏',
  'column.extra': '多栏',
  figure: '数字不同',
  unit: '单位不同',
  year: '年份不同',
  narrative: '情况说明',
  department: '单位名称不同',
};

export function renderCompare(r: CompareReport): string {
  const lines = [`比较：${r.workbook} ↔ ${r.pdf}`];
  const figures = r.tables.reduce((n, t) => n + t.figures, 0);
  const both = r.tables.filter((t) => t.workbook && t.pdf).length;
  lines.push(`${[r.department, r.year ? `${r.year}年` : '', r.kind === 'budget' ? '部门预算' : r.kind === 'final' ? '部门决算' : ''].join('')}：两边都有的表 ${both} 张，逐一比较了 ${figures} 个数字`);
  if (!r.differences.length) {
    lines.push('', '工作簿与 PDF 一致，没有发现不同。');
    return lines.join('\n');
  }
  lines.push(`发现 ${r.differences.length} 处不同`);
  const groups = new Map<string, Difference[]>();
  for (const d of r.differences) {
    const key = d.title ?? (d.type === 'narrative' ? '情况说明' : '整个文件');
    groups.set(key, [...(groups.get(key) ?? []), d]);
  }
  for (const [title, list] of groups) {
    lines.push('', `【${title}】`);
    for (const d of list) lines.push(`  ${TYPE_NAMES[d.type]} ${d.message}`);
  }
  return lines.join('\n');
}

// Validates raw table specs and resolves the set a workbook is built from.
import { UserError } from '../errors';
import { describeIssues, TableSpec } from './schema';

export function parseSpec(json: unknown, source: string): TableSpec {
  const result = TableSpec.safeParse(json);
  if (!result.success) {
    throw new UserError(`表格定义 ${source} 有误：\n` + describeIssues(result.error).map((l) => `  ${l}`).join('\n'));
  }
  return result.data;
}

export type Kind = TableSpec['kind'];

export const KIND_NAMES: Record<Kind, string> = { budget: '预算', final: '决算' };

/** The specs of one kind, in table order; `numbers` picks tables ("01", "5", "x-opex"). */
export function selectSpecs(all: TableSpec[], kind: Kind, numbers?: string[]): TableSpec[] {
  const ofKind = all.filter((s) => s.kind === kind).sort((a, b) => a.number.localeCompare(b.number));
  if (!numbers || numbers.length === 0) return ofKind.filter((s) => !s.extra);
  return numbers.map((n) => {
    const wanted = /^\d+$/.test(n) ? n.padStart(2, '0') : n;
    const spec = ofKind.find((s) => s.number === wanted);
    if (!spec) {
      const known = ofKind.map((s) => s.number).join('、');
      throw new UserError(`没有${KIND_NAMES[kind]}表「${n}」。可用的表号：${known}`);
    }
    return spec;
  });
}

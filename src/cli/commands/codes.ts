// gongkai codes: look up subject codes (or names) in the year's catalog; --verify says how sure it is.
import { UserError } from '../../core/errors';
import { cite, joinCodeArgs, lookupCode, lookupName, type LookupResult } from '../../core/catalog/lookup';
import { type Catalog, catalogUse, describeCatalogs } from '../../core/catalog/catalog';
import type { Classification } from '../../core/catalog/schema';
import { loadCatalogSet } from '../../adapters/node/templates';
import { parseYear } from '../options';

export interface CodesArgs {
  year?: string;
  json?: boolean;
  name?: string;
  catalog?: string;
  verify?: boolean;
}

const CLASS_NAMES = { function: '支出功能分类', economic: '支出经济分类' } as const;

function describe(r: LookupResult, year: number): string {
  if (!r.found) {
    const why = r.level === null ? '不是有效的科目编码（应为3、5或7位数字）' : `不在${year}年科目表中`;
    const near = r.suggestions.length ? `；相近的编码：${r.suggestions.map((s) => `${s.code} ${s.name}`).join('，')}` : '';
    return `${r.input}：${why}${near}`;
  }
  const parents = r.parents.map((p) => `${p.code} ${p.name ?? '（科目表中没有）'}`).join(' › ');
  const head = `${r.code} ${r.name}（${r.level}，${CLASS_NAMES[r.classification!]}）`;
  return [head, parents ? `  上级：${parents}` : null, r.note ? `  说明：${r.note}` : null].filter(Boolean).join('\n');
}

/** What the catalog knows of the code and how sure it is: for --verify. */
function describeVerification(r: LookupResult, year: number): string {
  const v = r.verification;
  const lines = [describe(r, year)];
  if (v.catalog) lines.push(`  科目表：${v.catalog}`);
  lines.push(`  可信度：${v.status}`);
  for (const s of v.sources) lines.push(`  依据：${cite(s)}`);
  for (const s of v.earlier) lines.push(`  此前年份（${s.year}年）：${cite(s)}`);
  return lines.join('\n');
}

function catalogOf(code: string, catalogs: Partial<Record<Classification, Catalog>>): Catalog | undefined {
  return code.startsWith('2') ? catalogs.function : code.startsWith('3') ? catalogs['economic-dept'] : code.startsWith('5') ? catalogs['economic-gov'] : undefined;
}

export function runCodes(codes: string[], args: CodesArgs): { text: string; exitCode: number } {
  const year = args.year ? parseYear(args.year) : new Date().getFullYear();
  if (!args.name && codes.length === 0) throw new UserError(args.verify ? '请给出要核实的科目编码，如 gongkai codes --verify 2080705。' : '请给出要查的科目编码，或用 --name 按名称查。');
  const catalogs = loadCatalogSet(year, args.catalog);
  const results = args.name ? lookupName(args.name, catalogs) : joinCodeArgs(codes).map((c) => lookupCode(c, catalogs));
  if (args.name && results.length === 0) {
    return { text: args.json ? '[]' : `${year}年科目表中没有名称为「${args.name}」的科目。`, exitCode: 1 };
  }
  const exitCode = results.every((r) => r.found) ? 0 : 1;
  const used = [...new Set(results.map((r) => catalogOf(r.code, catalogs)).filter((c): c is Catalog => Boolean(c)))];
  if (args.json) {
    const json = results.map((r) => {
      const catalog = catalogOf(r.code, catalogs);
      return {
        code: r.code,
        name: r.name,
        level: r.level,
        classification: r.classification,
        parents: r.parents,
        found: r.found,
        suggestions: r.suggestions,
        catalog: catalog ? catalogUse(catalog) : null,
        ...(args.verify ? { verification: { ...r.verification, ...(r.note ? { note: r.note } : {}) } } : {}),
      };
    });
    return { text: JSON.stringify(json, null, 2), exitCode };
  }
  const body = results.map((r) => (args.verify ? describeVerification(r, year) : describe(r, year))).join('\n');
  return { text: used.length ? `${body}\n${describeCatalogs(used.map(catalogUse))}` : body, exitCode };
}

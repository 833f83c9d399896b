// gongkai catalog import: a province's catalog export → a catalog file every command accepts.
import { UserError } from '../../core/errors';
import { importCatalog, levelCounts } from '../../core/catalog/import';
import { importProblemsMessage } from '../../core/catalog/import-problems';
import { readRows } from '../../adapters/node/tabular';
import { checkOutputPath, writeFileAtomic } from '../../adapters/node/output';
import { parseYear, requireExtension } from '../options';

export interface CatalogImportArgs {
  year: string;
  output: string;
  force?: boolean;
}

export async function runCatalogImport(file: string, args: CatalogImportArgs): Promise<string> {
  const year = parseYear(args.year);
  requireExtension(args.output, ['.json'], '-o');
  checkOutputPath(args.output, { force: args.force, inputs: [file] });
  const rows = await readRows(file);
  const result = importCatalog(rows, year, `由 ${file} 导入`);
  if (!result.catalog) throw new UserError(importProblemsMessage(file, result.problems));
  const catalog = result.catalog;
  if (catalog.form !== 'full') throw new Error('unreachable');
  await writeFileAtomic(args.output, JSON.stringify(catalog, null, 1) + '\n', { force: args.force, inputs: [file] });
  return `已导入 ${catalog.entries.length} 个科目（${levelCounts(catalog)}），写入 ${args.output}。\n其他命令加 --catalog ${args.output} 即可使用。`;
}

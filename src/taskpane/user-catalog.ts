// A province's own catalog loaded in the task pane or the standalone page: the JSON that
// `gongkai catalog import` writes, or the 一体化系统's .xlsx export itself (imported as the CLI
// imports it, the year taken from the file name). Validated with the catalog schema; every
// problem in Chinese naming the file.
import { ZodError } from 'zod';
import { parseCatalogFile } from '../core/catalog/catalog';
import { importCatalog, levelCounts, sheetRows } from '../core/catalog/import';
import { importProblemsMessage } from '../core/catalog/import-problems';
import type { CatalogFile } from '../core/catalog/schema';
import { UserError } from '../core/errors';
import { describeIssues } from '../core/spec/schema';
import { acceptCatalog } from '../page/files';
import { readWorkbookGrid } from '../page/read-workbook';

/** An imported catalog and the name of the file it came from. */
export interface UserCatalog {
  file: string;
  catalog: CatalogFile;
}

export async function readUserCatalog(name: string, bytes: ArrayBuffer): Promise<UserCatalog> {
  acceptCatalog(name, bytes.byteLength);
  return { file: name, catalog: /\.json$/i.test(name) ? fromJson(name, bytes) : await fromExport(name, bytes) };
}

function fromJson(name: string, bytes: ArrayBuffer): CatalogFile {
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new UserError(`${name} 不是有效的 JSON：${(e as Error).message}`);
  }
  try {
    return parseCatalogFile(json);
  } catch (e) {
    if (e instanceof ZodError) throw new UserError(`科目表 ${name} 有误：\n` + describeIssues(e).map((l) => `  ${l}`).join('\n'));
    throw e;
  }
}

async function fromExport(name: string, bytes: ArrayBuffer): Promise<CatalogFile> {
  const year = /(20\d\d)/.exec(name)?.[1];
  if (!year) throw new UserError(`无法从文件名 ${name} 看出科目表的年度：请把年度写进文件名（如“2025年科目.xlsx”），或用 gongkai catalog import --year 导入为 .json 后再选择。`);
  const sheet = (await readWorkbookGrid(name, bytes)).sheets[0];
  if (!sheet) throw new UserError(`${name} 里没有工作表`);
  const rows = sheetRows(sheet);
  const result = importCatalog(rows, Number(year), `由 ${name} 导入`);
  if (!result.catalog) throw new UserError(importProblemsMessage(name, result.problems));
  return result.catalog;
}

const CLASSIFICATIONS = { function: '功能分类', 'economic-dept': '部门经济分类', 'economic-gov': '政府经济分类' } as const;

/** What a loaded catalog holds, in the words of catalog import. */
export function describeUserCatalog({ file, catalog }: UserCatalog): string {
  const entries = catalog.form === 'full' ? catalog.entries.length : 0;
  return `已载入科目表 ${file}：${catalog.year}年${CLASSIFICATIONS[catalog.classification]} ${entries} 个科目（${levelCounts(catalog)}），填充和检查${catalog.year}年的表时用它代替内置科目表。`;
}

// Importing a province's catalog export (预算管理一体化系统: 科目编码/科目名称 columns, or cells
// like "2010301##行政运行" / "[2010301]行政运行") into a catalog file, with every problem found.
import { ancestorCodes } from '../codes';
import type { Grid, GridCell } from '../grid';
import { MAX_CATALOG_ENTRIES } from '../limits';
import { parseCodeText } from './lookup';
import { CatalogFile, type Classification } from './schema';

export interface SourceRow {
  /** 1-based row number in the source, for messages. */
  row: number;
  cells: string[];
}

/** The rows of an export's sheet as text, each cell as a user sees it (its error, or its value). */
export function sheetRows(sheet: Grid): SourceRow[] {
  const text = (cell: GridCell | undefined) => (!cell ? '' : cell.error ? cell.error : cell.value === null ? '' : String(cell.value));
  const rows: SourceRow[] = [];
  for (const r of [...sheet.rows.keys()].sort((a, b) => a - b)) {
    const row = sheet.rows.get(r)!;
    let last = 0;
    for (const c of row.keys()) if (c > last) last = c;
    const cells: string[] = [];
    for (let c = 1; c <= last; c++) cells.push(text(row.get(c)));
    rows.push({ row: r, cells });
  }
  return rows;
}

/** An imported catalog's entries by level: "类 1 个、款 1 个、项 2 个". */
export function levelCounts(catalog: CatalogFile): string {
  const entries = catalog.form === 'full' ? catalog.entries : [];
  const count = (len: number) => entries.filter(([code]) => code.length === len).length;
  const levels = catalog.classification === 'function' ? ['类', '款', '项'] : ['类', '款', '细目'];
  return levels.map((level, i) => `${level} ${count(3 + 2 * i)} 个`).join('、');
}

export interface ImportProblem {
  row: number;
  reason: string;
}

export interface ImportResult {
  catalog: CatalogFile | null;
  problems: ImportProblem[];
  classification: Classification | null;
}

const CODE_HEADER = /^(科目)?(编码|代码|编号)$|^科目编码$|^code$/i;
const NAME_HEADER = /^(科目)?名称$|^name$/i;

function classificationOf(code: string): Classification | null {
  return code.startsWith('2') ? 'function' : code.startsWith('3') ? 'economic-dept' : code.startsWith('5') ? 'economic-gov' : null;
}

/** Finds code/name pairs in each row: by header columns if there are headers, else per cell. */
function extractPairs(rows: SourceRow[]): { row: number; code: string; name: string }[] {
  const clean = (s: string) => s.normalize('NFKC').replace(/\s+/g, '');
  for (const r of rows.slice(0, 20)) {
    const codeCol = r.cells.findIndex((c) => CODE_HEADER.test(clean(c)));
    const nameCol = r.cells.findIndex((c) => NAME_HEADER.test(clean(c)));
    if (codeCol >= 0 && nameCol >= 0) {
      return rows
        .filter((x) => x.row > r.row && x.cells.some((c) => c.trim() !== ''))
        .map((x) => ({ row: x.row, code: (x.cells[codeCol] ?? '').trim(), name: (x.cells[nameCol] ?? '').trim() }));
    }
  }
  const out: { row: number; code: string; name: string }[] = [];
  for (const r of rows) {
    for (const cell of r.cells) {
      const text = cell.trim();
      if (!text) continue;
      const hash = /^(\S+?)\s*##\s*(.*)$/.exec(text);
      const parsed = hash ? { code: hash[1], name: hash[2] } : parseCodeText(text);
      if (parsed && /^\d/.test(parsed.code)) out.push({ row: r.row, code: parsed.code, name: (parsed.name ?? '').trim() });
    }
  }
  return out;
}

export function importCatalog(rows: SourceRow[], year: number, source: string): ImportResult {
  const problems: ImportProblem[] = [];
  const pairs = extractPairs(rows);
  if (pairs.length > MAX_CATALOG_ENTRIES) {
    return { catalog: null, classification: null, problems: [{ row: 0, reason: `科目超过 ${MAX_CATALOG_ENTRIES.toLocaleString('en')} 个（找到 ${pairs.length.toLocaleString('en')} 个），不像是一张科目表` }] };
  }
  if (pairs.length === 0) {
    return { catalog: null, classification: null, problems: [{ row: 0, reason: '没有找到科目：需要“科目编码”“科目名称”两列，或“编码##名称”形式的单元格' }] };
  }
  const entries = new Map<string, { name: string; row: number }>();
  const kinds = new Map<Classification, number>();
  for (const p of pairs) {
    if (!/^\d{3}(\d{2}){0,2}$/.test(p.code)) {
      problems.push({ row: p.row, reason: `编码「${p.code}」格式不对：应为3、5或7位数字` });
      continue;
    }
    if (!p.name) {
      problems.push({ row: p.row, reason: `编码 ${p.code} 没有名称` });
      continue;
    }
    const previous = entries.get(p.code);
    if (previous) {
      if (previous.name !== p.name) problems.push({ row: p.row, reason: `编码 ${p.code} 重复，且名称不同（第 ${previous.row} 行为「${previous.name}」）` });
      continue;
    }
    entries.set(p.code, { name: p.name, row: p.row });
    const k = classificationOf(p.code);
    if (k) kinds.set(k, (kinds.get(k) ?? 0) + 1);
  }
  for (const [code, e] of entries) {
    for (const parent of ancestorCodes(code)) {
      if (!entries.has(parent)) problems.push({ row: e.row, reason: `编码 ${code} 的上级科目 ${parent} 不在表中` });
    }
  }
  if (kinds.size > 1) {
    const list = [...kinds].map(([k, n]) => `${k} ${n} 个`).join('、');
    problems.push({ row: 0, reason: `一个文件里混有多种分类的科目（${list}）：请按功能分类、经济分类分别导入` });
  }
  const classification = kinds.size === 1 ? [...kinds.keys()][0] : null;
  if (problems.length > 0 || !classification) return { catalog: null, problems: problems.sort((a, b) => a.row - b.row), classification };
  const sorted = [...entries].sort(([a], [b]) => (a < b ? -1 : 1));
  const catalog = CatalogFile.parse({
    form: 'full',
    classification,
    year,
    title: `${year}年政府收支分类科目（导入）`,
    source,
    entries: sorted.map(([code, e]) => [code, e.name]),
  });
  return { catalog, problems, classification };
}

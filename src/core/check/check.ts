// The whole check of one workbook: recognise the tables, run every rule, and return the report.
import { address, parseAddress } from '../a1';
import { type Catalog, catalogUse } from '../catalog/catalog';
import type { Classification } from '../catalog/schema';
import { squash, type WorkbookGrid } from '../grid';
import { CONCEPT_NAMES, readTitle } from '../recognize/concepts';
import { SHEET_KIND_NAMES } from '../recognize/sheets';
import { recognize, type RecognizedTable } from '../recognize/tables';
import type { TableSpec } from '../spec/schema';
import { Book } from './book';
import { checkCells, checkCodes, checkEmptyNote, checkHeaders, checkPlaceholders } from './content';
import { checkCross, type CrossRules } from './cross';
import type { Finding, Report } from './finding';
import { checkTable } from './in-table';
import { checkNarrative, type Paragraph } from '../narrative/check';
import { collectFacts, type Facts } from '../narrative/facts';
import { narrativeParagraphs } from '../narrative/sources';
import { type LexiconFile, lexiconFor } from '../narrative/lexicon';
import { checkPerformanceTargets } from '../performance/targets';
import { checkProjectAmounts } from '../performance/project-amounts';
import { checkSelfEvaluation } from '../performance/self-evaluation';
import { checkCodeMentions, checkNoteTopic } from './text-notes';
import { append } from '../arrays';
import { MAX_FINDINGS } from '../limits';

export interface CheckInput {
  file: string;
  grid: WorkbookGrid;
  specs: TableSpec[];
  crossRules: CrossRules[];
  /** The catalogs of a year (the workbook's, once recognised); 2024's when the year is unknown. */
  catalogs: (year: number | null) => Partial<Record<Classification, Catalog>>;
  year?: number | null;
  /** A narrative to check against the tables: given, or else the workbook's own 说明 sheet. */
  narrative?: Paragraph[];
  /** Last year's figures, to check stated changes. */
  prior?: Facts;
  /** 决算: the year's budget figures, to check the 完成年初预算 percentages. */
  budget?: Facts;
  /** What the narrative's phrases mean (templates/narrative/metrics.json); without it only 项/类 are tied to figures. */
  lexicon?: LexiconFile;
}

const SEVERITY_ORDER = { error: 0, warning: 1, notice: 2 };

/** Recognises the workbook's tables; the catalogs of the year it turns out to be about. */
export function openBook(input: Omit<CheckInput, 'file' | 'crossRules'>): { book: Book; catalogs: Partial<Record<Classification, Catalog>> } {
  const firstGuess = input.catalogs(input.year ?? null);
  const recognition = recognize(input.grid, { specs: input.specs, classes: firstGuess.function?.classes() ?? [], year: input.year, catalogs: { function: firstGuess.function, economic: firstGuess['economic-dept'] } });
  const catalogs = recognition.year && recognition.year !== input.year ? input.catalogs(recognition.year) : firstGuess;
  return { book: new Book(input.grid, recognition), catalogs };
}

export function checkWorkbook(input: CheckInput): Report {
  const { book, catalogs } = openBook(input);
  const recognition = book.recognition;
  const findings: Finding[] = [];

  for (const u of recognition.unrecognised) {
    findings.push({ rule: 'table.unrecognised', severity: u.severity, sheet: u.sheet, cell: u.cell, cells: u.cell ? [u.cell] : [], message: u.message, expected: null, actual: null });
  }
  const paragraphs = input.narrative ?? narrativeParagraphs(input.grid.sheets);
  for (const table of recognition.tables) {
    const grid = book.grids.get(table.sheet)!;
    append(findings, checkTable(book, table));
    append(findings, checkCells(book, table));
    const economic = table.codeTable ? table.codeTable.classification === 'economic' : table.rows.some((r) => r.code?.startsWith('3'));
    const classification = economic ? 'economic-dept' : 'function';
    append(findings, checkCodes(table, catalogs[classification], recognition.year));
    append(findings, checkEmptyNote(book, table, grid, paragraphs));
    append(findings, checkHeaders(book, table, grid));
    append(findings, checkNoteTopic(table));
    if (table.leftovers.length) {
      const cell = table.leftovers[0];
      findings.push({ rule: 'text.placeholder', severity: 'warning', sheet: table.sheet, cell, cells: table.leftovers, message: `${table.spec.sheetPrefix} 留有模板占位行（“…”或只有序号）：${table.leftovers.join('、')}，请填写或删除`, expected: null, actual: '…' });
    }
    for (const u of table.unmatched) {
      findings.push({ rule: 'table.row-unrecognised', severity: 'warning', sheet: table.sheet, cell: u.cell, cells: [u.cell], message: `${table.spec.sheetPrefix} 未能识别的行「${u.label}」（不是该表的标准项目），其金额未参与核对`, expected: null, actual: null });
    }
  }
  // template residue on every sheet but the narrative's (checked sentence by sentence below)
  const narrativeSheets = new Set(paragraphs.map((p) => p.sheet));
  for (const sheet of input.grid.sheets) if (!narrativeSheets.has(sheet.name) && !sheet.name.includes('说明')) append(findings, checkPlaceholders(sheet));
  const lexicon = input.lexicon ? lexiconFor(input.lexicon, recognition.kind) : null;
  if (paragraphs.length) append(findings, checkNarrative({ paragraphs, kind: recognition.kind, year: recognition.year, facts: collectFacts(book), prior: input.prior, budget: input.budget, lexicon }));
  if (recognition.kind === 'budget') {
    const facts = collectFacts(book);
    append(findings, checkPerformanceTargets(input.grid.sheets, facts, { lexicon, facts, kind: recognition.kind, year: recognition.year }));
  }
  const textSheets = recognition.sheets.filter((s) => s.kind === 'text' || s.kind === 'narrative').map((s) => book.grids.get(s.sheet)!).filter(Boolean);
  append(findings, checkCodeMentions(textSheets, catalogs.function));
  if (recognition.kind === 'final') append(findings, checkSelfEvaluation(input.grid.sheets, collectFacts(book)));
  const projectLists = recognition.sheets.filter((s) => s.kind === 'projects').map((s) => book.grids.get(s.sheet)!).filter(Boolean);
  append(findings, checkProjectAmounts(input.grid.sheets, projectLists));
  if (recognition.kind) {
    append(findings, checkCross(book, input.crossRules.filter((r) => r.kind === recognition.kind).flatMap((r) => r.rules)));
    // a table published in another layout (收入总表 by function code) is there all the same
    const present = new Set(recognition.tables.map((t) => t.spec.number.replace(/-.*/, '')));
    for (const spec of input.specs.filter((s) => s.kind === recognition.kind && !s.extra && !present.has(s.number))) {
      findings.push({ rule: 'table.missing', severity: 'notice', sheet: null, cell: null, cells: [], message: `未找到${spec.sheetPrefix}「${spec.title}」，与它有关的表间核对未做`, expected: null, actual: null });
    }
  }

  const sheetOrder = new Map([...input.grid.sheets.map((s) => s.name), ...new Set(paragraphs.map((p) => p.sheet))].map((name, i) => [name, i]));
  const position = (f: Finding) => {
    if (!f.cell) return 0;
    const { row, col } = parseAddress(f.cell);
    return row * 1000 + col;
  };
  // keys worked out once per finding, not once per comparison (the sort is stable)
  const keyed = findings.map((f) => ({ f, sheet: sheetOrder.get(f.sheet ?? '') ?? 999, position: position(f), severity: SEVERITY_ORDER[f.severity] }));
  keyed.sort((a, b) => a.sheet - b.sheet || a.position - b.position || a.severity - b.severity);
  const sorted = keyed.map((k) => k.f);
  return {
    file: input.file,
    kind: recognition.kind,
    year: recognition.year,
    department: recognition.department,
    tables: recognition.tables.map((t) => ({ id: t.spec.id, title: t.title, sheet: t.sheet, range: t.range, unit: t.unit, how: howRecognised(t) })),
    otherSheets: recognition.sheets.filter((s) => s.kind !== 'table').map((s) => ({ sheet: s.sheet, kind: SHEET_KIND_NAMES[s.kind] })),
    findings: capped(dedupe(sorted)),
    catalogs: (['function', 'economic-dept'] as const).flatMap((c) => (catalogs[c] ? [catalogUse(catalogs[c])] : [])),
  };
}

/** What a user needs to see why a table was read as it was. */
function howRecognised(t: RecognizedTable): NonNullable<Report['tables'][number]['how']> {
  const headerRow = t.headerRows[0];
  return {
    concepts: [...readTitle(t.title).concepts].map((c) => CONCEPT_NAMES[c]),
    columns: [...t.columns].map(([key, col]) => ({ key, cell: address(headerRow, col), header: (t.headers.get(key) ?? []).map(squash).join('/') })),
    rows: t.rows.length,
  };
}

/** At most MAX_FINDINGS findings; the rest counted in one more, as severe as the worst of them
 * (so the exit code still tells that errors were found). */
function capped(findings: Finding[]): Finding[] {
  if (findings.length <= MAX_FINDINGS) return findings;
  const rest = findings.slice(MAX_FINDINGS);
  const errors = rest.filter((f) => f.severity === 'error').length;
  const severity = errors ? 'error' : rest.some((f) => f.severity === 'warning') ? 'warning' : 'notice';
  const kept = findings.slice(0, MAX_FINDINGS);
  kept.push({
    rule: 'report.truncated',
    severity,
    sheet: null,
    cell: null,
    cells: [],
    message: `问题太多，只列出前 ${MAX_FINDINGS.toLocaleString('en')} 处；另有 ${rest.length.toLocaleString('en')} 处未列出${errors ? `（其中错误 ${errors.toLocaleString('en')} 处）` : ''}`,
    expected: null,
    actual: null,
  });
  return kept;
}

/** The same rule at the same cell with the same message once. */
function dedupe(findings: Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const k = `${f.rule}|${f.sheet}|${f.cell}|${f.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

// Checks of what the cells say: codes against the catalog (exists, name, place under its 款/类,
// no duplicates), error values and text in amount cells, empty tables without a note, header
// years, missing unit lines, placeholders left from a template.
import { address } from '../a1';
import type { Catalog } from '../catalog/catalog';
import { codeLevel } from '../codes';
import { normalizeName } from '../catalog/lookup';
import { planFill } from '../fill';
import { type Grid, squash } from '../grid';
import type { RecognizedTable } from '../recognize/tables';
import type { Book } from './book';
import type { Finding } from './finding';

const FILL_FLAGS: Record<string, { rule: string; severity: Finding['severity'] }> = {
  codeUnknown: { rule: 'code.unknown', severity: 'error' },
  codeUnverified: { rule: 'code.unknown', severity: 'notice' },
  codeLocal: { rule: 'code.local', severity: 'notice' },
  nameUnverified: { rule: 'code.name', severity: 'notice' },
  codeMalformed: { rule: 'code.malformed', severity: 'error' },
  codeDuplicate: { rule: 'code.duplicate', severity: 'error' },
  nameDiffers: { rule: 'code.name', severity: 'warning' },
  amountText: { rule: 'cell.text', severity: 'error' },
};

/** Names of the coded rows of a fixed table (公开06's economic codes) against the catalog. */
function checkFixedNames(table: RecognizedTable, catalog: Catalog): Finding[] {
  const findings: Finding[] = [];
  for (const row of table.rows) {
    if (!row.code || row.key.startsWith('class.') || !row.label) continue;
    const entry = catalog.get(row.code);
    if (!entry || entry.nameUnknown || normalizeName(entry.name) === normalizeName(row.label)) continue;
    const nameCol = table.spec.blocks[row.block]?.columns.find((c) => c.role === 'name' || c.role === 'label');
    const col = nameCol ? table.columns.get(nameCol.key) : undefined;
    if (col === undefined) continue;
    const cell = address(row.row, col);
    const message = catalog.nameEvidenced(row.code)
      ? { severity: 'warning' as const, text: `科目 ${row.code} 的名称「${row.label}」与${catalog.year}年科目表「${entry.name}」不一致` }
      : { severity: 'notice' as const, text: `科目 ${row.code} 的名称「${row.label}」与${catalog.year}年内置科目表「${entry.name}」不同，但本地科目表未核实此名称：请与本省科目表核对` };
    findings.push({ rule: 'code.name', severity: message.severity, sheet: table.sheet, cell, cells: [cell], message: `${table.spec.sheetPrefix} ${message.text}`, expected: entry.name, actual: row.label });
  }
  return findings;
}

/**
 * The codes of a table against the catalog. A table of a year the built-in catalogs do not have
 * (an older publication) is checked against another year's: a code or name that differs may have
 * been right that year, so it is a notice that says so, not an error or warning.
 */
export function checkCodes(table: RecognizedTable, catalog: Catalog | undefined, year: number | null = null): Finding[] {
  const findings = codeFindings(table, catalog);
  if (!catalog || !year || catalog.year === year || catalog.origin.kind === 'imported') return findings;
  const why = `（本表为${year}年，内置科目表没有${year}年的，按${catalog.year}年的核对；${year}年的编码或名称可能与此不同）`;
  return findings.map((f) => (f.rule === 'code.unknown' || f.rule === 'code.name') && f.severity !== 'notice' ? { ...f, severity: 'notice', message: f.message + why } : f);
}

function codeFindings(table: RecognizedTable, catalog: Catalog | undefined): Finding[] {
  const ct = table.codeTable;
  if (!ct) return catalog ? checkFixedNames(table, catalog) : [];
  if (!catalog) {
    return [{ rule: 'code.catalog', severity: 'notice', sheet: table.sheet, cell: table.titleCell, cells: [], message: `没有${table.spec.kind === 'budget' ? '' : ''}该年度的科目表，未核对「${table.title}」的科目编码`, expected: null, actual: null }];
  }
  const findings: Finding[] = [];
  for (const c of planFill(ct, catalog, { insertParents: false, sums: false }).changes) {
    const flag = FILL_FLAGS[c.kind] ?? (c.kind === 'parentMissing' ? { rule: 'code.parent', severity: 'warning' as const } : null);
    if (!flag) continue;
    findings.push({ rule: flag.rule, severity: flag.severity, sheet: c.sheet, cell: c.cell, cells: [c.cell], message: `${table.spec.sheetPrefix} ${c.message}`, expected: c.expected ?? null, actual: c.actual ?? null });
  }
  // a 项 under another 款, a 款 under another 类: the nearest row above of a higher level must be its parent
  const rows = ct.rows.filter((r) => r.kind === 'code' && r.code && /^\d+$/.test(r.code));
  const codes = new Set(rows.map((r) => r.code!));
  // the latest 类 row and 款 row seen so far (one pass, no look-back)
  let lastClass: (typeof rows)[number] | undefined;
  let lastSection: (typeof rows)[number] | undefined;
  rows.forEach((r) => {
    const level = codeLevel(r.code!);
    // the nearest row above of a higher level
    const aboveRow = level === 2 ? lastClass : level === 3 ? (lastSection && (!lastClass || lastSection.row > lastClass.row) ? lastSection : lastClass) : undefined;
    if (level === 1) lastClass = r;
    if (level === 2) lastSection = r;
    if (level < 2) return;
    const parentLen = level === 3 ? 5 : 3;
    const parent = r.code!.slice(0, parentLen);
    if (!codes.has(parent)) return;
    if (aboveRow && aboveRow.code !== parent && !(level === 3 && aboveRow.code === parent.slice(0, 3))) {
      const col = ct.codeCols[0] ?? ct.nameCol;
      const cell = address(r.row, col);
      findings.push({ rule: 'code.parent', severity: 'error', sheet: table.sheet, cell, cells: [cell, address(aboveRow.row, col)], message: `${table.spec.sheetPrefix} 科目 ${r.code} 排在 ${aboveRow.code} ${aboveRow.name} 之下，应在其上级 ${parent} 之下`, expected: parent, actual: aboveRow.code });
    }
  });
  return findings;
}

/** Error values and non-numeric text in the amount cells of a table. */
export function checkCells(book: Book, table: RecognizedTable): Finding[] {
  const findings: Finding[] = [];
  const amountKeys = [...table.columns.keys()].filter((key) => table.spec.blocks.some((b) => b.columns.some((c) => c.key === key && c.role === 'amount')));
  for (const row of table.rows) {
    for (const key of amountKeys) {
      const v = book.value(table, row.key, key);
      if (!v) continue;
      if (v.error) {
        findings.push({ rule: 'cell.error', severity: 'error', sheet: v.sheet, cell: v.address, cells: [v.address], message: `${table.spec.sheetPrefix} ${v.address} 是错误值 ${v.error}${v.formula ? `（公式 =${v.formula}）` : ''}，无法核对`, expected: null, actual: v.error });
      } else if (v.formula && v.blank) {
        findings.push({ rule: 'cell.no-cache', severity: 'warning', sheet: v.sheet, cell: v.address, cells: [v.address], message: `${table.spec.sheetPrefix} ${v.address} 的公式 =${v.formula} 没有保存计算结果，按 0 核对。请在 Excel 或 WPS 中打开、重算并保存后再检查`, expected: null, actual: null });
      } else if (!table.codeTable && v.blank === false && v.text && v.cents === 0 && !/^[-—–－\s0.,]*$/.test(v.text) && Number.isNaN(Number(v.text))) {
        findings.push({ rule: 'cell.text', severity: 'error', sheet: v.sheet, cell: v.address, cells: [v.address], message: `${table.spec.sheetPrefix} ${v.address} 里是文字「${v.text.slice(0, 30)}」，不是金额`, expected: null, actual: v.text });
      }
    }
  }
  return findings;
}

function tableIsEmpty(book: Book, table: RecognizedTable): boolean {
  for (const row of table.rows) for (const key of table.columns.keys()) {
    const v = book.value(table, row.key, key);
    const role = table.spec.blocks.flatMap((b) => b.columns).find((c) => c.key === key)?.role;
    if (role === 'amount' && v && v.cents !== 0) return false;
  }
  return true;
}

const EMPTY_NOTE = /无|没有|未安排|空表|不涉及|未发生|未保障|未列支|未开支|不安排/;

/** What an empty table is called when a note or the narrative explains it. */
const TABLE_TOPIC: Record<string, RegExp> = {
  'budget.07': /三公/,
  'budget.08': /政府性基金/,
  'budget.09': /国有资本经营/,
  'budget.x-opex': /机关运行经费/,
  'budget.x-sangong-meeting': /三公/,
  'final.07': /政府性基金/,
  'final.08': /国有资本经营/,
  'final.09': /三公/,
};

export function checkEmptyNote(book: Book, table: RecognizedTable, grid: Grid, narrative: { text: string }[] = []): Finding[] {
  if (!table.spec.emptyNote || !tableIsEmpty(book, table)) return [];
  // a note under the table, or a sentence anywhere in the table's area below its headers
  const below = table.notes.some((n) => EMPTY_NOTE.test(n.text));
  let inside = false;
  for (const [r, cells] of grid.rows) {
    if (r <= table.headerRows[1]) continue;
    for (const cell of cells.values()) if (typeof cell.value === 'string' && cell.value.length >= 6 && cell.value.length < 300 && EMPTY_NOTE.test(cell.value) && !/^注[:：]\s*本表反映/.test(cell.value.trim())) inside = true;
  }
  // or the 情况说明 says why, naming the table's subject
  const topic = TABLE_TOPIC[table.spec.id] ?? new RegExp(table.spec.title.replace(/[“”]/g, '.'));
  const explained = narrative.some((p) => topic.test(p.text) && EMPTY_NOTE.test(p.text));
  if (below || inside || explained) return [];
  return [{
    rule: 'table.empty-note',
    severity: 'warning',
    sheet: table.sheet,
    cell: table.titleCell,
    cells: [table.titleCell],
    message: `${table.spec.sheetPrefix}「${table.title}」没有数据，但没有说明原因。应在表下注明，例如：${table.spec.emptyNote.replace('{year}', String(book.recognition.year ?? 'XXXX'))}`,
    expected: null,
    actual: null,
  }];
}

const PLACEHOLDER = /(xx|XX|ｘｘ|××|某某|…{2,}|\.{6,}|待补充|待填|＿{2,}|_{3,}|【[^】]*】|（此处[^）]*）)/;

export function checkHeaders(book: Book, table: RecognizedTable, grid: Grid): Finding[] {
  const findings: Finding[] = [];
  const year = book.recognition.year;
  const [top, bottom] = table.headerRows;
  if (!table.unit) {
    findings.push({ rule: 'header.unit', severity: 'warning', sheet: table.sheet, cell: table.titleCell, cells: [table.titleCell], message: `${table.spec.sheetPrefix}「${table.title}」没有写明金额单位（单位：${table.spec.unit}）`, expected: table.spec.unit, actual: null });
  }
  if (year) {
    for (const [key, col] of table.columns) {
      const expected = key.startsWith('prior.') ? year - 1 : year;
      for (let r = top; r <= bottom; r++) {
        const text = grid.rows.get(r)?.get(col)?.value;
        if (typeof text !== 'string') continue;
        const m = /(20\d\d)\s*年/.exec(text);
        if (m && Number(m[1]) !== expected && !findings.some((f) => f.cell === address(r, col))) {
          const cell = address(r, col);
          findings.push({ rule: 'header.year', severity: 'warning', sheet: table.sheet, cell, cells: [cell], message: `${table.spec.sheetPrefix} 表头「${squash(text)}」的年份应为 ${expected} 年${key.startsWith('prior.') ? '（上年数栏）' : ''}`, expected, actual: Number(m[1]) });
        }
      }
    }
  }
  return findings;
}

const LEADERS = /[…⋯]{4,}|\.{8,}|·{8,}/g;

/** Template residue anywhere on a sheet that holds a table. */
export function checkPlaceholders(grid: Grid): Finding[] {
  const findings: Finding[] = [];
  for (const [r, cells] of grid.rows) {
    for (const [c, cell] of cells) {
      if (typeof cell.value !== 'string') continue;
      // a 目录 line's dot leaders (……………… 3) are not a placeholder
      const m = PLACEHOLDER.exec(cell.value.replace(LEADERS, ' '));
      if (!m) continue;
      const a = address(r, c);
      findings.push({ rule: 'text.placeholder', severity: 'warning', sheet: grid.name, cell: a, cells: [a], message: `${a} 留有模板占位内容「${m[1]}」：${cell.value.trim().slice(0, 40)}`, expected: null, actual: m[1] });
    }
  }
  return findings;
}

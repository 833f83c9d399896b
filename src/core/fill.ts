// Fill: names from the catalog, missing 类/款 parent rows inserted above their children in code
// order, parent rows and the 合计 row as SUM formulas of their children. Never changes an
// amount typed in a detail row; flags (does not overwrite) names and typed parent amounts that
// disagree; reports every change.
import { address, columnLetter } from './a1';
import type { Catalog } from './catalog/catalog';
import { absenceGrounds, isLocalDetail, normalizeName, suggest } from './catalog/lookup';
import { ancestorCodes, codeLevel } from './codes';
import { type Change, type Edit, type EditPlan, sortChanges } from './edits';
import { type Cents, formatAmount } from './money';
import type { CodeRow, CodeTable } from './recognize/code-table';
import { childrenByRow } from './hierarchy';

/** A row of the table after insertions: an existing one or a parent gongkai adds. */
interface Slot {
  code: string | null;
  name: string;
  source: CodeRow | null;
  /** Row number in the output sheet. */
  row: number;
}

const LEVEL_NAMES = ['', '类', '款', '项'];

/** Said of every name written from the catalog that the catalog has not verified. */
export const UNVERIFIED_NAME = '（此名称本地科目表未核实，请与本省科目表核对）';

function levelName(code: string, economic: boolean): string {
  const l = codeLevel(code);
  return economic && l === 3 ? '细目' : LEVEL_NAMES[l];
}

/** Plans the fill of one code table. `catalog` is the classification the table uses. */
export interface FillOptions {
  /** Insert missing 类/款 rows (fill); when false, only flag them (check). */
  insertParents: boolean;
  /** Plan the parent and 合计 sums (fill); the checker checks those sums itself. */
  sums?: boolean;
}

export function planFill(table: CodeTable, catalog: Catalog, options: FillOptions = { insertParents: true }): EditPlan {
  const edits: Edit[] = [];
  const changes: Change[] = [];
  const sheet = table.sheet;
  const economic = table.classification === 'economic';
  const codeRows = table.rows.filter((r) => r.kind === 'code');

  // 1. codes: well-formed, known, unique
  const valid = new Set<string>();
  const seen = new Map<string, number>();
  // each flag's cell is known once the rows are laid out (step 2)
  const codeFlags: { row: number; change: Change }[] = [];
  for (const r of codeRows) {
    const code = r.code ?? '';
    const flag = (change: Omit<Change, 'cell'>) => codeFlags.push({ row: r.row, change: Object.assign(change, { cell: '' }) });
    if (!/^\d{3}(\d{2}){0,2}$/.test(code)) {
      flag({ kind: 'codeMalformed', changed: false, sheet, message: `科目编码「${r.codeText}」格式不对：应为3、5或7位数字`, actual: r.codeText });
      continue;
    }
    if (seen.has(code)) {
      flag({ kind: 'codeDuplicate', changed: false, sheet, message: `科目编码 ${code} 重复（第 ${seen.get(code)} 行已有）` });
      continue;
    }
    seen.set(code, r.row);
    valid.add(code);
    if (!catalog.has(code)) {
      const near = suggest(code, catalog).map((s) => `${s.code} ${s.name}`).join('，');
      const nearText = near ? `；相近的编码：${near}` : '';
      const absence = catalog.absence(code);
      if (isLocalDetail(code, catalog)) {
        flag({ kind: 'codeLocal', changed: false, sheet, message: `科目编码 ${code} 是 ${code.slice(0, 5)} ${catalog.get(code.slice(0, 5))!.name} 下的本地细目，不在${catalog.year}年国家科目表中（各地可自设细目，不作为错误）`, actual: code });
      } else if (absence.certain) {
        const grounds = absenceGrounds(absence, true);
        flag({ kind: 'codeUnknown', changed: false, sheet, message: `科目编码 ${code} 不在${catalog.year}年科目表中${grounds ? `（${grounds}；详见 gongkai codes --verify ${code}）` : ''}${nearText}`, actual: code });
      } else {
        flag({ kind: 'codeUnverified', changed: false, sheet, message: `科目编码 ${code} 不在${catalog.year}年内置科目表中，但本地科目表未核实${absence.part} 是否齐全，可能是科目表缺漏：请与本省科目表核对（可用 --catalog 导入）${nearText}`, actual: code });
      }
    }
  }

  // 2. parent rows that are missing: insert above the first row under them, 类 before 款
  const inserts = new Map<number, string[]>(); // original row → codes to insert before it
  const present = new Set(valid);
  for (const r of codeRows) {
    if (!r.code || !valid.has(r.code)) continue;
    for (const parent of ancestorCodes(r.code)) {
      if (present.has(parent)) continue;
      present.add(parent);
      if (options.insertParents) inserts.set(r.row, [...(inserts.get(r.row) ?? []), parent]);
      else {
        const name = catalog.get(parent)?.name ?? '';
        codeFlags.push({ row: r.row, change: { kind: 'parentMissing', changed: false, sheet, cell: '', message: `科目 ${r.code} 缺少上级${levelName(parent, economic)}级科目行 ${parent} ${name}`.trim(), expected: parent } });
      }
    }
  }
  const slots: Slot[] = [];
  let shift = 0;
  for (const r of table.rows) {
    const before = (inserts.get(r.row) ?? []).sort();
    for (const code of before) {
      const entry = catalog.get(code);
      slots.push({ code, name: entry && !entry.nameUnknown ? entry.name : '', source: null, row: r.row + shift });
      shift++;
    }
    slots.push({ code: r.kind === 'code' && r.code && valid.has(r.code) ? r.code : null, name: r.name, source: r, row: r.row + shift });
  }
  const outRow = new Map(slots.filter((s) => s.source).map((s) => [s.source!.row, s.row]));
  const codeCol = table.codeCols[0] ?? table.nameCol;
  for (const f of codeFlags) {
    f.change.cell = address(outRow.get(f.row)!, codeCol);
    changes.push(f.change);
  }
  for (const [row, codes] of [...inserts].sort((a, b) => b[0] - a[0])) {
    edits.push({ op: 'insertRows', sheet, before: row, count: codes.length, styleFrom: row });
  }
  for (const slot of slots.filter((s) => !s.source)) {
    const code = slot.code!;
    const codeCells = codeCellValues(table, code);
    codeCells.forEach(([col, value]) => edits.push({ op: 'setValue', sheet, address: address(slot.row, col), value, bold: codeLevel(code) === 1 }));
    edits.push({ op: 'setValue', sheet, address: address(slot.row, table.nameCol), value: slot.name, bold: codeLevel(code) === 1 });
    const unverified = Boolean(slot.name) && !catalog.nameEvidenced(code);
    changes.push({
      kind: 'rowAdded',
      changed: true,
      sheet,
      cell: address(slot.row, table.nameCol),
      message: `插入${levelName(code, economic)}级科目行 ${code} ${slot.name || (catalog.has(code) ? '（科目表中没有此科目的名称）' : '（科目表中没有此编码）')}${unverified ? UNVERIFIED_NAME : ''}`,
      ...(unverified ? { unverified: true as const } : {}),
    });
  }

  // 3. names: write the catalog's where blank; flag a different one
  for (const slot of slots) {
    if (!slot.source || !slot.code) continue;
    const entry = catalog.get(slot.code);
    if (!entry) continue;
    const cell = address(slot.row, table.nameCol);
    const evidenced = catalog.nameEvidenced(slot.code);
    if (entry.nameUnknown) {
      if (!slot.source.name) changes.push({ kind: 'nameUnverified', changed: false, sheet, cell, message: `科目 ${slot.code} 的名称科目表中没有（未核实），未写入，请按本省科目表填写` });
    } else if (!slot.source.name) {
      edits.push({ op: 'setValue', sheet, address: cell, value: entry.name });
      changes.push({ kind: 'nameWritten', changed: true, sheet, cell, message: `写入科目名称：${slot.code} ${entry.name}${evidenced ? '' : UNVERIFIED_NAME}`, ...(evidenced ? {} : { unverified: true as const }) });
      slot.name = entry.name;
    } else if (slot.source.name !== entry.name && normalizeName(slot.source.name) !== normalizeName(entry.name)) {
      if (evidenced) {
        changes.push({ kind: 'nameDiffers', changed: false, sheet, cell, message: `科目 ${slot.code} 的名称「${slot.source.name}」与${catalog.year}年科目表「${entry.name}」不一致（未改动）`, expected: entry.name, actual: slot.source.name });
      } else {
        changes.push({ kind: 'nameUnverified', changed: false, sheet, cell, message: `科目 ${slot.code} 的名称「${slot.source.name}」与${catalog.year}年内置科目表「${entry.name}」不同，但本地科目表未核实此名称：请与本省科目表核对（未改动）`, expected: entry.name, actual: slot.source.name });
      }
    }
  }

  // text in an amount cell of a detail row counts as nothing: say so
  for (const slot of slots) {
    if (!slot.source || slot.source.kind !== 'code') continue;
    for (const [col, a] of slot.source.amounts) {
      if (a.cents === null && a.text !== '' && !a.error) {
        const cell = address(slot.row, col);
        changes.push({ kind: 'amountText', changed: false, sheet, cell, message: `金额单元格里是文字「${a.text.slice(0, 40)}」，不是数字，按 0 计`, actual: a.text });
      }
    }
  }

  if (options.sums === false) return { edits, changes: sortChanges(changes) };

  // 4. parent rows and the 合计 row: SUM of their children, column by column
  const children = childrenByRow(slots.map((s) => ({ code: s.code, isTotal: s.source?.kind === 'total' })));
  const values = new Map<number, Cents>(); // slot × 16384 + col → value after fill
  const valueOf = (i: number, col: number): Cents => {
    const key = i * 16384 + col;
    const cached = values.get(key);
    if (cached !== undefined) return cached;
    const kids = children.get(i) ?? [];
    let v = 0;
    if (kids.length === 0) v = slots[i].source?.amounts.get(col)?.cents ?? 0;
    else for (const k of kids) v += valueOf(k, col);
    values.set(key, v as Cents);
    return v as Cents;
  };
  for (const [i, kids] of children) {
    const slot = slots[i];
    const isTotal = slot.source?.kind === 'total';
    for (const { col } of table.amountCols) {
      const expected = valueOf(i, col);
      const current = slot.source?.amounts.get(col);
      const cell = address(slot.row, col);
      const formula = () => ({ op: 'sum' as const, terms: kids.map((k) => ({ ref: `${columnLetter(col)}${slots[k].row}`, sign: 1 as const })) });
      const label = isTotal ? '合计行' : `${slot.code} 行`;
      if (!current || (current.cents === null && !current.formula && !current.error && current.text === '')) {
        edits.push({ op: 'setFormula', sheet, address: cell, formula: formula(), result: expected });
        if (slot.source) changes.push({ kind: 'formulaWritten', changed: true, sheet, cell, message: `${label}写入求和公式（${formatAmount(expected)}）`, expected: expected / 100 });
      } else if (current.formula) {
        if (current.cents !== expected) {
          changes.push({ kind: 'parentMismatch', changed: false, sheet, cell, message: `${label}公式结果 ${current.cents === null ? current.text || '（无值）' : formatAmount(current.cents)} 与下级之和 ${formatAmount(expected)} 不符（未改动）`, expected: expected / 100, actual: current.cents === null ? current.text : current.cents / 100 });
        }
      } else if (current.cents === expected) {
        edits.push({ op: 'setFormula', sheet, address: cell, formula: formula(), result: expected });
        changes.push({ kind: 'valueToFormula', changed: true, sheet, cell, message: `${label}的数值 ${formatAmount(expected)} 改为等值的求和公式`, expected: expected / 100, actual: expected / 100 });
      } else {
        changes.push({
          kind: 'parentMismatch',
          changed: false,
          sheet,
          cell,
          message: `${label}填的是 ${current.cents === null ? `「${current.text}」` : formatAmount(current.cents)}，下级之和是 ${formatAmount(expected)}（未改动；用 gongkai recalc 可改正）`,
          expected: expected / 100,
          actual: current.cents === null ? current.text : current.cents / 100,
        });
      }
    }
  }
  return { edits, changes: sortChanges(changes) };
}

/** What to write in the code column(s) for a code: one cell, or 类/款/项 parts. */
function codeCellValues(table: CodeTable, code: string): [number, string][] {
  if (table.layout === 'names') return [];
  if (table.layout === 'single') return [[table.codeCols[0], code]];
  const level = codeLevel(code);
  const part = level === 1 ? code.slice(0, 3) : level === 2 ? code.slice(3, 5) : code.slice(5, 7);
  return [[table.codeCols[level - 1], part]];
}

// Words beside the tables: a note under a fund's table that names another fund (“无政府性基金预算”
// under the 国有资本经营 table, copied from the table before), and codes written in the 名词解释 or
// the 说明 with the wrong level (“2010301行政运行（款）”) or a name that is not the code's.
import { address } from '../a1';
import type { Catalog } from '../catalog/catalog';
import { squash, type Grid } from '../grid';
import { type Concept, readTitle } from '../recognize/concepts';
import type { RecognizedTable } from '../recognize/tables';
import type { Finding } from './finding';

/** The topics a note under a table may name, as data: the table's concept and the words of each. */
const NOTE_TOPICS: [Concept, RegExp, string][] = [
  ['fund', /政府性基金/, '政府性基金预算'],
  ['soe', /国有资本经营|国有资本/, '国有资本经营预算'],
  ['sangong', /三公/, '“三公”经费'],
];

export function checkNoteTopic(table: RecognizedTable): Finding[] {
  const own = readTitle(table.title).concepts;
  const mine = NOTE_TOPICS.filter(([c]) => own.has(c));
  if (mine.length !== 1) return [];
  const [, ownWords, ownName] = mine[0];
  const out: Finding[] = [];
  for (const note of table.notes) {
    if (ownWords.test(note.text)) continue;
    const other = NOTE_TOPICS.find(([c, re]) => c !== mine[0][0] && re.test(note.text));
    if (!other) continue;
    out.push({
      rule: 'table.note-topic',
      severity: 'warning',
      sheet: table.sheet,
      cell: note.cell,
      cells: [note.cell],
      message: `${table.spec.sheetPrefix}「${table.title}」下的说明「${note.text.slice(0, 40)}」说的是${other[2]}，而本表是${ownName}的表（可能是从别的表抄来的）`,
      expected: ownName,
      actual: other[2],
    });
  }
  return out;
}

const LEVELS: Record<number, string> = { 3: '类', 5: '款', 7: '项' };
/** A code with its name and level: 2010301行政运行（项）, [20103]政府办公厅（室）及相关机构事务（款）. */
const CODE_MENTION = /(?<![\d])[[［]?(\d{3}(?:\d{2}){0,2})[\]］]?\s*([^\d\s，,。；;：:、“”]{2,40}?)\s*[（(](类|款|项)[)）]/g;

/** Names compared without brackets, spaces and a trailing 支出. */
const bare = (name: string) => squash(name).replace(/[（(][^）)]*[）)]/g, '').replace(/支出$/, '');

function codeMentions(sheet: Grid, catalog: Catalog | undefined): Finding[] {
  const out: Finding[] = [];
  for (const [r, cells] of sheet.rows) {
    for (const [c, cell] of cells) {
      if (typeof cell.value !== 'string' || cell.value.length < 6) continue;
      const cellRef = address(r, c);
      for (const m of cell.value.matchAll(CODE_MENTION)) {
        const [written, code, rawName, level] = m;
        const name = rawName.replace(/^[（(]?(类|款|项)[)）]?/, '');
        const right = LEVELS[code.length];
        if (right && right !== level) {
          out.push({ rule: 'text.code-level', severity: 'error', sheet: sheet.name, cell: cellRef, cells: [cellRef], message: `「${written}」：${code} 是${code.length}位编码，是“${right}”级科目，不是“${level}”`, expected: `（${right}）`, actual: `（${level}）` });
          continue;
        }
        const entry = catalog?.get(code);
        if (!entry) continue;
        const a = bare(entry.name);
        const b = bare(name);
        if (a && b && !a.includes(b) && !b.includes(a)) {
          out.push({ rule: 'text.code-name', severity: 'warning', sheet: sheet.name, cell: cellRef, cells: [cellRef], message: `「${written}」：${code} 是“${entry.name}”，不是“${name}”`, expected: entry.name, actual: name });
        }
      }
    }
  }
  return out;
}

/** Codes in the sheets of text (名词解释, 说明, 职能…). */
export function checkCodeMentions(sheets: Grid[], catalog: Catalog | undefined): Finding[] {
  return sheets.flatMap((s) => codeMentions(s, catalog));
}

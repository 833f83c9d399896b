// Nothing lost: annotate, fill, recalc and clear change no cell outside the edits they report
// (every cell's value, formula and style compared between input and output), never write the
// input, and leave no partial file when they fail.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as crypto from 'node:crypto';
import type ExcelJS from 'exceljs';
import { parseAddress } from '../src/core/a1';
import type { Cents } from '../src/core/money';
import { run, tmpDir } from './helpers/cli';
import { sampleWorkbook } from './helpers/sample';
import { readWorkbook } from './helpers/workbook';
import { strippedWorkbook } from './helpers/strip';

type Snapshot = Map<string, string>;

function snapshot(wb: ExcelJS.Workbook, skipSheets: string[] = []): Snapshot {
  const out: Snapshot = new Map();
  for (const ws of wb.worksheets) {
    if (skipSheets.includes(ws.name)) continue;
    ws.eachRow({ includeEmpty: true }, (row) =>
      row.eachCell({ includeEmpty: true }, (cell) => {
        const value = cell.type === 6 ? { f: cell.formula, r: cell.result } : cell.value;
        out.set(`${ws.name}!${cell.address}`, JSON.stringify({ value, style: cell.style, note: cell.note ?? null }));
      }),
    );
  }
  return out;
}

const sha = (file: string) => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');

/** Cells that differ between two snapshots. */
function changed(a: Snapshot, b: Snapshot): string[] {
  const keys = new Set([...a.keys(), ...b.keys()]);
  return [...keys].filter((k) => a.get(k) !== b.get(k) && !(isBlank(a.get(k)) && isBlank(b.get(k)))).sort();
}
const isBlank = (s: string | undefined) => s === undefined || /^\{"value":null,"style":\{[^]*\},"note":null\}$/.test(s) === true && !s.includes('"fill"');

async function userWorkbook(dir: string): Promise<string> {
  // the sample plus things of the user's own: another sheet, a styled cell, a note
  const wb = await sampleWorkbook('budget-2025', (t) => {
    const row = t['budget.05'].rows!.find((r) => r.code === '2010301')!;
    row.values!.basic = (row.values!.basic + 100) as Cents;
  });
  const mine = wb.addWorksheet('我的工作底稿');
  mine.getCell('A1').value = '核对记录';
  mine.getCell('B2').value = { formula: "'预算05表 一般公共预算支出表'!C6*2", result: 1609.9 } as ExcelJS.CellFormulaValue;
  mine.getCell('B2').font = { italic: true, color: { argb: 'FF0000FF' } };
  mine.getCell('C3').note = '别删';
  const file = path.join(dir, 'mine.xlsx');
  await wb.xlsx.writeFile(file);
  return file;
}

describe('nothing lost', () => {
  it('check --annotate changes only the cells it reports (plus its own sheets); clear brings every cell back', async () => {
    const dir = tmpDir();
    const input = await userWorkbook(dir);
    const before = sha(input);
    const annotated = path.join(dir, 'annotated.xlsx');
    const r = await run(['check', input, '--annotate', annotated, '--json']);
    const reported = new Set(JSON.parse(r.out).findings.filter((f: { cell: string | null }) => f.cell).map((f: { sheet: string; cell: string }) => `${f.sheet}!${f.cell}`));
    expect(sha(input)).toBe(before);
    const a = snapshot(await readWorkbook(fs.readFileSync(input)));
    const b = snapshot(await readWorkbook(fs.readFileSync(annotated)), ['检查结果', '_gongkai_原格式']);
    const diff = changed(a, b);
    expect(diff.length).toBeGreaterThan(0);
    expect(diff.filter((k) => !reported.has(k))).toEqual([]);
    const cleared = path.join(dir, 'cleared.xlsx');
    expect((await run(['clear', annotated, '-o', cleared])).code).toBe(0);
    expect(changed(a, snapshot(await readWorkbook(fs.readFileSync(cleared))))).toEqual([]);
  });

  it('fill changes only the cells of the rows it reports (names, inserted rows, formulas) and moves the rest intact', async () => {
    const dir = tmpDir();
    const wb = strippedWorkbook({
      title: '一般公共预算支出表',
      unit: '万元',
      columns: ['合计', '基本支出', '项目支出'],
      rows: [
        { code: '2010301', name: '', amounts: [386.42, 386.42, 0] },
        { code: '2010302', name: '一般行政管理事务', amounts: [58.6, 0, 58.6] },
        { code: '2210201', name: '住房公积金', amounts: [36.27, 36.27, 0] },
      ],
    });
    wb.addWorksheet('别的表').getCell('A1').value = '不相干';
    const input = path.join(dir, 'in.xlsx');
    await wb.xlsx.writeFile(input);
    const before = sha(input);
    const out = path.join(dir, 'out.xlsx');
    const r = await run(['fill', input, '-o', out, '--year', '2025', '--json']);
    expect(r.code).toBe(0);
    expect(sha(input)).toBe(before);
    const report = JSON.parse(r.out).tables[0].changes as { kind: string; cell: string; changed: boolean }[];
    const addedRows = new Set(report.filter((c) => c.kind === 'rowAdded').map((c) => parseAddress(c.cell).row));
    const touched = new Set(report.filter((c) => c.changed).map((c) => c.cell));
    // map each input row to its output row: rows move down by the rows inserted above them
    const inRows = snapshot(await readWorkbook(fs.readFileSync(input)));
    const outRows = snapshot(await readWorkbook(fs.readFileSync(out)));
    const shift = (row: number) => {
      let r = row;
      for (const added of [...addedRows].sort((x, y) => x - y)) if (added <= r) r++;
      return r;
    };
    for (const [key, value] of inRows) {
      const [sheet, a1] = key.split('!');
      if (sheet !== '表') {
        expect(outRows.get(key)).toBe(value);
        continue;
      }
      const { row, col } = parseAddress(a1);
      const moved = `${String.fromCharCode(64 + col)}${shift(row)}`;
      if (touched.has(moved)) continue;
      expect({ cell: moved, value: outRows.get(`表!${moved}`) }).toEqual({ cell: moved, value });
    }
  });

  it('recalc changes only the totals it reports', async () => {
    const dir = tmpDir();
    const wb = strippedWorkbook({ title: '一般公共预算支出表', unit: '万元', columns: ['合计', '基本支出', '项目支出'], rows: [{ code: '2010301', name: '行政运行', amounts: [386.42, 386.42, 0] }], total: [400, 386.42, 0] });
    const input = path.join(dir, 'in.xlsx');
    await wb.xlsx.writeFile(input);
    const out = path.join(dir, 'out.xlsx');
    const r = await run(['recalc', input, '-o', out, '--json']);
    const touched = JSON.parse(r.out).tables[0].changes.filter((c: { changed: boolean }) => c.changed).map((c: { cell: string }) => `表!${c.cell}`);
    expect(touched).toEqual(['表!C4']);
    expect(changed(snapshot(await readWorkbook(fs.readFileSync(input))), snapshot(await readWorkbook(fs.readFileSync(out))))).toEqual(['表!C4']);
  });

  it('a command that fails leaves no file behind, not even a temporary one', async () => {
    const dir = tmpDir();
    const input = path.join(dir, 'broken.xlsx');
    fs.writeFileSync(input, 'PK\u0003\u0004garbage');
    const out = path.join(dir, 'out.xlsx');
    for (const args of [['fill', input, '-o', out], ['recalc', input, '-o', out], ['clear', input, '-o', out], ['check', input, '--annotate', out]]) {
      const r = await run(args);
      expect(r.code).toBe(2);
    }
    expect(fs.readdirSync(dir)).toEqual(['broken.xlsx']);
  });
});

// Fuzzing real workbooks (test/fixtures) at the XML level for a bounded time: a part of the package
// is changed the way a broken producer or an attacker would — markup cut or left open, addresses
// at and past the grid's edge, unknown types and styles, comments, CDATA, entities, merges, parts
// removed or duplicated — and check (and on every third file fill) runs on it. Only exit 0, 1 or 2;
// never an internal error, a dead process or a run past the time limit. And on clean workbooks, a
// visible amount that a total depends on changed: never exit 0.
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as readline from 'node:readline';
import JSZip from 'jszip';
import { random } from '../helpers/workbook';
import { sampleWorkbook } from '../helpers/sample';
import { type Entry, writeZip } from '../helpers/zip';

const BUDGET_MS = 12_000;
const PER_RUN_MS = 10_000;
const FIGURES_BUDGET_MS = 10_000;
jest.setTimeout(BUDGET_MS + FIGURES_BUDGET_MS + 3 * PER_RUN_MS + 40_000);

const fixtures = [
  ...['seed-000.xlsx', 'seed-002.xlsx', 'seed-003.xlsx'].map((f) => path.join(__dirname, '..', 'fixtures', 'seeds', f)),
  ...['gbc_dept_budget(检查表).xlsx', 'tbx_department_budget_template.xlsx'].map((f) => path.join(__dirname, '..', 'fixtures', 'wild', f)),
];

/** The CLI in one long-lived process (cli-server.js); restarted after a run it had to be killed for. */
class Cli {
  private child!: ChildProcessWithoutNullStreams;
  private answers: ((line: string | null) => void)[] = [];
  constructor() {
    this.start();
  }
  private start(): void {
    this.child = spawn(process.execPath, [path.join(__dirname, 'cli-server.js')], { stdio: ['pipe', 'pipe', 'pipe'] });
    readline.createInterface({ input: this.child.stdout }).on('line', (line) => this.answers.shift()?.(line));
    this.child.stderr.resume();
    this.child.on('exit', () => {
      for (const a of this.answers.splice(0)) a(null);
    });
  }
  /** Exit code and message; null code when the run hung or the process died. */
  run(args: string[]): Promise<{ code: number | null; err: string }> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.child.kill('SIGKILL');
      }, PER_RUN_MS);
      this.answers.push((line) => {
        clearTimeout(timer);
        if (line === null) {
          this.start();
          resolve({ code: null, err: 'hang or crash' });
        } else resolve(JSON.parse(line) as { code: number; err: string });
      });
      this.child.stdin.write(JSON.stringify(args) + '\n');
    });
  }
  stop(): void {
    this.child.kill('SIGKILL');
  }
}

type Parts = Map<string, string>;
type Mutation = (xml: string, rnd: () => number) => string;

const pick = <T>(list: readonly T[], rnd: () => number): T => list[Math.floor(rnd() * list.length)];

/** Replaces the n-th match of a pattern (n random) with what `by` makes of it. */
function atRandom(pattern: RegExp, by: (match: string, rnd: () => number) => string): Mutation {
  return (xml, rnd) => {
    const hits = [...xml.matchAll(new RegExp(pattern.source, 'g'))].slice(0, 5000);
    if (hits.length === 0) return xml;
    const h = pick(hits, rnd);
    return xml.slice(0, h.index) + by(h[0], rnd) + xml.slice(h.index! + h[0].length);
  };
}

const ADDRESSES = ['A1', 'XFD1048576', 'XFE1', 'A1048577', 'ZZZZZZ1', 'A0', 'a1', '1A', 'A99999999999999999999', '$A$1', '', 'AAAA1'];
const MUTATIONS: Mutation[] = [
  // cut the part anywhere
  (xml, rnd) => xml.slice(0, Math.floor(rnd() * xml.length)),
  // drop an end tag
  atRandom(/<\/(c|row|si|t|v|f|is|sheetData|mergeCells|sheet|sheets)>/, () => ''),
  // open markup that never closes, or closes around content
  (xml, rnd) => {
    const at = Math.floor(rnd() * xml.length);
    return xml.slice(0, at) + pick(['<!--', '<![CDATA[', '<?x', '<!DOCTYPE x [<!ENTITY e "炸">]>', '<rPh>', '<c r="B2"><v>1</v></c>'], rnd) + xml.slice(at);
  },
  atRandom(/<c [^>]*>[\s\S]{0,80}?<\/c>/, (m) => `<!--${m}-->`),
  atRandom(/<t[^>]*>[^<]*<\/t>/, (m) => m.replace(/>([^<]*)</, '><![CDATA[$1]]><')),
  atRandom(/<t[^>]*>[^<]*<\/t>/, (m, rnd) => m.replace(/>([^<]*)</, `>$1${pick(['&foo;', '&#xFFFFFFFF;', '&#0;', '&amp', '_x0000_', '&lt;script&gt;'], rnd)}<`)),
  // addresses at and past the grid's edge
  atRandom(/ r="[A-Z]+\d+"/, (_, rnd) => ` r="${pick(ADDRESSES, rnd)}"`),
  atRandom(/<row r="\d+"/, (_, rnd) => `<row r="${pick(['0', '1048576', '1048577', '99999999999', '-1', 'x'], rnd)}"`),
  // types, styles and shared-string indexes that lie
  atRandom(/ t="\w+"/, (_, rnd) => ` t="${pick(['s', 'str', 'e', 'b', 'd', 'inlineStr', 'n', 'zz'], rnd)}"`),
  atRandom(/ s="\d+"/, (_, rnd) => ` s="${pick(['99999', '-1', 'x', '0'], rnd)}"`),
  atRandom(/<v>[^<]*<\/v>/, (_, rnd) => `<v>${pick(['99999999', '-1', 'NaN', '1e999', '', 'x', '2025-13-45', '#REF!'], rnd)}</v>`),
  // merges anywhere
  (xml, rnd) => {
    const merge = `<mergeCell ref="${pick(['A1:XFD1048576', 'A30:XFD1048576', 'B2:A1', 'A1', 'A1:A1', 'X', 'C3:D4', 'A1:ZZZZ9'], rnd)}"/>`;
    return xml.includes('<mergeCells') ? xml.replace(/<mergeCells[^>]*>/, (m) => m + merge) : xml.replace('</sheetData>', `</sheetData><mergeCells>${merge}</mergeCells>`);
  },
  // an element repeated
  atRandom(/<row [^>]*>[\s\S]{0,400}?<\/row>/, (m) => m + m),
];

async function packageParts(file: string): Promise<{ parts: Parts; binary: Map<string, Buffer> }> {
  const zip = await JSZip.loadAsync(fs.readFileSync(file));
  const parts: Parts = new Map();
  const binary = new Map<string, Buffer>();
  for (const [name, f] of Object.entries(zip.files)) {
    if (f.dir) continue;
    if (/\.(xml|rels)$/.test(name)) parts.set(name, await f.async('string'));
    else binary.set(name, await f.async('nodebuffer'));
  }
  return { parts, binary };
}

it('workbooks changed at the XML level: check and fill only ever exit 0, 1 or 2', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongkai-xml-fuzz-'));
  const cli = new Cli();
  const rnd = random(20261130);
  const bases = await Promise.all(fixtures.map(packageParts));
  const outcomes: Record<string, number> = {};
  const started = Date.now();
  let i = 0;
  try {
    while (Date.now() - started < BUDGET_MS) {
      i++;
      const base = pick(bases, rnd);
      const parts = new Map(base.parts);
      const extra: Entry[] = [];
      const names = [...parts.keys()];
      // mostly the sheets and shared strings, where the cells are
      const target = rnd() < 0.7 ? pick(names.filter((n) => /worksheets\/|sharedStrings/.test(n)), rnd) : pick(names, rnd);
      const roll = rnd();
      if (roll < 0.05) parts.delete(target);
      else if (roll < 0.1) extra.push({ name: target, chunks: parts.get(target)! });
      else {
        let xml = parts.get(target)!;
        for (let k = 1 + Math.floor(rnd() * 3); k > 0; k--) xml = pick(MUTATIONS, rnd)(xml, rnd);
        parts.set(target, xml);
      }
      const file = path.join(dir, `fuzz-${i}.xlsx`);
      writeZip(file, [...[...parts].map(([name, xml]) => ({ name, chunks: xml })), ...[...base.binary].map(([name, b]) => ({ name, chunks: [b] })), ...extra]);
      const runs: string[][] = [['check', file, '--json']];
      if (i % 3 === 0) runs.push(['fill', file, '-o', path.join(dir, `fuzz-${i}-填充.xlsx`)]);
      for (const args of runs) {
        const r = await cli.run(args);
        const seen = { file, command: args[0], mutated: target, code: r.code, err: r.code === 0 || r.code === 1 || r.code === 2 ? '' : r.err };
        expect(seen).toEqual({ ...seen, code: expect.any(Number), err: '' });
        if (r.code === 2) expect(r.err).toMatch(/^错误：/);
        outcomes[`${args[0]} ${r.code}`] = (outcomes[`${args[0]} ${r.code}`] ?? 0) + 1;
      }
      for (const f of fs.readdirSync(dir)) fs.rmSync(path.join(dir, f));
    }
  } finally {
    cli.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  expect(i).toBeGreaterThan(10);
  // both outcomes occur: the mutations are not all fatal, nor all harmless
  expect((outcomes['check 0'] ?? 0) + (outcomes['check 1'] ?? 0)).toBeGreaterThan(0);
  expect(outcomes['check 2'] ?? 0).toBeGreaterThan(0);
});

/** Column letters to number. */
const colNumber = (letters: string) => [...letters].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);

/** The cells of a sheet its own formulas read (same-sheet references and ranges). */
function formulaInputs(xml: string): Set<string> {
  const inputs = new Set<string>();
  for (const [, formula] of xml.matchAll(/<f>([^<]*)<\/f>/g)) {
    for (const m of formula.matchAll(/(?<![!\w$])\$?([A-Z]{1,3})\$?(\d+)(?::\$?([A-Z]{1,3})\$?(\d+))?/g)) {
      const [c1, r1, c2, r2] = [colNumber(m[1]), Number(m[2]), colNumber(m[3] ?? m[1]), Number(m[4] ?? m[2])];
      for (let r = Math.min(r1, r2); r <= Math.max(r1, r2); r++) for (let c = Math.min(c1, c2); c <= Math.max(c1, c2); c++) inputs.add(`${c},${r}`);
    }
  }
  return inputs;
}

/** Typed amounts (no formula) that some total of their sheet adds up: [sheet part, address]. */
function amountsTotalsDependOn(parts: Parts): [string, string][] {
  const out: [string, string][] = [];
  for (const [name, xml] of parts) {
    if (!name.startsWith('xl/worksheets/')) continue;
    const inputs = formulaInputs(xml);
    for (const m of xml.matchAll(/<c r="([A-Z]+)(\d+)"(?: s="\d+")?><v>(-?[\d.]+)<\/v><\/c>/g)) {
      if (inputs.has(`${colNumber(m[1])},${m[2]}`)) out.push([name, `${m[1]}${m[2]}`]);
    }
  }
  return out;
}

/** The workbook as delivered by an accountant: every total typed, its formula gone (its value kept). */
const typedTotals = (parts: Parts): Parts => new Map([...parts].map(([name, xml]) => [name, name.startsWith('xl/worksheets/') ? xml.replace(/<f>[^<]*<\/f>/g, '') : xml]));

it('a clean workbook with a visible amount changed under its total never checks clean (exit 0)', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongkai-figures-fuzz-'));
  const cli = new Cli();
  const rnd = random(20261201);
  const bases: { label: string; parts: Parts; targets: [string, string][] }[] = [];
  for (const name of ['budget-2025', 'final-2024']) {
    const zip = await JSZip.loadAsync((await (await sampleWorkbook(name)).xlsx.writeBuffer()) as ArrayBuffer);
    const parts: Parts = new Map();
    for (const [part, f] of Object.entries(zip.files)) if (!f.dir) parts.set(part, await f.async('string'));
    // formulas keep their cached results: the visible total is the cached one, now stale
    const targets = amountsTotalsDependOn(parts);
    bases.push({ label: `${name} 公式`, parts, targets }, { label: `${name} 手填合计`, parts: typedTotals(parts), targets });
  }
  const write = (file: string, parts: Parts) => writeZip(file, [...parts].map(([name, xml]) => ({ name, chunks: xml })));
  let mutated = 0;
  try {
    for (const base of bases) {
      const file = path.join(dir, 'base.xlsx');
      write(file, base.parts);
      expect({ base: base.label, code: (await cli.run(['check', file])).code }).toEqual({ base: base.label, code: 0 });
    }
    const started = Date.now();
    while (Date.now() - started < FIGURES_BUDGET_MS) {
      const base = pick(bases, rnd);
      const [part, address] = pick(base.targets, rnd);
      const delta = pick([1, 12.34, 100, 5000, -3, -250], rnd);
      const parts = new Map(base.parts);
      let changed = '';
      parts.set(part, parts.get(part)!.replace(new RegExp(`(<c r="${address}"(?: s="\\d+")?><v>)(-?[\\d.]+)(</v>)`), (_, open, v, close) => {
        changed = `${v} → ${Math.round((Number(v) + delta) * 100) / 100}`;
        return `${open}${Math.round((Number(v) + delta) * 100) / 100}${close}`;
      }));
      expect(changed).not.toBe('');
      const file = path.join(dir, `figures-${++mutated}.xlsx`);
      write(file, parts);
      const r = await cli.run(['check', file]);
      expect({ base: base.label, part, address, changed, code: r.code }).toEqual({ base: base.label, part, address, changed, code: 1 });
      fs.rmSync(file);
    }
  } finally {
    cli.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  expect(mutated).toBeGreaterThan(10);
});

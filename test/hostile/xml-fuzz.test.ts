// Fuzzing real workbooks (test/fixtures) at the XML level for a bounded time: a part of the package
// is changed the way a broken producer or an attacker would — markup cut or left open, addresses
// at and past the grid's edge, unknown types and styles, comments, CDATA, entities, merges, parts
// removed or duplicated — and check (and on every third file fill) runs on it. Only exit 0, 1 or 2;
// never an internal error, a dead process or a run past the time limit.
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as readline from 'node:readline';
import JSZip from 'jszip';
import { random } from '../helpers/workbook';
import { type Entry, writeZip } from '../helpers/zip';

const BUDGET_MS = 12_000;
const PER_RUN_MS = 10_000;
jest.setTimeout(BUDGET_MS + 3 * PER_RUN_MS + 20_000);

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

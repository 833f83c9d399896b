// Every hostile file: a clear Chinese message naming the file, exit 2 for that file, and a
// batch over all of them carries on and reports each.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { run } from '../helpers/cli';
import { tmpDir } from '../helpers/tmp';
import { buildCorpus, type HostileCase } from './corpus';

jest.setTimeout(120_000);
const dir = tmpDir('hostile');
let cases: HostileCase[] = [];

beforeAll(async () => {
  cases = await buildCorpus(dir);
});

it('the bomb costs little on disk', () => {
  expect(fs.statSync(path.join(dir, '压缩包炸弹.xlsx')).size).toBeLessThan(3 * 1024 * 1024);
});

it('each file alone: the message, exit 2 (or a report for a workbook that opens)', async () => {
  for (const c of cases) {
    const r = await run(['check', c.file, '--json']);
    if (c.message) {
      expect({ file: path.basename(c.file), code: r.code }).toEqual({ file: path.basename(c.file), code: 2 });
      expect(r.err).toMatch(c.message);
      expect(r.err).toContain(c.file);
    } else {
      expect(r.code).toBe(1);
      const report = JSON.parse(r.out);
      const rules = report.findings.map((f: { rule: string; cell: string }) => `${f.rule}@${f.cell}`);
      expect(rules).toEqual(expect.arrayContaining(['cell.error@D11', 'cell.text@E15']));
      // cell text is reported as text, never interpreted
      expect(JSON.stringify(report)).not.toContain('<script>alert("x")</script><b>科目</b>x');
    }
  }
});

it('a batch over the whole corpus goes on past every bad file', () => {
  const bin = path.join(__dirname, '..', '..', 'bin', 'gongkai.js');
  let stdout = '';
  let status = 0;
  try {
    stdout = execFileSync('node', [bin, 'check', dir, '--workers', '2'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 110_000 });
  } catch (e) {
    const err = e as { status: number; stdout: string };
    status = err.status;
    stdout = err.stdout;
  }
  expect(status).toBe(2);
  expect(stdout).toContain(`共 ${cases.length} 个文件`);
  for (const c of cases) expect(stdout).toContain(path.basename(c.file).slice(0, 6));
  expect(stdout).toMatch(/无法检查：.*压缩包炸弹|压缩包炸弹.*无法检查/);
});

// A file of a batch that takes too long: its worker is ended and replaced, the file is reported
// (table, summary, JSON report, exit 2) and the other files are still checked.
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { run, tmpDir } from './helpers/cli';
import { sampleWorkbook } from './helpers/sample';
import { writeSlowWorkbook } from './helpers/slow-workbook';

jest.setTimeout(120_000);
const bin = path.join(__dirname, '..', 'bin', 'gongkai.js');
const dir = tmpDir('timeout');
const inputs = path.join(dir, 'in');

beforeAll(async () => {
  fs.mkdirSync(inputs);
  await (await sampleWorkbook('budget-2025')).xlsx.writeFile(path.join(inputs, 'a预算.xlsx'));
  fs.copyFileSync(path.join(inputs, 'a预算.xlsx'), path.join(inputs, 'c预算.xlsx'));
  // over 40 s to check on an idle machine: 20 times the limit below and more
  await writeSlowWorkbook(path.join(inputs, 'b大.xlsx'));
});

it('a file over --timeout is ended and reported; the files after it are checked by a new worker', () => {
  const json = path.join(dir, 'json');
  const summary = path.join(dir, '汇总.csv');
  const before = fs.readdirSync(inputs).map((f) => fs.readFileSync(path.join(inputs, f)));
  const started = Date.now();
  // one worker: the third file can only be checked by the worker that replaced the ended one
  const r = spawnSync('node', [bin, 'check', inputs, '--timeout', '2', '--workers', '1', '--json-dir', json, '--summary', summary], { encoding: 'utf8', timeout: 100_000 });
  const seconds = (Date.now() - started) / 1000;
  expect(r.status).toBe(2);
  expect(r.stdout).toMatch(/b大\.xlsx\s.*无法检查：检查超时（超过 2 秒），已跳过/);
  expect(r.stdout).toContain('共 3 个文件：0 个有错误，1 个无法检查，2 个没有错误。');
  expect(r.stderr).toContain(`${path.join(inputs, 'b大.xlsx')}：无法检查：检查超时（超过 2 秒）`);
  expect(r.stderr).toMatch(/c预算\.xlsx：错误 0，警告 0，提示 0/);
  expect(fs.readFileSync(summary, 'utf8')).toMatch(/b大\.xlsx,,,,—,—,—,无法检查：检查超时（超过 2 秒）/);
  expect(JSON.parse(fs.readFileSync(path.join(json, 'b大.json'), 'utf8'))).toEqual({ file: path.join(inputs, 'b大.xlsx'), checked: false, message: expect.stringMatching(/^检查超时（超过 2 秒）/) });
  expect(JSON.parse(fs.readFileSync(path.join(json, 'c预算.json'), 'utf8')).findings).toEqual([]);
  expect(fs.readdirSync(json).sort()).toEqual(['a预算.json', 'b大.json', 'c预算.json']);
  // the ended check did not run on (over 40 s alone)
  expect(seconds).toBeLessThan(40);
  expect(fs.readdirSync(inputs).map((f) => fs.readFileSync(path.join(inputs, f)))).toEqual(before);
});

it.each([['abc'], ['0'], ['-1'], ['1e3'], ['86401'], ['']])('--timeout %j is refused before any work, exit 2', async (value) => {
  const r = await run(['check', inputs, '--timeout', value]);
  expect(r.code).toBe(2);
  expect(r.err).toMatch(/--timeout 应为大于 0、不超过 86400 的秒数/);
  expect(r.out).toBe('');
});

it('Ctrl+C during a batch: the report a worker was writing is not left half-written (no temporary file), exit 130', async () => {
  const json = path.join(dir, 'json-interrupted');
  fs.mkdirSync(json);
  const child = spawn('node', [bin, 'check', inputs, '--workers', '1', '--json-dir', json], { stdio: ['ignore', 'pipe', 'pipe'] });
  // what a worker ended in the middle of writing b大's report leaves (same process, same name)
  const temp = path.join(json, `.b大.json.${child.pid}.tmp`);
  fs.writeFileSync(temp, '{"file": "b大');
  let stderr = '';
  let sent = false;
  child.stdout.resume();
  const code = await new Promise<number | null>((resolve) => {
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
      // a预算 checked: the worker is on the slow file now
      if (!sent && /\[1\/3\]/.test(stderr)) sent = child.kill('SIGINT');
    });
    child.on('exit', (c, s) => resolve(c ?? s as unknown as number));
  });
  expect(stderr).toContain('已中断');
  expect(code).toBe(130);
  expect(fs.readdirSync(json).filter((f) => f.endsWith('.tmp'))).toEqual([]);
});

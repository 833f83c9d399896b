// A run leaves the temp folder and the repository as it found them. Before the run, every
// process of it (jest, its workers, the CLI and the programs tests start) gets a private temp
// folder through TMPDIR/TMP/TEMP; after the run, anything left in it fails the run, naming
// each entry, and the folder is removed. New untracked files in the repository fail it too.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const VARS = ['TMPDIR', 'TMP', 'TEMP'];
const root = path.join(__dirname, '..', '..');

interface Guard {
  dir: string;
  env: Record<string, string | undefined>;
  untracked: Set<string> | null;
}

const state = globalThis as { gongkaiTempGuard?: Guard };

/** Untracked, not ignored files in the repository; null outside a git checkout. */
function untracked(): Set<string> | null {
  try {
    const out = execFileSync('git', ['ls-files', '--others', '--exclude-standard', '-z'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    return new Set(out.split('\0').filter(Boolean));
  } catch {
    return null;
  }
}

/** The entries directly under dir, folders marked with a trailing separator. */
function entries(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).map((e) => e.name + (e.isDirectory() ? path.sep : ''));
}

export async function setup(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongkai-jest-'));
  state.gongkaiTempGuard = { dir, env: Object.fromEntries(VARS.map((v) => [v, process.env[v]])), untracked: untracked() };
  for (const v of VARS) process.env[v] = dir;
}

export async function teardown(): Promise<void> {
  const guard = state.gongkaiTempGuard;
  if (!guard) return;
  delete state.gongkaiTempGuard;
  for (const v of VARS) {
    if (guard.env[v] === undefined) delete process.env[v];
    else process.env[v] = guard.env[v];
  }
  const left = entries(guard.dir);
  fs.rmSync(guard.dir, { recursive: true, force: true });
  const before = guard.untracked;
  const after = before && untracked();
  const added = before && after ? [...after].filter((f) => !before.has(f)) : [];
  const problems: string[] = [];
  if (left.length) problems.push(`tests left ${left.length} entries in the temp folder (now removed):\n  ${left.join('\n  ')}`);
  if (added.length) problems.push(`tests left new untracked files in the repository:\n  ${added.join('\n  ')}`);
  if (problems.length) throw new Error(problems.join('\n'));
}

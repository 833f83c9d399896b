// Temporary folders for one test file, removed after its last test.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const made: string[] = [];

// Registered when a test file first imports this module, so it runs after that file's tests.
afterAll(() => {
  for (const dir of made.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/** A fresh folder under the temp folder, removed once the importing test file has run. */
export function tmpDir(prefix = 'test'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `gongkai-${prefix}-`));
  made.push(dir);
  return dir;
}

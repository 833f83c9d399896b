// The page reads a workbook as the CLI does: the same direct reader over the same parts, with the
// same guards. Every file of the two hostile corpora gives the page exactly the CLI's grid or
// exactly its refusal — here in Node, whose DecompressionStream is the browser's interface.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { readGrid } from '../src/adapters/node/grid-file';
import { sniffFormat } from '../src/adapters/node/sniff';
import { readWorkbookGrid } from '../src/page/read-workbook';
import { buildCorpus } from './hostile/corpus';
import { buildReaderCorpus } from './hostile/reader-corpus';
import { tmpDir } from './helpers/tmp';

let dir: string;
let files: string[];

beforeAll(async () => {
  dir = tmpDir('page-read');
  const cases = [...(await buildCorpus(path.join(dir, 'a'))), ...(await buildReaderCorpus(path.join(dir, 'b')))];
  files = cases.map((c) => c.file).filter((f) => f.endsWith('.xlsx'));
}, 120_000);

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function cli(file: string, name: string): { grid?: unknown; error?: string } {
  try {
    const bytes = fs.readFileSync(file);
    sniffFormat(name, bytes);
    return { grid: readGrid(name, bytes) };
  } catch (e) {
    return { error: (e as Error).message };
  }
}

async function page(file: string, name: string): Promise<{ grid?: unknown; error?: string }> {
  try {
    const b = fs.readFileSync(file);
    return { grid: await readWorkbookGrid(name, b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength)) };
  } catch (e) {
    return { error: (e as Error).message };
  }
}

it('every hostile workbook: the page gets the CLI grid or the CLI refusal, in its words', async () => {
  expect(files.length).toBeGreaterThan(20);
  const refused: string[] = [];
  for (const file of files) {
    const name = path.basename(file);
    const want = cli(file, name);
    const got = await page(file, name);
    expect({ name, ...got }).toEqual({ name, ...want });
    if (want.error) refused.push(want.error);
  }
  // the cases the issue names: a bomb (declared and lying), an encrypted file, a cell past the grid
  expect(refused).toEqual(expect.arrayContaining([expect.stringContaining('压缩包炸弹.xlsx 解压后超过 256 MB'), expect.stringContaining('谎报大小的炸弹.xlsx 解压后超过 256 MB'), expect.stringContaining('加密.xlsx 设有打开密码（加密的工作簿）。请在 Excel 或 WPS 中取消密码'), expect.stringContaining('超出 Excel 的范围')]));
}, 180_000);

// The .docx opens in LibreOffice (converted to PDF) and its text is the text output's.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { run, tmpDir } from '../helpers/cli';
import { sampleWorkbook } from '../helpers/sample';
import { convert } from './libreoffice';

it('narrate writes a .docx LibreOffice renders, with the same text as the .txt', async () => {
  const dir = tmpDir();
  const current = path.join(dir, '2025.xlsx');
  const prior = path.join(dir, '2024.xlsx');
  await (await sampleWorkbook('budget-2025')).xlsx.writeFile(current);
  await (await sampleWorkbook('budget-2024')).xlsx.writeFile(prior);
  const docx = path.join(dir, '说明.docx');
  const txt = path.join(dir, '说明.txt');
  expect((await run(['narrate', current, '--prior', prior, '-o', docx])).code).toBe(0);
  expect((await run(['narrate', current, '--prior', prior, '-o', txt])).code).toBe(0);
  const [pdf] = convert([docx], 'pdf');
  expect(fs.statSync(pdf).size).toBeGreaterThan(10_000);
  const [asText] = convert([docx], 'txt');
  const norm = (s: string) => s.replace(/^\uFEFF/, '').replace(/\r/g, '').split('\n').map((l) => l.trim()).filter(Boolean).join('\n');
  expect(norm(fs.readFileSync(asText, 'utf8'))).toBe(norm(fs.readFileSync(txt, 'utf8')));
});

// Reading a narrative from a .docx (its paragraphs) or a .txt (its lines), with clear errors.
import * as path from 'node:path';
import JSZip from 'jszip';
import { UserError } from '../../core/errors';
import type { Paragraph } from '../../core/narrative/check';
import { decodeXml } from '../xlsx/xml';
import { decodeText } from './decode-text';
import { MAX_DOCUMENT_BYTES, readInputFile } from './input-file';

export async function readNarrativeFile(file: string): Promise<Paragraph[]> {
  const name = path.basename(file);
  const ext = path.extname(file).toLowerCase();
  const bytes = readInputFile(file, { maxBytes: MAX_DOCUMENT_BYTES, what: '情况说明' });
  let texts: string[];
  if (ext === '.txt' || ext === '.md') {
    texts = decodeText(bytes).split(/\r?\n/);
  } else if (ext === '.docx') {
    let xml: string | undefined;
    try {
      xml = await (await JSZip.loadAsync(bytes)).file('word/document.xml')?.async('string');
    } catch {
      xml = undefined;
    }
    if (!xml) {
      const hint = bytes.subarray(0, 8).equals(Buffer.from('d0cf11e0a1b11ae1', 'hex')) ? '这是旧版 Word（.doc）或 WPS 文字（.wps）格式，请另存为 .docx' : '文件已损坏或不是 .docx';
      throw new UserError(`无法读取情况说明 ${file}：${hint}。`);
    }
    texts = [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((p) => [...p[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => decodeXml(t[1])).join(''));
  } else {
    throw new UserError(`情况说明 ${file} 的格式不支持：请用 .docx 或 .txt。`);
  }
  const out: Paragraph[] = [];
  texts.forEach((t, i) => {
    if (t.trim()) out.push({ sheet: name, cell: `A${i + 1}`, text: t.trim() });
  });
  return out;
}

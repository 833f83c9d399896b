// Reading a narrative from a .docx (its paragraphs) or a .txt (its lines), with clear errors.
import * as path from 'node:path';
import { UserError } from '../../core/errors';
import type { Paragraph } from '../../core/narrative/check';
import { decodeXml, endsName, MarkupError, plainMarkup } from '../xlsx/xml';
import { decodeText } from './decode-text';
import { MAX_DOCUMENT_BYTES, readInputFile } from './input-file';
import { Zip, ZipError } from './zip';

/** The most a narrative's document.xml may inflate to (a long 情况说明 is well under 1 MB). */
export const MAX_DOCUMENT_XML_BYTES = 64 * 1024 * 1024;

/** The text of each paragraph (<w:p>…</w:p>): its <w:t> runs joined. One pass, no backtracking. */
export function paragraphTexts(xml: string): string[] {
  const out: string[] = [];
  let at = 0;
  for (;;) {
    const p = xml.indexOf('<w:p', at);
    if (p < 0) break;
    const c = xml.charCodeAt(p + 4);
    // <w:pPr>, <w:proofErr> … are no paragraphs; <w:p/> is an empty one, not counted
    if (!endsName(c) || c === 47) {
      at = p + 4;
      continue;
    }
    const end = xml.indexOf('</w:p>', p);
    if (end < 0) break;
    // searches stay inside the paragraph, so each part of the text is scanned once
    const body = xml.slice(p, end);
    let text = '';
    for (let t = body.indexOf('<w:t'); t >= 0; t = body.indexOf('<w:t', t + 4)) {
      const d = body.charCodeAt(t + 4);
      if (d !== 62 && d !== 32) continue;
      const gt = body.indexOf('>', t);
      if (gt < 0) break;
      if (body.charCodeAt(gt - 1) === 47) continue;
      const close = body.indexOf('</w:t>', gt);
      if (close < 0) break;
      const run = body.slice(gt + 1, close);
      if (run.indexOf('<') < 0) text += decodeXml(run);
      t = close;
    }
    out.push(text);
    at = end + 6;
  }
  return out;
}

/** word/document.xml of a .docx, inflated within the cap; undefined when the file is no .docx. */
function documentXml(file: string, bytes: Buffer): string | undefined {
  try {
    const xml = new Zip(bytes, MAX_DOCUMENT_XML_BYTES).text('word/document.xml');
    return xml === null ? undefined : plainMarkup(xml);
  } catch (e) {
    if (e instanceof ZipError && e.reason === 'budget') throw new UserError(`情况说明 ${file} 解压后超过 ${MAX_DOCUMENT_XML_BYTES / 1024 / 1024} MB（可能是“压缩包炸弹”），已拒绝读取。`);
    if (e instanceof ZipError && e.reason === 'duplicate') throw new UserError(`情况说明 ${file} 的压缩包里有两份同名的部件 ${e.message}，文件已损坏或被改动过。请在 Word 或 WPS 中另存再试。`);
    if (e instanceof ZipError || e instanceof MarkupError) return undefined;
    throw e;
  }
}

export async function readNarrativeFile(file: string): Promise<Paragraph[]> {
  const name = path.basename(file);
  const ext = path.extname(file).toLowerCase();
  const bytes = readInputFile(file, { maxBytes: MAX_DOCUMENT_BYTES, what: '情况说明' });
  let texts: string[];
  if (ext === '.txt' || ext === '.md') {
    texts = decodeText(bytes).split(/\r?\n/);
  } else if (ext === '.docx') {
    const xml = documentXml(file, bytes);
    if (!xml) {
      const hint = bytes.subarray(0, 8).equals(Buffer.from('d0cf11e0a1b11ae1', 'hex')) ? '这是旧版 Word（.doc）或 WPS 文字（.wps）格式，请另存为 .docx' : '文件已损坏或不是 .docx';
      throw new UserError(`无法读取情况说明 ${file}：${hint}。`);
    }
    texts = paragraphTexts(xml);
  } else {
    throw new UserError(`情况说明 ${file} 的格式不支持：请用 .docx 或 .txt。`);
  }
  const out: Paragraph[] = [];
  texts.forEach((t, i) => {
    if (t.trim()) out.push({ sheet: name, cell: `A${i + 1}`, text: t.trim() });
  });
  return out;
}

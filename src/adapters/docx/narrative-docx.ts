// The narrative as a Word document (docx library): the title, 一、 and （一） headings, and
// indented body paragraphs, on A4.
import { AlignmentType, Document, HeadingLevel, Packer, Paragraph, TextRun } from 'docx';
import type { Narrative } from '../../core/narrative/generate';
import { outline } from '../../core/narrative/render';

const LEVELS = { 1: HeadingLevel.TITLE, 2: HeadingLevel.HEADING_1, 3: HeadingLevel.HEADING_2 } as const;

export async function narrativeDocx(n: Narrative): Promise<Buffer> {
  return Packer.toBuffer(narrativeDocument(n));
}

/** The document itself, for Packer.toBuffer (Node) or Packer.toBlob (the browser). */
export function narrativeDocument(n: Narrative): Document {
  const blocks = outline(n);
  const children = blocks.map((b) =>
    b.kind === 'heading'
      ? new Paragraph({ heading: LEVELS[b.level], alignment: b.level === 1 ? AlignmentType.CENTER : AlignmentType.LEFT, children: [new TextRun({ text: b.text, font: b.level === 1 ? '方正小标宋简体' : '黑体' })] })
      : new Paragraph({ indent: { firstLine: 640 }, spacing: { line: 560 }, children: [new TextRun({ text: b.text, font: '仿宋_GB2312', size: 32 })] }),
  );
  return new Document({
    creator: 'gongkai 预决算公开助手',
    title: blocks[0].text,
    sections: [{ properties: { page: { size: { width: 11906, height: 16838 } } }, children }],
  });
}

// The narrative as text: markdown and plain text share one outline, so the .docx built from the
// same outline reads the same.
import type { Narrative } from './generate';

export type OutlineBlock = { kind: 'heading'; level: 1 | 2 | 3; text: string } | { kind: 'paragraph'; text: string };

export function narrativeTitle(n: Narrative): string {
  return `${n.department}${n.year}年${n.kind === 'budget' ? '部门预算' : '度部门决算'}情况说明`;
}

/** Title, section headings (一、 and （一）) and paragraphs, in order. */
export function outline(n: Narrative): OutlineBlock[] {
  const blocks: OutlineBlock[] = [{ kind: 'heading', level: 1, text: narrativeTitle(n) }];
  let last: string[] = [];
  for (const s of n.sentences) {
    const path = s.section.split('/');
    path.forEach((heading, i) => {
      if (last[i] !== heading) blocks.push({ kind: 'heading', level: (i + 2) as 2 | 3, text: heading });
    });
    last = path;
    blocks.push({ kind: 'paragraph', text: s.text });
  }
  return blocks;
}

/**
 * Text as literal Markdown: the narrative's sentences carry names and reasons from the workbook's
 * cells, so every character Markdown would read as markup (emphasis, links, HTML, code, tables),
 * and a list or heading marker at the start of a line, is escaped.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\\`*_[\]<>#|~&]/g, '\\$&')
    .replace(/^(\s*)([-+=>])/gm, '$1\\$2')
    .replace(/^(\s*\d+)([.)])/gm, '$1\\$2');
}

export function renderMarkdown(n: Narrative): string {
  return outline(n).map((b) => (b.kind === 'paragraph' ? escapeMarkdown(b.text) : `${'#'.repeat(b.level)} ${escapeMarkdown(b.text)}`)).join('\n\n') + '\n';
}

export function renderText(n: Narrative): string {
  return outline(n).map((b) => b.text).join('\n') + '\n';
}

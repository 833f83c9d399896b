// The text report's line on what is not a table: a workbook's sheets by name; a PDF's text
// sections (each named by its page) by kind with page runs, however many short sections a form
// printed over a few pages falls into.
import type { Report } from '../src/core/check/finding';
import { renderReport } from '../src/core/check/render';

const report = (otherSheets: Report['otherSheets']): Report => ({ file: 'x', kind: 'budget', year: 2025, department: null, tables: [], findings: [], otherSheets } as unknown as Report);

it('a workbook: each other sheet by name and kind', () => {
  expect(renderReport(report([{ sheet: '目录', kind: '目录' }, { sheet: '情况说明', kind: '情况说明' }]))).toContain('  其他工作表：目录（目录）、情况说明（情况说明）');
});

it('a PDF: by kind, pages as runs, each page once', () => {
  const sheets = [1, 3, 4, 5, 33, 33, 34].map((p, i) => ({ sheet: `第${p}页 段落${i}`, kind: '文字' }));
  sheets.push({ sheet: '第2页 目录', kind: '目录' }, { sheet: '第6页 部门预算编制说明', kind: '情况说明' }, { sheet: '第29页 其他相关情况说明', kind: '情况说明' }, { sheet: '第30页 项目经费情况说明', kind: '情况说明' });
  expect(renderReport(report(sheets))).toContain('  其他内容：文字 第1、3–5、33–34页；目录 第2页；情况说明 第6、29–30页');
});

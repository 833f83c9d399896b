// The controls the task pane and the standalone page share, as HTML for their templates
// (html-webpack-plugin runs this module at build time): one definition of the command buttons,
// the optional inputs, the template form and the results area. view.ts and both pages' scripts
// find them by these ids.

/** The buttons after the first (插入模板 in Excel, 生成模板 in the page), by command. */
const COMMANDS: [cmd: string, label: string][] = [
  ['fill', '填充科目'],
  ['recalc', '重算合计'],
  ['narrate', '生成说明'],
  ['check', '检查'],
  ['clear', '清除标记'],
];

const hiddenAttr = (hidden: boolean) => (hidden ? ' hidden' : '');

/** The command buttons; hidden until the host is known (the pane). */
export function commands(o: { template: string; hidden: boolean }): string {
  const buttons = [['template', o.template], ...COMMANDS].map(([cmd, label]) => `<button data-cmd="${cmd}">${label}</button>`);
  return `<nav id="commands"${hiddenAttr(o.hidden)}>\n    ${buttons.join('\n    ')}\n  </nav>`;
}

/** Last year's file, the year when the headers print none, the province's catalog: all optional. */
export function inputs(o: { hidden: boolean }): string {
  const box = (id: string, label: string, input: string) => `<label id="${id}-box" class="prior"${hiddenAttr(o.hidden)}>${label}\n    ${input}\n  </label>`;
  return [
    box('prior', '上年工作簿或上年公开的 PDF（检查“比上年”、生成说明时用来比较，可不选）', '<input id="prior" type="file" accept=".xlsx,.pdf" />'),
    box('year', '年度（表头没有写年度时填写，可不填）', '<input id="work-year" type="number" min="2000" max="2100" placeholder="如 2025" />'),
    box('catalog', '本省科目表（gongkai catalog import 生成的 .json 或一体化系统导出的 .xlsx，可不选）', '<input id="catalog" type="file" accept=".json,.xlsx" />'),
  ].join('\n  ');
}

/** The template form (shown by the first click on the template button). */
export function templateForm(): string {
  return `<form id="template-form" hidden>
    <label>类型 <select id="kind"><option value="budget">部门预算</option><option value="final">部门决算</option></select></label>
    <label>年度 <input id="year" type="number" value="2025" min="2000" max="2100" /></label>
    <label>单位名称 <input id="department" type="text" value="" placeholder="如：某某局" /></label>
    <label>表号 <input id="tables" type="text" placeholder="全部；或如 01,05" /></label>
  </form>`;
}

/** The status line, the downloads, the severity filter and the results list. */
export function results(): string {
  return `<div id="status" role="status" aria-live="polite"></div>
  <div id="downloads"></div>
  <div id="filter" hidden>
    <label><input type="checkbox" data-severity="error" checked /> 错误</label>
    <label><input type="checkbox" data-severity="warning" checked /> 警告</label>
    <label><input type="checkbox" data-severity="notice" checked /> 提示</label>
  </div>
  <ol id="results"></ol>`;
}

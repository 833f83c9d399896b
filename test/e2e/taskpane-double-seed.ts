// Test-only, bundled after the Office.js double and before the task pane: with ?seed=1 the open
// workbook starts with the budget tables of 示例单位 (inserted through the adapter, as the pane
// would), and the pane hears Office.onReady only once they are in.
import { runInExcel } from '../../src/adapters/office/commands';
import type { RequestContext } from '../../src/adapters/office/excel-api';
import { loadResources } from '../../src/taskpane/resources';

type Host = { Office: { onReady(cb: (info: { host: string }) => void): void }; Excel: { run<T>(batch: (ctx: RequestContext) => Promise<T>): Promise<T> } };
const w = window as unknown as Host;
if (new URLSearchParams(location.search).get('seed') === '1') {
  const seeded = w.Excel.run((ctx) => runInExcel(ctx, loadResources(), () => true, undefined, { command: 'template', template: { kind: 'budget', year: 2025, department: '示例单位' } }));
  const onReady = w.Office.onReady.bind(w.Office);
  w.Office.onReady = (cb) => void seeded.then(() => onReady(cb));
}

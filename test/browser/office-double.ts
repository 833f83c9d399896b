// Installs a test double of Office.js in a page before the task pane loads: Office.onReady says
// the host is Excel, Excel.run runs batches against an in-memory workbook (the same double the
// adapter tests use), and document settings live in memory. window.__workbook exposes the
// workbook to the test.
import { FakeContext, FakeWorkbookModel } from '../office/fake-excel';

const model = new FakeWorkbookModel();
const settings = new Map<string, unknown>();
const w = window as unknown as Record<string, unknown>;
w.__workbook = {
  sheets: () => model.sheets.map((s) => s.name),
  cell: (sheet: string, a1: string) => {
    const c = model.sheets.find((s) => s.name === sheet)?.get(a1);
    return c ? { value: c.value, formula: c.formula ?? null, fill: c.fill ?? null } : null;
  },
  syncs: 0,
};
w.Office = {
  onReady: (cb: (info: { host: string }) => void) => setTimeout(() => cb({ host: 'Excel' }), 0),
  context: {
    requirements: { isSetSupported: (_name: string, version: string) => Number(version.split('.')[1]) <= 7 },
    document: { settings: { get: (k: string) => settings.get(k), set: (k: string, v: unknown) => settings.set(k, v), saveAsync: (cb?: () => void) => cb?.() } },
  },
};
w.Excel = {
  run: async <T>(batch: (ctx: FakeContext) => Promise<T>): Promise<T> => {
    const ctx = new FakeContext(model);
    try {
      return await batch(ctx);
    } finally {
      (w.__workbook as { syncs: number }).syncs += ctx.syncs;
    }
  },
};

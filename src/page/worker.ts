// The page's worker: reads, checks and writes off the page's thread, so a hostile file can cost
// at most this worker (which the page stops after its time limit), never the tab.
import { UserError } from '../core/errors';
import { loadResources } from '../taskpane/resources';
import type { Job, Reply, ShownResult } from './protocol';
import { runOnFile } from './workbook-file';

const res = loadResources();

const scope = self as unknown as { onmessage: ((e: MessageEvent<Job>) => void) | null; postMessage(reply: Reply): void };

scope.onmessage = async (e) => {
  const { req, file, prior } = e.data;
  let reply: Reply;
  try {
    const { result, workbook, outputs } = await runOnFile(req, file, res, prior);
    // the plan is applied here; the page shows the rest
    const shown: Partial<typeof result> = { ...result };
    delete shown.plan;
    reply = { ok: true, result: shown as ShownResult, workbook, outputs };
  } catch (err) {
    reply = { ok: false, message: err instanceof UserError ? err.message : `出错了：${(err as Error | null)?.message ?? String(err)}` };
  }
  scope.postMessage(reply);
};

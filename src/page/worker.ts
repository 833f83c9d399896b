// The page's worker: reads, checks and writes off the page's thread, so a hostile file can cost
// at most this worker (which the page stops after its time limit), never the tab.
import { UserError } from '../core/errors';
import { loadResources } from '../taskpane/resources';
import { describeUserCatalog, readUserCatalog, type UserCatalog } from '../taskpane/user-catalog';
import type { Job, Reply, ShownResult } from './protocol';
import type { WorkbookFile } from './files';
import { runOnFile } from './workbook-file';

const builtIn = loadResources();
/** The catalog file last chosen, read when it was chosen (a job without a command) and kept. */
let loaded: { from: WorkbookFile; user: UserCatalog } | undefined;

async function userCatalog(file: WorkbookFile, fresh: boolean): Promise<UserCatalog> {
  const same = !fresh && loaded && loaded.from.name === file.name && loaded.from.bytes.byteLength === file.bytes.byteLength;
  if (!same) loaded = { from: file, user: await readUserCatalog(file.name, file.bytes) };
  return loaded!.user;
}

const scope = self as unknown as { onmessage: ((e: MessageEvent<Job>) => void) | null; postMessage(reply: Reply): void };

scope.onmessage = async (e) => {
  const { req, file, prior, catalog } = e.data;
  let reply: Reply;
  try {
    const user = catalog ? await userCatalog(catalog, !req) : null;
    if (!catalog) loaded = undefined;
    if (!req) {
      scope.postMessage({ ok: true, result: { summary: user ? describeUserCatalog(user) : '' }, workbook: null, outputs: [] });
      return;
    }
    const { result, workbook, outputs } = await runOnFile(req, file, user ? loadResources(user) : builtIn, prior);
    // the plan is applied here; the page shows the rest
    const shown: Partial<typeof result> = { ...result };
    delete shown.plan;
    reply = { ok: true, result: shown as ShownResult, workbook, outputs };
  } catch (err) {
    reply = { ok: false, message: err instanceof UserError ? err.message : `出错了：${(err as Error | null)?.message ?? String(err)}` };
  }
  scope.postMessage(reply);
};

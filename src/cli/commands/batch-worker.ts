// A batch worker thread: loads the templates, says it is ready, then answers each file path with
// the file's summary (the parent's time limit for a file starts when it is sent here).
import { parentPort, workerData } from 'node:worker_threads';
import { checkOne, type BatchArgs, type BatchJob } from './batch-one';
import { nodeResources } from '../../adapters/node/templates';
import type { WorkerMessage } from './batch-pool';

const args = workerData as BatchArgs;
const post = (m: WorkerMessage) => parentPort!.postMessage(m);
try {
  const resources = nodeResources();
  for (const year of resources.catalogYears) resources.catalogs(year);
} catch {
  // a template that cannot be read is reported with the first file
}
parentPort!.on('message', async (job: BatchJob) => {
  post({ type: 'summary', summary: await checkOne(job, args) });
});
post({ type: 'ready' });

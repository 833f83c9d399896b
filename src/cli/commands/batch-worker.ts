// A batch worker thread: receives file paths, answers with each file's summary.
import { parentPort, workerData } from 'node:worker_threads';
import { checkOne, type BatchArgs, type BatchJob } from './batch-one';

const args = workerData as BatchArgs;
parentPort!.on('message', async (job: BatchJob) => {
  parentPort!.postMessage(await checkOne(job, args));
});

/**
 * Web Worker of the page /autocontrole/: runs the check (run.ts) off the main thread so the
 * page stays responsive on large files. Receives the File itself (a reference, not a copy),
 * answers with progress messages and the result. It only fetches the check model (same origin).
 */
import { runCheck, type RunProgress, type RunRequest, type RunResult } from './run.ts';

export type WorkerRequest = { id: number; req: RunRequest };
export type WorkerMessage = { id: number; type: 'progress'; progress: RunProgress } | { id: number; type: 'result'; result: RunResult };

const post = (m: WorkerMessage) => (self as unknown as { postMessage(m: WorkerMessage): void }).postMessage(m);

self.addEventListener('message', async (e: MessageEvent<WorkerRequest>) => {
  const { id, req } = e.data;
  let last = 0;
  let result: RunResult;
  try {
    result = await runCheck(req, (progress) => {
      // A few progress messages are enough (the page shows a bar).
      const now = performance.now();
      if (now - last < 50 && progress.done < progress.total) return;
      last = now;
      post({ id, type: 'progress', progress });
    });
  } catch (err) {
    result = { ok: false, message: `la vérification a échoué : ${(err as Error).message}` };
  }
  post({ id, type: 'result', result });
});

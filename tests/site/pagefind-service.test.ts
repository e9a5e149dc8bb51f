/**
 * src/site/search/pagefind-service.ts: a Pagefind service process that ends without replying
 * fails the call instead of leaving it waiting forever (which hung the build in CI).
 */
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { openPagefindIndex } from '../../src/site/search/pagefind-service.ts';

/** The reply of the service to the first request (`createIndex`): base64 JSON, then a comma. */
const NEW_INDEX_REPLY = Buffer.from(JSON.stringify({ message_id: 1, payload: { type: 'NewIndex', index_id: 0 } })).toString('base64') + ',';

describe('service Pagefind arrêté', () => {
  let dir: string;
  const saved = process.env.PAGEFIND_BINARY_PATH;
  const fakePagefind = (script: string) => {
    const file = path.join(dir, 'pagefind');
    writeFileSync(file, `#!/bin/sh\n${script}\n`);
    chmodSync(file, 0o755);
    process.env.PAGEFIND_BINARY_PATH = file;
  };
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'norme-pagefind-'));
  });
  afterEach(() => {
    if (saved === undefined) delete process.env.PAGEFIND_BINARY_PATH;
    else process.env.PAGEFIND_BINARY_PATH = saved;
    rmSync(dir, { recursive: true, force: true });
  });

  test('le processus lit la demande puis s’arrête : createIndex échoue avec son code', async () => {
    // The request is written before the process ends, so Pagefind's own API never notices.
    fakePagefind('head -c 1 >/dev/null\nexit 3');
    await expect(openPagefindIndex({ forceLanguage: 'fr' })).rejects.toThrow(
      "Pagefind : le processus de service s'est arrêté sans répondre (code 3).",
    );
  });

  test('le processus s’arrête d’emblée : createIndex échoue', async () => {
    fakePagefind('exit 3');
    await expect(openPagefindIndex({ forceLanguage: 'fr' })).rejects.toThrow(/Pagefind/);
  });

  test('le processus s’arrête au milieu de l’index : l’ajout en cours échoue', async () => {
    // Replies to createIndex, then ends while the next request waits in its input.
    fakePagefind(`head -c 1 >/dev/null\nprintf '%s' '${NEW_INDEX_REPLY}'\nsleep 0.5\nexit 4`);
    const pf = await openPagefindIndex({ forceLanguage: 'fr' });
    try {
      expect(pf.errors).toEqual([]);
      expect(pf.pid).toBeGreaterThan(0);
      await expect(pf.index!.addHTMLFile({ url: '/a/', content: '<html lang="fr"><body><main>a</main></body></html>' })).rejects.toThrow(
        "Pagefind : le processus de service s'est arrêté sans répondre (code 4).",
      );
    } finally {
      await pf.close();
    }
  });
});

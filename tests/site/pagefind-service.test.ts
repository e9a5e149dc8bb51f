/**
 * src/site/search/pagefind-service.ts: a Pagefind service process that ends without replying
 * fails the call instead of leaving it waiting forever (which hung the build in CI); the
 * service pinned to one processor (the site build).
 */
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { openPagefindIndex, pinning } from '../../src/site/search/pagefind-service.ts';

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

describe('service Pagefind sur un seul processeur', () => {
  const status = (list: string) => () => `Name:\tnode\nCpus_allowed:\t3\nCpus_allowed_list:\t${list}\nMems_allowed_list:\t0\n`;
  const withTaskset = () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'norme-taskset-'));
    const file = path.join(dir, 'taskset');
    writeFileSync(file, '#!/bin/sh\n');
    chmodSync(file, 0o755);
    return { dir, file };
  };

  test('le dernier processeur permis, par taskset ; rien avec un seul processeur, sans taskset ou hors Linux', () => {
    const { dir, file } = withTaskset();
    try {
      expect(pinning('linux', status('0-1'), `/nonexistent${path.delimiter}${dir}`)).toEqual({ taskset: file, cpu: 1 });
      expect(pinning('linux', status('0,2-3'), dir)).toEqual({ taskset: file, cpu: 3 });
      expect(pinning('linux', status('5'), dir)).toBeNull();
      expect(pinning('linux', status('0-1'), '/nonexistent')).toBeNull();
      expect(pinning('darwin', status('0-1'), dir)).toBeNull();
      expect(pinning('linux', status('0-x'), dir)).toBeNull();
      expect(
        pinning(
          'linux',
          () => {
            throw new Error('pas de /proc');
          },
          dir,
        ),
      ).toBeNull();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  // This machine must have several processors and taskset (Debian: util-linux) for the option to apply.
  test.skipIf(!pinning())('le vrai service tourne sur le processeur choisi et répond', async () => {
    const pin = pinning()!;
    const pf = await openPagefindIndex({ forceLanguage: 'fr' }, { oneProcessor: true });
    try {
      expect(pf.errors).toEqual([]);
      const allowed = /^Cpus_allowed_list:\s*(\S+)/m.exec(readFileSync(`/proc/${pf.pid}/status`, 'utf8'))?.[1];
      expect(allowed).toBe(String(pin.cpu));
      const r = await pf.index!.addHTMLFile({ url: '/a/', content: '<html lang="fr"><body><main>Nature du contrat</main></body></html>' });
      expect(r.errors).toEqual([]);
      expect(r.file.url).toBe('/a/');
    } finally {
      await pf.close();
    }
  });
});

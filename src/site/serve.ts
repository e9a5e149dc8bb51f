/**
 * The static server of a built site: `npm start` (scripts/serve.mjs) serves dist/ with it, and
 * so do the browser tests and the benchmarks (tests/site/helpers.ts), so that what is measured
 * is what the reader of `npm start` gets.
 *
 * It maps a URL to a file as a static host does (folder → index.html, folder without its final
 * slash → 301, unknown → 404.html) and applies the site's `_headers` file (Netlify / Cloudflare
 * Pages format), which the build writes so that the search index is served compressed
 * (`Content-Encoding: gzip`, docs/performance.md). `astro preview` does not apply that file.
 * Nothing is cached (`Cache-Control: no-store`): a rebuild is seen at the next load.
 */
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import path from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.yaml': 'text/yaml; charset=utf-8',
  '.wasm': 'application/wasm',
  '.pf_meta': 'application/octet-stream',
  '.pf_index': 'application/octet-stream',
  '.pf_fragment': 'application/octet-stream',
  '.pf_filter': 'application/octet-stream',
  '.pagefind': 'application/octet-stream',
};

/**
 * The file of `root` that a URL path names, like a static host (dir → index.html, no-slash
 * dir → 301); nothing for a path outside `root` or that does not decode.
 */
export function resolveStatic(root: string, urlPath: string): { file?: string; redirect?: string } {
  let p: string;
  try {
    p = decodeURIComponent(urlPath.split('?')[0]!.split('#')[0]!);
  } catch {
    return {};
  }
  const base = path.resolve(root);
  const abs = path.join(base, p);
  // `path.join` resolves `..`: what is left must still be inside the root (not a sibling `dist-x`).
  if (abs !== base && !abs.startsWith(base + path.sep)) return {};
  if (existsSync(abs)) {
    const st = statSync(abs);
    if (st.isFile()) return { file: abs };
    if (st.isDirectory()) {
      if (!p.endsWith('/')) return { redirect: p + '/' };
      const idx = path.join(abs, 'index.html');
      if (existsSync(idx)) return { file: idx };
    }
  }
  return {};
}

/**
 * The rules of the site's `_headers` file (Netlify / Cloudflare Pages format: a path, `*` for any
 * rest, then its indented `Name: value` lines), as the hosts apply them.
 */
export function hostHeaders(root: string): (pathname: string) => Record<string, string> {
  const file = path.join(root, '_headers');
  const rules: { re: RegExp; headers: Record<string, string> }[] = [];
  if (existsSync(file)) {
    for (const line of readFileSync(file, 'utf8').split('\n')) {
      if (/^\S/.test(line)) rules.push({ re: new RegExp('^' + line.trim().split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*') + '$'), headers: {} });
      else if (line.trim() && rules.length) {
        const [name, ...value] = line.trim().split(':');
        rules[rules.length - 1]!.headers[name!] = value.join(':').trim();
      }
    }
  }
  return (pathname) => Object.assign({}, ...rules.filter((r) => r.re.test(pathname)).map((r) => r.headers));
}

/** Files up to this size are read and sent in one go. */
const SMALL_FILE = 1 << 20;

export interface StaticServer {
  url: string;
  server: Server;
  close: () => Promise<void>;
}

/**
 * Serve `root` on `host` (127.0.0.1) and `port` (0: a free one), with the headers of its
 * `_headers` file (read again when a rebuild replaced it).
 */
export function serveStatic(root: string, opts: { host?: string; port?: number } = {}): Promise<StaticServer> {
  const host = opts.host ?? '127.0.0.1';
  // The rules of `_headers`, read again when a build replaced the file.
  let rules: { at: string; of: (pathname: string) => Record<string, string> } | undefined;
  const headersOf = (pathname: string) => {
    let at = '';
    try {
      const st = statSync(path.join(root, '_headers'));
      at = `${st.ino}:${st.mtimeMs}`;
    } catch {
      // no _headers: no rule
    }
    if (rules?.at !== at) rules = { at, of: hostHeaders(root) };
    return rules.of(pathname);
  };
  const server = createServer((req, res) => {
    const { file, redirect } = resolveStatic(root, req.url ?? '/');
    if (redirect) {
      res.writeHead(301, { Location: redirect });
      res.end();
      return;
    }
    const target = file ?? path.join(root, '404.html');
    const status = file ? 200 : 404;
    if (!existsSync(target)) {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('introuvable');
      return;
    }
    res.writeHead(status, {
      'Content-Type': TYPES[path.extname(target)] ?? 'application/octet-stream',
      'Cache-Control': 'no-store',
      ...(file ? headersOf(new URL(req.url ?? '/', 'http://x').pathname) : {}),
    });
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    // Small files (pages, index chunks, fragments: nearly all) in one write, as a host serves them
    // from memory; large ones streamed.
    if (statSync(target).size <= SMALL_FILE) res.end(readFileSync(target));
    else createReadStream(target).pipe(res);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => {
      const addr = server.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      resolve({
        url: `http://${host}:${port}`,
        server,
        close: () => new Promise<void>((r) => server.close(() => r())),
      });
    });
  });
}

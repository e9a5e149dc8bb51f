/**
 * What the site says about itself and where corrections go (README, « Le site », « Sources et
 * corrections » ; CONTRIBUTING, « Signaler une erreur sans Git »).
 *
 * The forge (the project's repository: GitHub, Gitea, Forgejo, with the same
 * `/issues/new?title=&body=` and `/edit/<branch>/<file>` addresses) is the `repository` field of
 * package.json, where a maintainer declares it for every tool; `NORME_FORGE_URL` overrides it for
 * one build. The other settings are environment variables read at build time:
 *
 * - `NORME_FORGE_BRANCH`: the branch an edit is proposed on (`main`);
 * - `NORME_CONTACT`: the contact address of the maintainers;
 * - `NORME_PUBLISHER`: who publishes the site (legal notice);
 * - `NORME_SITE_URL`: the public address of the site (as in astro.config.mjs).
 *
 * Until they are set, the forge and the contact are examples, and the site says so (`example`).
 */
import pkg from '../../package.json' with { type: 'json' };

/**
 * The forge address the repository ships with in package.json: an example (the project has no
 * public forge yet). While the forge is this one, every « Signaler une erreur » says it is an example.
 */
export const EXAMPLE_FORGE_URL = 'https://github.com/norme-dsn/norme';

/** A package.json `repository` (string or `{ url }`: `https://…`, `git+https://….git`, `github:o/r`, `o/r`) as the forge's web address. */
export function forgeUrl(repository: string | { url?: string } | undefined): string | undefined {
  let u = (typeof repository === 'string' ? repository : repository?.url)?.trim();
  if (!u) return undefined;
  const short = /^(?:(github|gitlab|bitbucket):)?([\w.-]+\/[\w.-]+)$/.exec(u);
  if (short) u = `https://${short[1] === 'gitlab' ? 'gitlab.com' : short[1] === 'bitbucket' ? 'bitbucket.org' : 'github.com'}/${short[2]}`;
  return u.replace(/^git\+/, '').replace(/^git:\/\//, 'https://').replace(/\.git$/, '').replace(/\/+$/, '');
}

/** An address on the domain reserved for examples (RFC 2606: `norme.example`, `contact@norme.example`). */
const onExampleDomain = (s: string) => /^(?:[^@/]*@|https?:\/\/)?[^/@]*\.example(?:[/:]|$)/i.test(s);

export interface SiteConfig {
  /** Public address of the site: sitemap.xml and robots.txt. */
  url: string;
  forge: string;
  branch: string;
  contact: string;
  publisher: string;
  /** What is still an example value, shown as such on the pages. */
  example: { forge: boolean; contact: boolean };
}

/** The settings from the environment and package.json (pure, for the tests). */
export function siteConfig(env: Record<string, string | undefined>, repository: string | { url?: string } | undefined): SiteConfig {
  const forge = forgeUrl(env.NORME_FORGE_URL || undefined) ?? forgeUrl(repository) ?? EXAMPLE_FORGE_URL;
  const contact = env.NORME_CONTACT ?? 'contact@norme.example';
  return {
    url: (env.NORME_SITE_URL ?? 'https://norme.example').replace(/\/+$/, ''),
    forge,
    branch: env.NORME_FORGE_BRANCH ?? 'main',
    contact,
    publisher: env.NORME_PUBLISHER ?? "les mainteneurs du projet norme (membres de l'instance de normalisation)",
    example: { forge: forge === EXAMPLE_FORGE_URL || onExampleDomain(forge), contact: onExampleDomain(contact) },
  };
}

export const SITE_CONFIG = siteConfig(process.env, (pkg as { repository?: string | { url?: string } }).repository);

/** A new issue on the forge, title and text prefilled. */
export function issueUrl(title: string, body: string): string {
  return `${SITE_CONFIG.forge}/issues/new?title=${encodeURIComponent(title)}&body=${encodeURIComponent(body)}`;
}

/** The forge's editor on a file of the repository (a change proposed without Git). */
export function editUrl(file: string): string {
  return `${SITE_CONFIG.forge}/edit/${encodeURIComponent(SITE_CONFIG.branch)}/${file.split('/').map(encodeURIComponent).join('/')}`;
}

const EXAMPLE_NOTES = {
  forge: "adresse de forge d'exemple\u00a0: le projet n'a pas encore de forge publique, ces liens ne mènent pas encore à lui (réglage\u00a0: champ <code>repository</code> de package.json)",
  contact: "adresse de contact d'exemple, pas encore celle des mainteneurs (réglage\u00a0: <code>NORME_CONTACT</code>)",
};

/**
 * The visible mark of a setting still at its example value, next to what it sets (HTML): the
 * badge « Exemple » of every illustrative datum and what to change. Empty once it is set.
 */
export function exampleNoteHtml(what: keyof typeof EXAMPLE_NOTES): string {
  return SITE_CONFIG.example[what] ? ` <span class="badge example">Exemple</span> <span class="small muted">${EXAMPLE_NOTES[what]}</span>` : '';
}

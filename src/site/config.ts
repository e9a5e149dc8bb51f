/**
 * What the site says about itself and where corrections go: set at build time by environment
 * variables (README, « Le site » ; CONTRIBUTING, « Signaler une erreur sans Git »).
 *
 * - `NORME_FORGE_URL`: the project's repository on its forge (GitHub, Gitea, Forgejo: same
 *   `/issues/new?title=&body=` and `/edit/<branch>/<file>` addresses);
 * - `NORME_FORGE_BRANCH`: the branch an edit is proposed on (`main`);
 * - `NORME_CONTACT`: the contact address of the maintainers;
 * - `NORME_PUBLISHER`: who publishes the site (legal notice).
 */
export const SITE_CONFIG = {
  /** Public address of the site (`NORME_SITE_URL`, as in astro.config.mjs): sitemap.xml and robots.txt. */
  url: (process.env.NORME_SITE_URL ?? 'https://norme.example').replace(/\/+$/, ''),
  forge: (process.env.NORME_FORGE_URL ?? 'https://github.com/norme-dsn/norme').replace(/\/+$/, ''),
  branch: process.env.NORME_FORGE_BRANCH ?? 'main',
  contact: process.env.NORME_CONTACT ?? 'contact@norme.example',
  publisher: process.env.NORME_PUBLISHER ?? "les mainteneurs du projet norme (membres de l'instance de normalisation)",
};

/** A new issue on the forge, title and text prefilled. */
export function issueUrl(title: string, body: string): string {
  return `${SITE_CONFIG.forge}/issues/new?title=${encodeURIComponent(title)}&body=${encodeURIComponent(body)}`;
}

/** The forge's editor on a file of the repository (a change proposed without Git). */
export function editUrl(file: string): string {
  return `${SITE_CONFIG.forge}/edit/${encodeURIComponent(SITE_CONFIG.branch)}/${file.split('/').map(encodeURIComponent).join('/')}`;
}

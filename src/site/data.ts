/**
 * The registry as the site sees it: loaded ONCE per build (module-level cache shared by
 * every page), precomputed per version and per family, so that pages and getStaticPaths
 * only look things up. No norm logic here: everything comes from src/core.
 *
 * The core is imported natively by Node (not bundled by Vite) so that its own file
 * lookups (JSON Schemas next to the sources) keep working, and so that there is exactly
 * one instance of it in the build process.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as CoreModule from '../core/index.ts';
import { buildContext, shared, type BuildContext } from './build/context.ts';
import type { CalendarData } from './now.ts';
import { newestVersion, referenceVersion } from './search/scope.ts';
import type {
  Applicability,
  Diagnostic,
  FamilyCalendar,
  FamilyPresence,
  Registry,
  ResolvedFamily,
  ResolvedVersion,
  VersionIndex,
} from '../core/index.ts';

export type Core = typeof CoreModule;

export interface SiteVersion {
  family: SiteFamily;
  v: ResolvedVersion;
  id: string;
  index: VersionIndex;
  app: Applicability;
  prev?: SiteVersion;
  next?: SiteVersion;
  natures: { code: string; label: string }[];
}

export interface SiteFamily {
  id: string;
  fam: ResolvedFamily;
  /** Oldest first. */
  versions: SiteVersion[];
  byId: Map<string, SiteVersion>;
  presence: FamilyPresence;
  calendar: FamilyCalendar;
}

export interface Site {
  core: Core;
  registry: Registry;
  families: SiteFamily[];
  family: Map<string, SiteFamily>;
  /** `YYYY-MM` the site considers "today" (NORME_TODAY or the build date). */
  month: string;
  buildDate: string;
  /** Applicability of every version, carried by every page to answer for the reader's month (now.ts). */
  calendar: CalendarData;
  warnings: Diagnostic[];
}

/** Project root: the directory `astro build` runs in. NORME_ROOT points at another registry (tests). */
export const projectRoot = process.cwd();
export const registryRoot = process.env.NORME_ROOT ? path.resolve(process.env.NORME_ROOT) : projectRoot;

export async function loadCore(): Promise<Core> {
  const url = pathToFileURL(path.join(projectRoot, 'src/core/index.ts')).href;
  return (await import(/* @vite-ignore */ url)) as Core;
}

/** What the build's worker has already loaded for this registry (src/site/build/context.ts); undefined elsewhere. */
function preloaded<W extends 'registry' | 'consignes'>(what: W): NonNullable<BuildContext['preloaded']>[W] | undefined {
  const pre = buildContext().preloaded;
  return pre && path.resolve(pre.root) === registryRoot ? pre[what] : undefined;
}

/** The site model, built on first use and shared by every page of the build. */
export function getSite(): Promise<Site> {
  return shared('site', buildSite);
}

export class RegistryError extends Error {}

async function buildSite(): Promise<Site> {
  const t0 = performance.now();
  const debug = process.env.NORME_BUILD_DEBUG ? (m: string) => process.stderr.write(`[site ${Math.round(performance.timeOrigin + performance.now() - t0)}] ${m}\n`) : () => {};
  debug('getSite : début');
  const core = await loadCore();
  debug('cœur prêt');
  // The build's worker has already loaded (and checked) the registry.
  const pre = preloaded('registry');
  const { registry, diagnostics } = pre ? await pre : core.loadRegistry(registryRoot);
  if (core.hasErrors(diagnostics)) {
    const lines = diagnostics.filter((d) => d.severity === 'error').map(core.formatDiagnostic);
    // Never publish a half site: the build stops here with the diagnostics.
    throw new RegistryError(
      `Le registre contient ${lines.length} erreur(s) ; le site n'est pas construit.\n` + lines.slice(0, 200).join('\n') +
        (lines.length > 200 ? `\n… et ${lines.length - 200} autre(s) (npx norme validate)` : ''),
    );
  }
  debug('registre prêt');
  const today = process.env.NORME_TODAY ?? core.monthOf(new Date());
  const families: SiteFamily[] = [];
  for (const fam of registry.families.values()) {
    const calendar = core.familyCalendar(fam, today);
    const sf: SiteFamily = {
      id: fam.id,
      fam,
      versions: [],
      byId: new Map(),
      presence: core.familyPresence(fam),
      calendar,
    };
    let prev: SiteVersion | undefined;
    for (const v of fam.versions.values()) {
      const sv: SiteVersion = {
        family: sf,
        v,
        id: v.id,
        index: core.indexVersion(v),
        app: calendar.applicability.get(v.id)!,
        prev,
        natures: v.meta.usages?.natures ?? [],
      };
      if (prev) prev.next = sv;
      sf.versions.push(sv);
      sf.byId.set(v.id, sv);
      prev = sv;
    }
    families.push(sf);
  }
  // SOURCE_DATE_EPOCH (reproducible builds): the date of the build in seconds since 1970.
  const buildDate = (process.env.SOURCE_DATE_EPOCH ? new Date(Number(process.env.SOURCE_DATE_EPOCH) * 1000) : new Date()).toISOString().slice(0, 10);
  const calendar: CalendarData = {
    month: today,
    date: buildDate,
    families: families.map((f) => ({
      id: f.id,
      name: f.fam.meta.name,
      newest: newestVersion(f.fam),
      spans: f.versions.flatMap((sv) => {
        const a = sv.v.meta.applicability;
        return a ? [{ id: sv.id, from: a.from, ...(a.to ? { to: a.to } : {}), ...(sv.app?.to ? { until: sv.app.to } : {}) }] : [];
      }),
      built: referenceVersion(f.fam, today, core.applicableVersion)?.version,
      versions: f.versions.map((sv) => sv.id),
    })),
  };
  return {
    core,
    registry,
    families,
    family: new Map(families.map((f) => [f.id, f])),
    month: today,
    buildDate,
    calendar,
    warnings: diagnostics.filter((d) => d.severity !== 'info'),
  };
}

/** One page per family, for getStaticPaths (`[family]` routes). */
export async function familyPaths(): Promise<{ params: { family: string }; props: { family: SiteFamily } }[]> {
  const site = await getSite();
  return site.families.map((family) => ({ params: { family: family.id }, props: { family } }));
}

/** Every (family, version) pair, for getStaticPaths. */
export async function allVersions(): Promise<SiteVersion[]> {
  const site = await getSite();
  return site.families.flatMap((f) => f.versions);
}

/** The fiches consignes (consignes/ next to norm/), loaded once; errors stop the build like registry errors. */
export function getConsignes(): Promise<ReturnType<Core['loadConsignes']>> {
  return shared('consignes', () => getSite().then(async ({ core, registry }) => {
    // The build's worker has them loaded, from the same registry.
    const pre = preloaded('consignes') as Promise<ReturnType<Core['loadConsignes']>> | undefined;
    const res = pre ? await pre : core.loadConsignes(registryRoot, registry);
    const lines = res.diagnostics.filter((d) => d.severity === 'error').map(core.formatDiagnostic);
    if (lines.length) {
      throw new RegistryError(
        `Les fiches consignes contiennent ${lines.length} erreur(s) ; le site n'est pas construit.\n` + lines.slice(0, 200).join('\n') +
          (lines.length > 200 ? `\n… et ${lines.length - 200} autre(s) (npx norme validate)` : ''),
      );
    }
    return res;
  }));
}

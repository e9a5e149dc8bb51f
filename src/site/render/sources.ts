/**
 * The end of every element, version and fiche page: where its content comes from (the
 * official document, the copy the registry imported, what is inferred) and how to report an
 * error or propose a change without Git (src/site/config.ts). Left out of the search index
 * (`.page-sources` in EXCLUDE_SELECTORS of src/site/search/indexer.ts).
 */
import type { ResolvedVersion } from '../../core/model/types.ts';
import { editUrl, exampleNoteHtml, issueUrl } from '../config.ts';
import { dateLabel, urls } from '../urls.ts';
import { esc } from './markup.ts';

/** Official publication address of a GIP-MDS table (as the hosting repositories' scripts and READMEs give it). */
export const officialFileUrl = (file: string) => `https://www.net-entreprises.fr/media/documentation/${encodeURIComponent(file)}`;

const editionText = (v: ResolvedVersion) => {
  const last = v.meta.editions.at(-1);
  return last ? `, édition ${esc(last.id)} du ${esc(dateLabel(last.date))}` : '';
};

/**
 * The official source of an element of a version, in short (thousands of pages): the cahier
 * technique edition, the official table file(s), and a link to the version page for the rest.
 */
export function elementSourceHtml(familyName: string, familyId: string, v: ResolvedVersion): string {
  const files = v.meta.provenance.sources.map((s) => `<a href="${esc(officialFileUrl(s.file))}">${esc(s.file)}</a>`).join(', ');
  return `<p>Source officielle : cahier technique ${esc(familyName)} ${esc(v.id)}${editionText(v)}, publié par le GIP-MDS sur net-entreprises.fr${
    files ? ` (tables ${files})` : ''
  } ; en cas de doute, c'est lui qui fait foi. <a href="${esc(urls.version(familyId, v.id))}#sources">Provenance des données de ${esc(v.id)}</a>.</p>`;
}

/** The official source of a version: its cahier technique edition and the tables it was imported from. */
export function versionSourceHtml(familyName: string, v: ResolvedVersion): string {
  const edition = editionText(v);
  const files = v.meta.provenance.sources.map(
    (s) =>
      `<li><a href="${esc(officialFileUrl(s.file))}">${esc(s.file)}</a> <span class="small muted">(${s.kind === 'usages' ? 'tableau des usages' : 'types, blocs, rubriques et contrôles'}${
        s.edition ? `, édition ${esc(s.edition)}` : ''
      }${s.origin ? ` ; copie utilisée : ${esc(s.origin)}` : ''})</span></li>`,
  );
  const app = v.meta.applicability;
  const inferred =
    app && app.source !== 'texte officiel'
      ? `<p class="small">Mois d'applicabilité <a href="${esc(urls.glossary('inferee'))}">déduits</a>, pas lus dans un texte officiel${app.note ? ` : ${esc(app.note)}` : ''}.</p>`
      : '';
  return `<p>Source officielle : cahier technique ${esc(familyName)} ${esc(v.id)}${edition}, publié par le GIP-MDS sur <a href="https://www.net-entreprises.fr/">net-entreprises.fr</a> ; en cas de doute, c'est lui qui fait foi.</p>${
    files.length ? `<p class="small">Tables officielles importées :</p><ul class="small">${files.join('')}</ul>` : ''
  }${v.meta.provenance.note ? `<p class="small muted">${esc(v.meta.provenance.note)}</p>` : ''}${inferred}`;
}

/** « Signaler une erreur / proposer une modification » for the page at `pageUrl`, editing `file`. */
export function contributeHtml(what: string, pageUrl: string, file: string | undefined): string {
  const body = `Page : ${pageUrl}\n\nCe qui est faux, et la source officielle qui le montre :\n`;
  return `<p class="contribute"><a class="button" href="${esc(issueUrl(`Erreur : ${what}`, body))}">Signaler une erreur</a>${
    file ? ` <a class="button" href="${esc(editUrl(file))}">Proposer une modification</a>` : ''
  } <span class="small muted">sur la forge du projet, sans Git (<a href="${esc(urls.about())}#contribuer">comment faire</a>)</span>${exampleNoteHtml('forge')}</p>`;
}

/** The whole section. */
export function pageSourcesHtml(source: string, contribute: string): string {
  return `<section class="page-sources" aria-labelledby="sources"><h2 id="sources">Sources et corrections</h2>${source}${contribute}</section>`;
}

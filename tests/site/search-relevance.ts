/**
 * Relevance table of the search: what a declarant types, and where it must lead.
 *
 * Every expectation is written from the official tables (dsn-datatypes-CT2026 / CT2027 of
 * GIP-MDS, sheets Fields, Blocks and Data Types: the row that answers is named in `why`) or
 * from the fiches consignes (consignes/NNNN/fiche.mdx). `{cur}` stands for the DSN version
 * searched by default (the one applicable in the build month, read from the built
 * /recherche/ page). A query passes when one of the expected addresses is among its first
 * `k` results on /recherche/?q=… in Chromium (tests/site/search-relevance.test.ts);
 * `npm run bench -- search` reports the same table per category (top-1, top-3).
 */

import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { FamilyReference } from '../../src/site/search/scope.ts';

/** The version searched by default in each family, as the built /recherche/ page states it. */
export function builtReferences(dist: string): FamilyReference[] {
  const html = readFileSync(path.join(dist, 'recherche/index.html'), 'utf8');
  return JSON.parse(/data-references="([^"]*)"/.exec(html)![1].replace(/&quot;/g, '"').replace(/&amp;/g, '&')) as FamilyReference[];
}

/** The DSN version searched by default (`{cur}` in the table). */
export const defaultDsnVersion = (dist: string) => builtReferences(dist).find((r) => r.family === 'dsn')!.version;

export const CATEGORIES = ['identifiant', 'libellé', 'question', 'sigle', 'valeur', 'faute', 'version', 'fiche'] as const;
export type Category = (typeof CATEGORIES)[number];

export const CATEGORY_LABELS: Record<Category, string> = {
  identifiant: 'identifiants',
  libellé: 'libellés exacts et noms techniques',
  question: 'questions en langage naturel',
  sigle: 'sigles',
  valeur: 'valeurs de nomenclature',
  faute: 'fautes de frappe et accents manquants',
  version: 'propres à une version',
  fiche: 'fiches consignes',
};

export interface RelevanceCase {
  q: string;
  cat: Category;
  /** Addresses that answer the query (any one of them in the first `k` results). */
  want: string[];
  k: 1 | 3;
  /** The row of the official table or the fiche that answers it. */
  why: string;
  /** One of the "done when" queries (also checked in the header box). */
  done?: boolean;
}

const el = (id: string, v = '{cur}') => `/dsn/${v}/${id}/`;
const type = (id: string, v = '{cur}') => `/dsn/${v}/types/${id}/`;
const fiche = (n: number) => `/consignes/${n}/`;

const c = (cat: Category, q: string, want: string | string[], why: string, k: 1 | 3 = 3, done = false): RelevanceCase => ({
  q,
  cat,
  want: Array.isArray(want) ? want : [want],
  k,
  why,
  ...(done ? { done } : {}),
});

export const RELEVANCE: RelevanceCase[] = [
  // ---- identifiants (Fields / Blocks / Data Types: the id column)
  c('identifiant', 'S21.G00.40.007', el('S21.G00.40.007'), 'Fields : S21.G00.40.007 Nature du contrat', 1),
  c('identifiant', 'S21.G00.40', el('S21.G00.40'), 'Blocks : S21.G00.40 Contrat', 1),
  c('identifiant', '40.007', el('S21.G00.40.007'), 'forme courte bloc.rubrique de S21.G00.40.007', 1),
  c('identifiant', 's21 g00 40 007', el('S21.G00.40.007'), 'S21.G00.40.007 tapé sans points', 1),
  c('identifiant', 'S21.G00.40.007/CCH-11', `${el('S21.G00.40.007')}#S21.G00.40.007/CCH-11`, 'Messages : contrôle CCH-11 de S21.G00.40.007', 1),
  c('identifiant', 'DSN_NatureContrat', type('DSN_NatureContrat'), 'Data Types : DSN_NatureContrat', 1),
  c('identifiant', 'S21.G00.51.011', el('S21.G00.51.011'), 'Fields : S21.G00.51.011 Type (de rémunération)', 1),
  c('identifiant', 'S10.G00.00.006', el('S10.G00.00.006'), 'Fields : S10.G00.00.006 Version de la norme utilisée', 1),
  c('identifiant', '30.001', el('S21.G00.30.001'), "forme courte de S21.G00.30.001 Numéro d'inscription au répertoire", 1),
  c('identifiant', 's21g0081001', el('S21.G00.81.001'), 'S21.G00.81.001 Code de cotisation, tapé sans points', 1),

  // ---- libellés exacts (Fields: Nom) et noms techniques (Fields: Nom technique)
  c('libellé', 'nature du contrat', el('S21.G00.40.007'), 'Fields : S21.G00.40.007 Nature du contrat', 1),
  c('libellé', 'Date de début du contrat', el('S21.G00.40.001'), 'Fields : S21.G00.40.001 Date de début du contrat'),
  c('libellé', 'Motif de la rupture du contrat', el('S21.G00.62.002'), 'Fields : S21.G00.62.002 Motif de la rupture du contrat'),
  c('libellé', "Numéro d'inscription au répertoire", el('S21.G00.30.001'), "Fields : S21.G00.30.001 Numéro d'inscription au répertoire (individu)"),
  c('libellé', 'Dispositif de politique publique et conventionnel', el('S21.G00.40.008'), 'Fields : S21.G00.40.008 Dispositif de politique publique et conventionnel'),
  c('libellé', "Motif de l'arrêt", el('S21.G00.60.001'), "Fields : S21.G00.60.001 Motif de l'arrêt"),
  c('libellé', 'Cotisation individuelle', el('S21.G00.81'), 'Blocks : S21.G00.81 Cotisation individuelle'),
  c('libellé', 'Taux de prélèvement à la source', el('S21.G00.50.006'), 'Fields : S21.G00.50.006 Taux de prélèvement à la source'),
  c('libellé', 'Code convention collective applicable', [el('S21.G00.40.017'), el('S21.G00.06.015')], 'Fields : S21.G00.40.017 (contrat) et S21.G00.06.015 (entreprise) Code convention collective applicable'),
  c('libellé', 'Contrat.Nature', el('S21.G00.40.007'), 'Fields : nom technique Contrat.Nature de S21.G00.40.007'),
  c('libellé', 'Remuneration.Montant', el('S21.G00.51.013'), 'Fields : nom technique Remuneration.Montant de S21.G00.51.013'),
  c('libellé', 'arrêt de travail', el('S21.G00.60'), 'Blocks : S21.G00.60 Arrêt de travail (avant les fiches qui en parlent)', 1),

  // ---- questions en langage naturel
  c('question', 'comment déclarer un arrêt maladie', [fiche(9005), fiche(9007), el('S21.G00.60'), el('S21.G00.60.001')], 'fiches 9005/9007 ; Fields : S21.G00.60.001 Motif de l\'arrêt, valeur 01 maladie'),
  c('question', 'où déclarer le numéro de sécurité sociale du salarié', el('S21.G00.30.001'), "Fields : S21.G00.30.001 Numéro d'inscription au répertoire (NIR, numéro de sécurité sociale)"),
  c('question', 'quel taux de prélèvement à la source appliquer', [el('S21.G00.50.006'), el('S21.G00.50.007')], 'Fields : S21.G00.50.006 Taux de prélèvement à la source, S21.G00.50.007 Type du taux'),
  c('question', 'comment déclarer une rupture conventionnelle', [el('S21.G00.62.002'), fiche(9012)], 'Data Types : RAC_Rupture_Motif_DSN_phase_1 043 rupture conventionnelle (rubrique S21.G00.62.002) ; fiche 9012'),
  c('question', 'quelle date de fin de contrat déclarer', [el('S21.G00.62.001'), fiche(9010)], 'Fields : S21.G00.62.001 Date de fin du contrat ; fiche 9010'),
  c('question', 'comment déclarer le salaire de base', [el('S21.G00.51.011'), fiche(9018)], 'Data Types : DSN_Renumeration_Type 010 Salaire de base (rubrique S21.G00.51.011) ; fiche 9018'),
  c('question', 'que déclarer pour un salarié à temps partiel', [el('S21.G00.40.014'), el('S21.G00.40.013'), fiche(9028)], "Fields : S21.G00.40.014 Modalité d'exercice du temps de travail (valeur 10 temps partiel), S21.G00.40.013 Quotité"),
  c('question', 'comment déclarer les heures supplémentaires', [el('S21.G00.51.011'), el('S21.G00.51')], 'Data Types : DSN_Renumeration_Type 017/018 Heures supplémentaires (rubrique S21.G00.51.011)'),
  c('question', 'quelle est la date de naissance du salarié', el('S21.G00.30.006'), 'Fields : S21.G00.30.006 Date de naissance (individu)'),
  c('question', 'comment déclarer un apprenti', [el('S21.G00.40.008'), type('DSN_Dispos_PubEmpFormPro_2')], "Data Types : DSN_Dispos_PubEmpFormPro_2 64/65/81 Contrat d'apprentissage (rubrique S21.G00.40.008)"),

  // ---- sigles
  c('sigle', 'CDI', [el('S21.G00.40.007'), fiche(9001), fiche(9003)], 'DSN_NatureContrat 01 Contrat de travail à durée indéterminée (S21.G00.40.007) ; fiches 9001, 9003', 3, true),
  c('sigle', 'CDD', [el('S21.G00.40.007'), fiche(9002), fiche(9003)], 'DSN_NatureContrat 02 Contrat de travail à durée déterminée (S21.G00.40.007) ; fiche 9002'),
  c('sigle', 'NIR', el('S21.G00.30.001'), "Fields : S21.G00.30.001 Numéro d'inscription au répertoire", 3, true),
  c('sigle', 'DPAE', [fiche(9024), el('S20.G00.05.001')], "fiche 9024 ; DSN_Declaration_Nature 10 Signalement Déclaration préalable à l'embauche (S20.G00.05.001)"),
  c('sigle', 'taux PAS', el('S21.G00.50.006'), 'Fields : S21.G00.50.006 Taux de prélèvement à la source (VersementIndividu.TauxPAS)', 3, true),
  c('sigle', 'SIRET', [el('S21.G00.11.001'), el('S21.G00.06.001'), fiche(9033)], 'SIRET = SIREN (S21.G00.06.001) + NIC (S21.G00.11.001) ; fiche 9033'),
  c('sigle', 'SIREN', el('S21.G00.06.001'), 'Fields : S21.G00.06.001 SIREN'),
  c('sigle', 'NIC', el('S21.G00.11.001'), 'Fields : S21.G00.11.001 NIC (établissement)'),
  c('sigle', 'APEN', [el('S21.G00.06.003'), fiche(9025), fiche(9026)], 'Fields : S21.G00.06.003 Code APEN'),
  c('sigle', 'IDCC', [el('S21.G00.40.017'), el('S21.G00.06.015'), el('S21.G00.11.022')], 'Fields : S21.G00.40.017 Code convention collective applicable (IDCC) ; S21.G00.06.015, S21.G00.11.022 (REF_IDCC)'),
  c('sigle', 'CCN', [el('S21.G00.40.017'), el('S21.G00.06.015'), el('S21.G00.11.022')], 'Fields : S21.G00.40.017 Code convention collective applicable (type CCN)'),
  c('sigle', 'PCS-ESE', el('S21.G00.40.004'), 'Fields : S21.G00.40.004 Code profession et catégorie socioprofessionnelle (PCS-ESE)'),
  c('sigle', 'CTP', [el('S21.G00.23.001'), el('S21.G00.23')], 'Fields : S21.G00.23.001 Code de cotisation (code type de personnel Urssaf)'),
  c('sigle', 'AT/MP', [el('S21.G00.40.040'), el('S21.G00.60.001')], 'Fields : S21.G00.40.040 Code risque accident du travail (DSN_Code_Risque_ATMP) ; motifs 05/06 de S21.G00.60.001'),
  c('sigle', 'IJSS', [el('S21.G00.60.004'), el('S21.G00.60.005'), el('S21.G00.60'), fiche(9005)], "Fields : S21.G00.60.004 Subrogation (des indemnités journalières) ; fiche 9005"),
  c('sigle', 'MNS', [el('S21.G00.58.003'), el('S21.G00.58'), el('S89.G00.92.017')], 'Data Types : NewEnumeration299 03 Montant net social (S21.G00.58.003) ; S89.G00.92.017 Montant net social'),
  c('sigle', 'BOETH', el('S21.G00.40.072'), 'Fields : S21.G00.40.072 Statut BOETH'),
  c('sigle', 'RGDU', fiche(9016), 'fiche 9016 (réduction générale des cotisations patronales)'),
  c('sigle', 'FCTU', [fiche(9011), el('S21.G00.62.020'), el('S21.G00.50.020')], 'fiche 9011 ; Fields : S21.G00.62.020, S21.G00.50.020 (FCTU)'),
  c('sigle', 'CTT', el('S21.G00.40.007'), 'DSN_NatureContrat 03 Contrat de mission (contrat de travail temporaire), S21.G00.40.007'),
  c('sigle', 'OPS', [el('S21.G00.20'), el('S21.G00.20.001')], 'Blocks : S21.G00.20 Versement organisme de protection sociale ; S21.G00.20.001 Identifiant OPS'),
  c('sigle', 'CRM', el('S21.G00.23.007'), "Fields : S21.G00.23.007 Identifiant du CRM à l'origine de la régularisation"),

  // ---- valeurs de nomenclature (Data Types: code and label) → the rubrique or the data type
  c('valeur', "contrat d'apprentissage", [el('S21.G00.40.008'), type('DSN_Dispos_PubEmpFormPro_2')], "DSN_Dispos_PubEmpFormPro_2 64/65/81 Contrat d'apprentissage (S21.G00.40.008)", 3, true),
  c('valeur', 'licenciement économique', el('S21.G00.62.002'), 'RAC_Rupture_Motif_DSN_phase_1 014 licenciement pour motif économique (S21.G00.62.002)', 3, true),
  c('valeur', 'licenciement pour motif économique', el('S21.G00.62.002'), 'RAC_Rupture_Motif_DSN_phase_1 014 (S21.G00.62.002)'),
  c('valeur', 'barème mensuel métropole', [el('S21.G00.50.007'), type('Taux_Prelevement_Source')], 'Taux_Prelevement_Source 13 Barème mensuel métropole (S21.G00.50.007)'),
  c('valeur', 'salaire brut', [el('S21.G00.51.011'), fiche(9018)], "DSN_Renumeration_Type 001 Rémunération brute non plafonnée, 002 Salaire brut… (S21.G00.51.011) ; fiche 9018", 3, true),
  c('valeur', 'rupture conventionnelle', el('S21.G00.62.002'), 'RAC_Rupture_Motif_DSN_phase_1 043 rupture conventionnelle (S21.G00.62.002)'),
  c('valeur', 'démission', el('S21.G00.62.002'), 'RAC_Rupture_Motif_DSN_phase_1 059 démission (S21.G00.62.002)'),
  c('valeur', 'maternité', el('S21.G00.60.001'), "Arret_Motif_DSN_phase_1 02 maternité (S21.G00.60.001 Motif de l'arrêt)"),
  c('valeur', 'contrat de professionnalisation', el('S21.G00.40.008'), 'DSN_Dispos_PubEmpFormPro_2 61 Contrat de Professionnalisation (S21.G00.40.008)'),
  c('valeur', 'contrat de mission', el('S21.G00.40.007'), 'DSN_NatureContrat 03 Contrat de mission (S21.G00.40.007)'),
  c('valeur', 'mandat social', [el('S21.G00.40.007'), fiche(9001)], 'DSN_NatureContrat 80 Mandat social (S21.G00.40.007)'),
  c('valeur', "fin de contrat d'apprentissage", el('S21.G00.62.002'), "RAC_Rupture_Motif_DSN_phase_1 081 fin de contrat d'apprentissage (S21.G00.62.002)"),
  c('valeur', 'heures supplémentaires structurelles', el('S21.G00.51.011'), 'DSN_Renumeration_Type 018 Heures supplémentaires structurelles (S21.G00.51.011)'),

  // ---- fautes de frappe et accents manquants
  c('faute', 'contart de travail', [el('S21.G00.40'), el('S21.G00.40.007')], 'Blocks : S21.G00.40 Contrat (contrat de travail, convention, mandat)', 3, true),
  c('faute', 'remuneration brute', [el('S21.G00.51.011'), fiche(9018)], 'DSN_Renumeration_Type 001 Rémunération brute non plafonnée (S21.G00.51.011)'),
  c('faute', 'licenciment economique', el('S21.G00.62.002'), 'RAC_Rupture_Motif_DSN_phase_1 014 licenciement pour motif économique (S21.G00.62.002)'),
  c('faute', 'prelevement a la source', [el('S21.G00.50.006'), el('S21.G00.50.007'), el('S21.G00.50.009'), el('S21.G00.56')], 'Fields : S21.G00.50.006/007/009 ; Blocks : S21.G00.56 Régularisation de prélèvement à la source'),
  c('faute', 'cotisaton individuelle', el('S21.G00.81'), 'Blocks : S21.G00.81 Cotisation individuelle'),
  c('faute', 'arret de travial', el('S21.G00.60'), 'Blocks : S21.G00.60 Arrêt de travail'),
  c('faute', 'date de naisance', el('S21.G00.30.006'), 'Fields : S21.G00.30.006 Date de naissance'),
  c('faute', 'motif de rupure', el('S21.G00.62.002'), 'Fields : S21.G00.62.002 Motif de la rupture du contrat'),
  c('faute', 'natur du contrat', el('S21.G00.40.007'), 'Fields : S21.G00.40.007 Nature du contrat'),
  c('faute', 'apprentisage', [el('S21.G00.40.008'), type('DSN_Dispos_PubEmpFormPro_2')], "DSN_Dispos_PubEmpFormPro_2 Contrat d'apprentissage (S21.G00.40.008)"),

  // ---- propres à une version (CT2027 for P27V01, CT2025 for P25V01)
  c('version', 'S21.G00.40.084', el('S21.G00.40.084', 'P27V01'), 'CT2027 Fields : S21.G00.40.084, nouvelle en P27V01', 3, true),
  c('version', 'S21.G00.59', el('S21.G00.59', 'P27V01'), 'CT2027 Blocks : S21.G00.59 Elément de revenu associé à des droits spécifiques'),
  c('version', 'S21.G00.75', el('S21.G00.75', 'P27V01'), 'CT2027 Blocks : S21.G00.75 Aménagement du temps de travail'),
  c('version', 'S21.G00.75.001', el('S21.G00.75.001', 'P27V01'), "CT2027 Fields : S21.G00.75.001 Motif de l'aménagement"),
  c('version', 'P27V01', '/dsn/P27V01/', 'version P27V01 (Standard : P27V01)', 1),
  c('version', 'p24v01', '/dsn/P24V01/', 'version retirée P24V01, en minuscules', 1),
  c('version', 'aménagement du temps de travail', [el('S21.G00.75', 'P27V01'), fiche(9029)], 'CT2027 Blocks : S21.G00.75 ; fiche 9029'),
  c('version', 'élément de revenu associé à des droits spécifiques', [el('S21.G00.59', 'P27V01'), fiche(9030)], 'CT2027 Blocks : S21.G00.59 ; fiche 9030'),
  c('version', 'proratisation du plafond de sécurité sociale', [el('S21.G00.40.084', 'P27V01'), fiche(9028)], 'CT2027 Fields : S21.G00.40.084 Application de la proratisation du Plafond de Sécurité Sociale… ; fiche 9028'),
  c('version', 'forfait jour réduit', [el('S21.G00.40.085', 'P27V01'), fiche(9028)], 'CT2027 Fields : S21.G00.40.085 Choix du salarié en forfait jour réduit… ; fiche 9028'),
  c('version', 'S21.G00.06.009', el('S21.G00.06.009', 'P25V01'), "CT2025 Fields : S21.G00.06.009 Effectif moyen de l'entreprise au 31 décembre (supprimée en P26V01)"),
  c('version', "effectif moyen de l'entreprise", [el('S21.G00.06.009', 'P25V01'), fiche(9031)], 'CT2025 Fields : S21.G00.06.009 ; fiche 9031'),

  // ---- fiches consignes (title, keywords)
  c('fiche', 'signaler la reprise', fiche(9006), 'fiche 9006 Quand et comment signaler la reprise après un arrêt de travail ?', 1),
  c('fiche', 'DSN néant', fiche(9023), 'fiche 9023 Que déclarer pour un mois sans aucun salarié ? (mot-clé DSN néant)'),
  c('fiche', 'annule et remplace', fiche(9022), 'fiche 9022 Comment annuler ou remplacer une déclaration déjà déposée ?'),
  c('fiche', 'temps partiel thérapeutique', [fiche(9008), el('S21.G00.66')], 'fiche 9008 ; Blocks : S21.G00.66 Temps partiel Thérapeutique'),
  c('fiche', 'mi-temps thérapeutique', fiche(9008), 'fiche 9008 (mot-clé mi-temps thérapeutique)'),
  c('fiche', 'fractionnement de la DSN', fiche(9027), "fiche 9027 Comment indiquer que l'établissement fractionne sa DSN mensuelle ? (P27V01)"),
  c('fiche', "transformation d'un CDD en CDI", fiche(9003), "fiche 9003 Comment déclarer la transformation d'un CDD en CDI ?"),
  c('fiche', 'code de cotisation 105', fiche(9017), 'fiche 9017 Peut-on encore déclarer le code de cotisation 105 avec la norme P27V01 ?'),
  c('fiche', 'congé supplémentaire de naissance', fiche(9009), "fiche 9009 Quel motif d'arrêt déclarer pour le congé supplémentaire de naissance ? (P27V01)"),
  c('fiche', 'refus de CDI', fiche(9013), "fiche 9013 Comment signaler qu'un salarié a refusé un CDI à l'issue de son CDD ?"),
  c('fiche', 'réduction générale des cotisations', fiche(9016), 'fiche 9016 Comment déclarer la réduction générale des cotisations patronales ?'),
  c('fiche', 'solde de tout compte', fiche(9011), 'fiche 9011 (mot-clé solde de tout compte)'),
];

/** The expected addresses of a case, with the default DSN version filled in. */
export function wanted(x: RelevanceCase, cur: string): string[] {
  return x.want.map((u) => u.replace('{cur}', cur));
}

export interface CategoryScore {
  cat: Category;
  n: number;
  top1: number;
  top3: number;
}

/** Rank (1-based) of the first expected address among `urls`, or 0. */
export function rankOf(x: RelevanceCase, cur: string, urls: string[]): number {
  const w = wanted(x, cur);
  const i = urls.findIndex((u) => w.includes(u));
  return i + 1;
}

/** Share of queries answered at rank 1 and within the first 3, per category. */
export function scores(ranks: { x: RelevanceCase; rank: number }[]): CategoryScore[] {
  return CATEGORIES.map((cat) => {
    const of = ranks.filter((r) => r.x.cat === cat);
    return { cat, n: of.length, top1: of.filter((r) => r.rank === 1).length, top3: of.filter((r) => r.rank >= 1 && r.rank <= 3).length };
  });
}

export const pct = (a: number, n: number) => (n ? `${Math.round((100 * a) / n)} %` : '–');

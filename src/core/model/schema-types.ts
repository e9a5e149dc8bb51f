/* Fichier généré par `npm run types` depuis src/core/schemas/*.schema.json — ne pas modifier à la main. */
/* eslint-disable */

// --- block.schema.json
/**
 * O obligatoire, C conditionnelle, I interdite, N non utilisée, F facultative
 */
export type UsageCode = 'O' | 'C' | 'I' | 'N' | 'F';

/**
 * Un bloc et ses rubriques : norm/<famille>/<version>/blocks/<id>.yaml
 */
export interface Block {
  id: string;
  name: string;
  description?: string;
  /**
   * Bloc parent (null pour la racine ou le pied de message)
   */
  parent?: string | null;
  /**
   * Bloc d'en-tête issu de la feuille Header (S10.G00.00, S20.G00.05, S90.G00.90)
   */
  header?: boolean;
  cardinality: {
    min: number;
    max: number | '*';
    /**
     * inférée : absente de la table officielle
     */
    source?: 'officielle' | 'inférée';
  };
  renamedFrom?: string;
  rationale?: string;
  rubriques: Rubrique[];
}
export interface Rubrique {
  id: string;
  name: string;
  description?: string;
  technicalName?: string;
  datatype: string;
  usage?: {
    [k: string]: UsageCode;
  };
  /**
   * Présent quand les usages ne viennent pas du tableau officiel de la version mais sont inférés des tableaux des versions voisines (règle dans usages.rule de version.yaml)
   */
  usageProvenance?: {
    source: 'inférée';
    /**
     * Versions dont le tableau officiel des usages a donné ces usages, ex. [P25V01, P27V01]
     *
     * @minItems 1
     */
    from: [string, ...string[]];
  };
  controls?: Control[];
  /**
   * Identifiant de la rubrique dont celle-ci est le renommage
   */
  renamedFrom?: string;
  /**
   * Motif de la modification (versions en projet)
   */
  rationale?: string;
}
export interface Control {
  /**
   * ex. S21.G00.40.007/CCH-11
   */
  id: string;
  family: 'CCH' | 'SIG' | 'CSL' | 'CRE' | 'CME' | 'CST' | 'CID';
  /**
   * Texte de la règle (colonne Description de la feuille Messages)
   */
  rule: string;
  /**
   * Message affiché au déclarant
   */
  message: string;
  /**
   * Identifiant d'origine lorsqu'il a été normalisé
   */
  rawId?: string;
}

// --- check-output.schema.json
/**
 * Gravité d'un constat : bloquant (le fichier serait rejeté) ou non bloquant
 */
export type CheckSeverity = 'bloquant' | 'non bloquant';
/**
 * Équivalent de la gravité dans le vocabulaire de `norme validate` : error = bloquant, warning = non bloquant
 */
export type CheckLevel = 'error' | 'warning';

/**
 * Sortie JSON de `npx norme check <fichier> --format json` : l'auto-contrôle d'un fichier DSN ou PASRAU (constats, bilan, contrôles vérifiés ou non). Vocabulaire de gravité : celui des plateformes de dépôt, `bloquant` / `non bloquant` (champ `severity`) ; chaque constat porte aussi `level`, son équivalent dans le vocabulaire de `norme validate` (`error` pour bloquant, `warning` pour non bloquant).
 */
export interface CheckOutput {
  $schema: 'https://norme.example/schemas/check-output.schema.json';
  /**
   * Le fichier tel que donné
   */
  file: string;
  /**
   * Encodage détecté : UTF-8 ou ISO-8859-1
   */
  encoding?: string;
  /**
   * Version de la norme appliquée, ex. dsn/P26V01
   */
  version: string;
  versionLabel: string;
  /**
   * Version déclarée dans le fichier (absente si aucune)
   */
  declaredVersion?: string;
  lines: number;
  rubriques: number;
  declarations: number;
  envois: number;
  envelopeLines: number;
  natures: string[];
  findings: CheckFinding[];
  /**
   * Constats non gardés (limite --max), comptés dans le bilan
   */
  omittedFindings: number;
  counts: CheckCounts;
  verified: {
    controls: string[];
  };
  unverified: {
    byFamily: {
      [k: string]: number;
    };
    total: number;
    byRubrique: {
      rubrique: string;
      name: string;
      controls: string[];
    }[];
    notes: string[];
  };
  /**
   * Les règles du contrôleur, avec leur gravité
   */
  rules: {
    [k: string]: {
      severity: CheckSeverity;
      label: string;
    };
  };
  /**
   * (avec --next) Les constats que le fichier aurait avec la version suivante de la norme
   */
  next?: {
    version: string;
    versionLabel: string;
    from?: string;
    inferred?: boolean;
    current: string;
    findings: CheckFinding[];
    counts: CheckCounts;
    resolved: number;
    omittedFindings: number;
  };
}
export interface CheckFinding {
  /**
   * Ligne du fichier (à partir de 1)
   */
  line: number;
  /**
   * Rubrique en cause, ex. S21.G00.30.001
   */
  rubrique?: string;
  /**
   * Règle du contrôleur (voir `rules`)
   */
  rule: string;
  severity: CheckSeverity;
  level: CheckLevel;
  /**
   * En français, valeurs personnelles masquées
   */
  message: string;
  /**
   * Contrôle de la norme concerné, ex. S21.G00.06.001/CSL-11
   */
  control?: string;
  /**
   * (constats de `next`) version suivante, ex. dsn/P27V01
   */
  version?: string;
  /**
   * (constats de `next`) premier mois d'application de la version suivante
   */
  from?: string;
  /**
   * (constats de `next`) nature du changement de la norme qui produit le constat
   */
  change?: string;
}
export interface CheckCounts {
  bloquant: number;
  'non bloquant': number;
  byRule?: {
    [k: string]: number;
  };
  byChange?: {
    [k: string]: number;
  };
}

// --- consigne.schema.json
export type ConsigneTheme =
  | 'déclaration'
  | 'entreprise et établissement'
  | 'individu'
  | 'contrat de travail'
  | 'embauche'
  | 'temps de travail'
  | 'arrêt de travail'
  | 'fin de contrat'
  | 'rémunération'
  | 'cotisations'
  | 'prévoyance et retraite complémentaire'
  | 'prélèvement à la source'
  | 'évolutions de la norme';
export type Organisme =
  | 'Urssaf'
  | 'MSA'
  | 'AGIRC-ARRCO'
  | 'France Travail'
  | 'DGFiP'
  | 'Assurance maladie'
  | 'Organisme complémentaire'
  | 'IRCANTEC'
  | 'CNRACL'
  | 'CNIEG'
  | 'CAMIEG'
  | 'CRPCEN'
  | 'Caisses de congés payés'
  | 'Congés spectacles'
  | 'RAFP'
  | 'SRE';

/**
 * Métadonnées d'une fiche consigne : en-tête (frontmatter YAML) de consignes/<id>/fiche.mdx
 */
export interface ConsigneMeta {
  /**
   * Numéro de la fiche, égal au nom de son dossier
   */
  id: number;
  /**
   * Titre, formulé comme une question
   */
  title: string;
  /**
   * Résumé en une ou deux phrases (affiché dans les listes et utilisé par la recherche)
   */
  summary: string;
  /**
   * @minItems 1
   */
  themes: [ConsigneTheme, ...ConsigneTheme[]];
  /**
   * Organismes de protection sociale concernés
   */
  organismes?: Organisme[];
  /**
   * Natures de déclaration concernées (S20.G00.05.001), ex. "01", "10"
   */
  natures?: string[];
  /**
   * Famille de normes (dsn, pasrau)
   */
  family: string;
  /**
   * Versions de norme auxquelles s'applique la révision courante
   *
   * @minItems 1
   */
  versions: [string, ...string[]];
  /**
   * Blocs, rubriques, contrôles ou types de données dont traite la fiche (en plus de ceux cités dans le texte)
   */
  elements?: string[];
  /**
   * Mots clés pour la recherche
   */
  keywords?: string[];
  status: 'en vigueur' | 'remplacée' | 'abrogée';
  /**
   * Fiche qui remplace celle-ci (obligatoire si status: remplacée)
   */
  replacedBy?: number;
  /**
   * true : fiche d'exemple, qui ne constitue pas une consigne officielle
   */
  example: boolean;
  /**
   * Révisions, de la plus ancienne à la plus récente ; la dernière est la révision courante (texte de fiche.mdx)
   *
   * @minItems 1
   */
  revisions: [RevisionEntry, ...RevisionEntry[]];
}
export interface RevisionEntry {
  /**
   * Numéro de révision : 1, 2, 3… sans trou
   */
  revision: number;
  /**
   * Date de publication de la révision
   */
  published: string;
  /**
   * Date à partir de laquelle la révision s'applique
   */
  applies: string;
  /**
   * Ce qui a changé (pour la révision 1 : « Création de la fiche. »)
   */
  changes: string;
  /**
   * Titre de cette révision s'il différait du titre actuel
   */
  title?: string;
  /**
   * Versions de norme visées par cette révision si elles différaient des versions actuelles
   *
   * @minItems 1
   */
  versions?: [string, ...string[]];
}

// --- datatype.schema.json
/**
 * Un type de données ou une nomenclature : norm/<famille>/<version>/datatypes/<id>.yaml
 */
export interface Datatype {
  id: string;
  name?: string;
  description?: string;
  nature: 'Alphanumeric' | 'Numeric' | 'Date' | 'Enumeration' | 'ExternalReferential';
  /**
   * Expression régulière appliquée à la valeur entière (correspondance totale)
   */
  regexp?: string;
  minLength?: number;
  maxLength?: number;
  /**
   * Nom du référentiel externe (valeurs hors de la norme)
   */
  referential?: string;
  values?: {
    code: string;
    label: string;
  }[];
  renamedFrom?: string;
  rationale?: string;
}

// --- diff-output.schema.json
/**
 * Sortie JSON de `npx norme diff … --format json` : les changements entre deux versions ou éditions d'une norme, classés par le catalogue de règles (src/core/diff/rules.json). Avec --base sans version, la sortie est une liste de ces documents. Vocabulaire de gravité : celui des changements, `breaking` (cassant), `warning` (à examiner), `info`, `editorial` (rédactionnel) ; il classe des changements de la norme, pas des problèmes d'un fichier (voir check-output et validate-output).
 */
export type DiffOutput = DiffReport | DiffReport[];
/**
 * Gravité d'un changement : breaking (cassant), warning (à examiner), info, editorial (rédactionnel)
 */
export type DiffSeverity = 'breaking' | 'warning' | 'info' | 'editorial';
export type DiffElement = 'block' | 'rubrique' | 'datatype' | 'code-value' | 'control' | 'usage';
export type DiffParamValue = string | number | null;

export interface DiffReport {
  $schema: 'https://norme.example/schemas/diff-output.schema.json';
  /**
   * Base de la comparaison
   */
  from: DiffOutputSide | null;
  /**
   * Révision comparée à la base
   */
  to: DiffOutputSide | null;
  summary: DiffOutputSummary;
  /**
   * Ce qui n'a pas pu être comparé (ex. tableau des usages non publié)
   */
  notes: string[];
  /**
   * Libellé de chaque bloc cité par un changement
   */
  blockNames: {
    [k: string]: string;
  };
  changes: DiffOutputChange[];
}
export interface DiffOutputSide {
  /**
   * famille/version, ex. dsn/P26V01
   */
  key: string;
  family: string;
  version: string;
  /**
   * Édition du cahier technique de l'état comparé (dernière appliquée)
   */
  edition: string | null;
  editionDate: string | null;
  /**
   * Repère libre, ex. la référence git comparée
   */
  label?: string;
}
export interface DiffOutputSummary {
  total: number;
  bySeverity: {
    breaking: number;
    warning: number;
    info: number;
    editorial: number;
  };
  byElement: {
    block: number;
    rubrique: number;
    datatype: number;
    'code-value': number;
    control: number;
    usage: number;
  };
  byRule: {
    [k: string]: number;
  };
}
export interface DiffOutputChange {
  /**
   * Identifiant stable de la règle du catalogue, ex. rubrique-removed
   */
  rule: string;
  severity: DiffSeverity;
  element: DiffElement;
  /**
   * S21.G00.40.007, S21.G00.40, DSN_NatureContrat, DSN_Ref_Code_Cotis#105, S21.G00.40.007/CCH-11, S21.G00.40.007@01
   */
  id: string;
  block?: string;
  /**
   * Rubriques qui utilisent le type de données
   */
  usedBy?: string[];
  from?: DiffParamValue;
  to?: DiffParamValue;
  params: {
    [k: string]: DiffParamValue;
  };
  /**
   * Message du catalogue rendu avec params (français)
   */
  message: string;
  rationale?: string;
  /**
   * Entrée du journal de maintenance à l'origine du changement
   */
  journal?: string;
}

// --- family.schema.json
/**
 * Une famille de normes (DSN, PASRAU) : norm/<famille>/family.yaml
 */
export interface Family {
  /**
   * Identifiant court, égal au nom du dossier (dsn, pasrau)
   */
  id: string;
  /**
   * Nom affiché
   */
  name: string;
  /**
   * Nom du message dans la feuille Header (DSN, NEORAU…)
   */
  message: string;
  description?: string;
  /**
   * Rubrique portant la version de norme dans un fichier (S10.G00.00.006)
   */
  versionDeclaredIn?: string;
  /**
   * Rubrique portant le mois principal déclaré (S20.G00.05.005)
   */
  monthDeclaredIn?: string;
  /**
   * Rubrique portant la nature de déclaration (S20.G00.05.001)
   */
  natureDeclaredIn?: string;
}

// --- feed.schema.json
/**
 * Adresse absolue (ou relative au site si son adresse n'est pas configurée)
 */
export type FeedUrl = string;

/**
 * Le flux JSON du site (/flux.json), au format JSON Feed 1.1 (https://jsonfeed.org/version/1.1), à côté de /flux.xml : nouvelles versions, éditions du cahier technique, entrées du journal de maintenance et révisions des fiches, de la plus récente à la plus ancienne. L'extension « _norme » dit de quoi parle chaque entrée.
 */
export interface Feed {
  version: 'https://jsonfeed.org/version/1.1';
  title: string;
  home_page_url: FeedUrl;
  feed_url: FeedUrl;
  description: string;
  language: 'fr-FR';
  items: FeedItem[];
}
export interface FeedItem {
  /**
   * Identifiant stable de l'annonce, ex. version:dsn/P27V01, edition:dsn/P26V01@2026.1.0.5
   */
  id: string;
  url: FeedUrl;
  title: string;
  content_text: string;
  /**
   * RFC 3339 ; le jour seul est connu (minuit UTC)
   */
  date_published: string;
  tags: string[];
  _norme: {
    kind: 'version' | 'edition' | 'journal' | 'fiche';
    family?: string;
    /**
     * Identifiant de la version (P27V01)
     */
    version?: string;
    edition?: string;
    fiche?: number;
    /**
     * Adresse absolue (ou relative au site si son adresse n'est pas configurée)
     */
    exports?: string;
    /**
     * true : donnée d'exemple, pas une donnée officielle
     */
    example: boolean;
  };
}

// --- journal-entry.schema.json
/**
 * Valeur précédente annoncée : vérifiée au chargement (null : absente)
 */
export type JournalScalar = string | number | null;
/**
 * Nouvelle valeur (null : supprimer l'attribut)
 */
export type JournalScalar1 = string | number | null;

/**
 * Une entrée du journal de maintenance de la norme (JMN) : norm/<famille>/<version>/journal/<id>.yaml. Une version publiée est figée ; elle n'est modifiée que par ces entrées, appliquées dans l'ordre des éditions qu'elles produisent. Les champs obligatoires de chaque opération sont vérifiés au chargement.
 */
export interface JournalEntry {
  /**
   * Identifiant de l'entrée, égal au nom du fichier (ex. JMN-2026-001)
   */
  id: string;
  /**
   * Date de publication de l'entrée (AAAA-MM-JJ du calendrier)
   */
  date: string;
  kind: 'anomalie' | 'évolution' | 'précision';
  title: string;
  explanation: string;
  /**
   * Édition du cahier technique produite par l'entrée (déclarée dans version.yaml)
   */
  edition: string;
  /**
   * Premier mois principal déclaré concerné, si différent de la version
   */
  effective?: string;
  /**
   * Entrée d'exemple, inventée pour illustrer : affichée avec un badge « exemple », jamais pour les données officielles
   */
  example?: boolean;
  /**
   * Document officiel d'où vient l'entrée (JMN publié)
   */
  source?: string;
  /**
   * @minItems 1
   */
  operations: [JournalOperation, ...JournalOperation[]];
}
export interface JournalOperation {
  /**
   * set : modifier un attribut (element, id, field, from, to) ; add-code / remove-code / relabel-code : valeur d'une nomenclature (datatype, code, label ou from/to) ; add-control (control) / remove-control (id) ; add-rubrique (rubrique) / remove-rubrique (id)
   */
  op:
    | 'set'
    | 'add-code'
    | 'remove-code'
    | 'relabel-code'
    | 'add-control'
    | 'remove-control'
    | 'add-rubrique'
    | 'remove-rubrique';
  /**
   * Élément modifié par set
   */
  element?: 'block' | 'rubrique' | 'datatype' | 'control';
  /**
   * Élément visé (set, remove-control, remove-rubrique)
   */
  id?: string;
  /**
   * Attribut modifié par set : bloc (name, description, parent, cardinality.min, cardinality.max), rubrique (name, description, technicalName, datatype, usage.NN), type (name, description, nature, regexp, minLength, maxLength, referential), contrôle (rule, message)
   */
  field?: string;
  from?: JournalScalar;
  to?: JournalScalar1;
  /**
   * Nomenclature visée (add-code, remove-code, relabel-code)
   */
  datatype?: string;
  code?: string;
  /**
   * Libellé du code ajouté, ou libellé annoncé du code retiré
   */
  label?: string;
  control?: JournalControl;
  rubrique?: JournalRubrique;
  note?: string;
}
export interface JournalControl {
  id: string;
  family: 'CCH' | 'SIG' | 'CSL' | 'CRE' | 'CME' | 'CST' | 'CID';
  rule: string;
  message: string;
}
export interface JournalRubrique {
  id: string;
  name: string;
  description?: string;
  technicalName?: string;
  datatype: string;
  usage?: {
    [k: string]: 'O' | 'C' | 'I' | 'N' | 'F';
  };
  controls?: JournalControl[];
}

// --- list-output.schema.json
/**
 * Sortie JSON de `npx norme list --format json` : les familles du registre, leurs versions (statut, applicabilité, éditions du cahier technique) et leurs effectifs. Aucune gravité : la liste ne porte pas de diagnostic (un registre invalide fait échouer la commande, voir validate-output).
 */
export interface ListOutput {
  $schema: 'https://norme.example/schemas/list-output.schema.json';
  families: ListFamily[];
}
export interface ListFamily {
  /**
   * ex. dsn
   */
  id: string;
  name: string;
  versions: ListVersion[];
}
export interface ListVersion {
  /**
   * ex. P26V01
   */
  id: string;
  /**
   * draft (en projet), published (publiée), retired (retirée)
   */
  status: 'draft' | 'published' | 'retired';
  /**
   * Version précédente dans la famille
   */
  previous: string | null;
  /**
   * Mois principaux déclarés concernés (format de version.schema.json), ou null si inconnue
   */
  applicability: {
    from: string;
    to?: string;
    source: 'texte officiel' | 'inférée';
    [k: string]: unknown;
  } | null;
  /**
   * Éditions du cahier technique (format de version.schema.json)
   */
  editions: {
    id: string;
    date: string;
    [k: string]: unknown;
  }[];
  counts: {
    blocks: number;
    rubriques: number;
    datatypes: number;
    controls: number;
  };
}

// --- releases.schema.json
/**
 * Adresse absolue (ou relative au site si son adresse n'est pas configurée)
 */
export type ReleaseUrl = string;
export type ReleaseDate = string;
export type ReleaseMonth = string;

/**
 * La liste des versions publiée par le site (/releases.json) : pour chaque famille, la version applicable au mois de construction et celles à venir ; pour chaque version, son statut, ses éditions du cahier technique, son applicabilité, ses effectifs et les adresses de ses pages et téléchargements.
 */
export interface Releases {
  $schema: 'https://norme.example/schemas/releases.schema.json';
  /**
   * Date de construction du site
   */
  generated: string;
  /**
   * Mois de référence (« aujourd'hui ») des champs current et upcoming
   */
  month: string;
  families: ReleasesFamily[];
  releases: Release[];
}
export interface ReleasesFamily {
  id: string;
  name: string;
  message: string;
  /**
   * Version applicable au mois `month`, ou null
   */
  current: string | null;
  /**
   * Versions dont l'applicabilité commence après `month`, la plus proche d'abord
   */
  upcoming: string[];
  links: {
    page: ReleaseUrl;
    /**
     * Adresse absolue (ou relative au site si son adresse n'est pas configurée)
     */
    months: string;
  };
}
export interface Release {
  family: string;
  version: string;
  name: string;
  status: 'draft' | 'published' | 'retired';
  /**
   * true : version d'exemple, pas une donnée officielle
   */
  example: boolean;
  previous: string | null;
  /**
   * Date de publication de la version : celle de sa première édition du cahier technique (null sans édition)
   */
  published: ReleaseDate | null;
  /**
   * Date de publication de sa dernière édition (null sans édition)
   */
  updated: ReleaseDate | null;
  /**
   * Éditions du cahier technique, de la plus ancienne à la plus récente
   */
  editions: {
    id: string;
    /**
     * Date de publication (révision) de l'édition
     */
    date: string;
    note?: string;
  }[];
  applicability: null | {
    from: ReleaseMonth;
    to: ReleaseMonth | null;
    /**
     * true : fin déduite du début de la version suivante
     */
    toDerived: boolean;
    /**
     * « texte officiel » ou « inférée »
     */
    source: string | null;
  };
  counts: {
    blocks: number;
    rubriques: number;
    datatypes: number;
    values: number;
    controls: number;
    controlsByFamily: {
      [k: string]: number;
    };
  };
  links: {
    page: ReleaseUrl;
    json: ReleaseUrl;
    csv: ReleaseUrl;
    controls: ReleaseUrl;
    journal: ReleaseUrl;
    diffFromPrevious: ReleaseDiffLinks | null;
  };
  /**
   * Adresses stables des exports de la version : elles ne changent pas d'une édition à l'autre (le contenu suit la dernière édition ; « updated » dit de quand elle date)
   */
  exports: {
    /**
     * Adresse absolue (ou relative au site si son adresse n'est pas configurée)
     */
    json: string;
    /**
     * Adresse absolue (ou relative au site si son adresse n'est pas configurée)
     */
    csv: string;
    /**
     * Adresse absolue (ou relative au site si son adresse n'est pas configurée)
     */
    checkModel: string;
    /**
     * Adresse absolue (ou relative au site si son adresse n'est pas configurée)
     */
    schema: string;
  };
}
export interface ReleaseDiffLinks {
  page: ReleaseUrl;
  json: ReleaseUrl;
  csv: ReleaseUrl;
  md: ReleaseUrl;
}

// --- validate-output.schema.json
/**
 * error (erreur), warning (avertissement), info
 */
export type ValidationSeverity = 'error' | 'warning' | 'info';

/**
 * Sortie JSON de `npx norme validate --format json` : les diagnostics du registre (YAML, schémas, références) et des fiches consignes. Vocabulaire de gravité : celui des diagnostics, `error` (erreur : le registre est refusé), `warning` (avertissement), `info` ; `error` correspond au `bloquant` de `norme check`, `warning` à son `non bloquant`.
 */
export interface ValidateOutput {
  $schema: 'https://norme.example/schemas/validate-output.schema.json';
  diagnostics: ValidationDiagnostic[];
  counts: {
    error: number;
    warning: number;
    info: number;
  };
  /**
   * = counts.error (gardé pour les outils existants)
   */
  errors: number;
  /**
   * = counts.warning (gardé pour les outils existants)
   */
  warnings: number;
}
export interface ValidationDiagnostic {
  /**
   * Chemin relatif à la racine du registre, avec des /
   */
  file?: string;
  line?: number;
  column?: number;
  severity: ValidationSeverity;
  /**
   * Identifiant stable de la règle, ex. unknown-datatype
   */
  rule: string;
  /**
   * En français
   */
  message: string;
  /**
   * Que faire (en français)
   */
  hint?: string;
}

// --- version-export.schema.json
/**
 * Une version complète de la norme, telle que la publient `npx norme export` et le site (/<famille>/<version>.json) : ses métadonnées, ses blocs dans l'ordre de l'arborescence (rubriques, contrôles et usages inclus) et ses types de données. Chaque partie suit le schéma du fichier YAML correspondant du registre.
 */
export interface VersionExport {
  $schema: 'https://norme.example/schemas/version-export.schema.json';
  /**
   * Identifiant de la famille (dsn, pasrau)
   */
  family: string;
  version: Version;
  /**
   * Les blocs (norm/<famille>/<version>/blocks/*.yaml)
   */
  blocks: Block[];
  /**
   * Les types de données, par identifiant (norm/<famille>/<version>/datatypes/*.yaml)
   */
  datatypes: Datatype[];
}

// --- version.schema.json
/**
 * un mois AAAA-MM (01 à 12)
 */
export type YearMonth = string;
/**
 * une date AAAA-MM-JJ du calendrier
 */
export type IsoDate = string;

/**
 * Métadonnées d'une version de norme : norm/<famille>/<version>/version.yaml
 */
export interface Version {
  /**
   * Identifiant de version, égal au nom du dossier (P26V01)
   */
  id: string;
  family: string;
  /**
   * Libellé (Année 2026 Version 1)
   */
  name: string;
  status: 'draft' | 'published' | 'retired';
  /**
   * Version précédente dans la famille
   */
  previous?: string | null;
  /**
   * Version d'exemple (jamais pour les données officielles)
   */
  example?: boolean;
  editions: Edition[];
  applicability?: {
    /**
     * Premier mois principal déclaré (S20.G00.05.005) concerné
     */
    from: string;
    /**
     * Dernier mois principal déclaré concerné (absent : jusqu'à la version suivante)
     */
    to?: string;
    source: 'texte officiel' | 'inférée';
    note?: string;
    /**
     * Écart assumé avant cette version (versions absentes du registre) : pourquoi. Sans lui, un mois non couvert est signalé.
     */
    gapBefore?: string;
  };
  /**
   * Éléments décrits dans la version mais utilisables plus tard
   */
  activations?: {
    /**
     * ex. DSN_Declaration_Nature#10
     */
    element: string;
    from: YearMonth;
    note: string;
    source?: string;
  }[];
  usages: {
    /**
     * inféré : pas de tableau officiel pour la version, usages déduits des tableaux des versions voisines (inferredFrom, rule)
     */
    status: 'publié' | 'inféré' | 'non publié';
    natures?: {
      code: string;
      label: string;
    }[];
    source?: string;
    /**
     * Tableaux officiels des versions voisines dont les usages sont inférés
     */
    inferredFrom?: {
      version: string;
      source: string;
    }[];
    /**
     * Règle d'inférence appliquée par l'import
     */
    rule?: string;
    /**
     * Rubriques ayant reçu au moins un usage inféré
     */
    inferred?: number;
    /**
     * Rubriques sans usage inférable (restées non publiées)
     */
    undetermined?: number;
  };
  provenance: {
    importedBy?: string;
    sources: Source[];
    cleanups?: Cleanup[];
    note?: string;
  };
}
export interface Edition {
  /**
   * Édition du cahier technique, ex. 2026.1.0.5
   */
  id: string;
  /**
   * Date de révision
   */
  date: string;
  note?: string;
}
export interface Source {
  /**
   * Nom du fichier officiel (jamais committé)
   */
  file: string;
  kind: 'datatypes' | 'usages';
  /**
   * Où la copie a été trouvée
   */
  origin?: string;
  edition?: string;
  revision?: IsoDate;
  sha256?: string;
}
export interface Cleanup {
  kind: string;
  count: number;
  description: string;
  examples?: string[];
}

// --- manifest.schema.json
/**
 * une date AAAA-MM-JJ
 */
export type ManifestDate = string;
/**
 * un mois AAAA-MM (01 à 12)
 */
export type ManifestMonth = string;

/**
 * Manifeste d'import des tables officielles : seeds/import-manifest.yaml
 */
export interface ImportManifest {
  families: ManifestFamily[];
}
export interface ManifestFamily {
  id: string;
  name: string;
  /**
   * Nom du message attendu dans la feuille Header
   */
  message: string;
  description?: string;
  versionDeclaredIn?: string;
  monthDeclaredIn?: string;
  natureDeclaredIn?: string;
  /**
   * Type de données dont la valeur <id de version> donne le libellé de la version
   */
  versionDatatype: string;
  versions: ManifestVersion[];
}
export interface ManifestVersion {
  id: string;
  status: 'draft' | 'published' | 'retired';
  previous: string | null;
  datatypes: ManifestSource;
  usages?: ManifestSource;
  /**
   * Édition à utiliser quand la source n'a pas de feuille Standard
   */
  edition?: {
    id: string;
    date: ManifestDate;
    note?: string;
  };
  applicability?: {
    from: ManifestMonth;
    to?: ManifestMonth;
    source: 'texte officiel' | 'inférée';
    note?: string;
    gapBefore?: string;
  };
  activations?: ManifestActivation[];
  provenanceNote?: string;
  /**
   * Comptes attendus (tables officielles) : un écart est une erreur d'import
   */
  expect?: {
    /**
     * Blocs de la feuille Blocks (sans les blocs d'en-tête)
     */
    blocks?: number;
    headerBlocks?: number;
    rubriques?: number;
    datatypes?: number;
    values?: number;
    controls?: number;
  };
}
export interface ManifestSource {
  /**
   * xlsx : classeur officiel ; csv : exports CSV d'un classeur (un fichier par feuille) ; coog : CSV `;` des modules Coog
   */
  format: 'xlsx' | 'csv' | 'coog';
  /**
   * Fichier (xlsx) ou dossier (csv, coog), relatif au dossier des sources
   */
  path: string;
  /**
   * csv/coog : nom du fichier de chaque feuille
   */
  files?: {
    standard?: string;
    header?: string;
    datatypes?: string;
    blocks?: string;
    fields?: string;
    messages?: string;
    usages?: string;
  };
  separator?: string;
  /**
   * Où la copie a été trouvée (texte repris dans provenance)
   */
  origin: string;
  /**
   * Édition lorsque la source ne la donne pas (ex. table des usages CT2025.1)
   */
  edition?: string;
}
export interface ManifestActivation {
  /**
   * <type de données>#<code> : ignoré (avec un avertissement) si la valeur n'existe pas dans la version
   */
  element: string;
  from: ManifestMonth;
  note: string;
  source?: string;
}

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

// --- version.schema.json
export type YearMonth = string;
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
    status: 'publié' | 'non publié';
    natures?: {
      code: string;
      label: string;
    }[];
    source?: string;
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

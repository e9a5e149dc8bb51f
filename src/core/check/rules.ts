/**
 * Rules of the file checker, with their severity. One table, documented in the README:
 * structure, datatype, key and mandatory-usage errors are « bloquant » (a platform would reject
 * the file); what only looks suspicious is « non bloquant » (like the norm's SIG controls).
 */
export type Severity = 'bloquant' | 'non bloquant';

/**
 * The same severity in the vocabulary of `norme validate` (Diagnostic): `level` of each finding
 * in the JSON outputs (check-output.schema.json), for tools that read both.
 */
export const SEVERITY_LEVEL: Record<Severity, 'error' | 'warning'> = { bloquant: 'error', 'non bloquant': 'warning' };
/** CSS class of a finding's severity in the HTML reports (`norme check --format html`, /autocontrole/). */
export const SEVERITY_CLASS: Record<Severity, 'b' | 'nb'> = { bloquant: 'b', 'non bloquant': 'nb' };

export type RuleId =
  | 'line-syntax'
  | 'line-trailing-space'
  | 'value-charset'
  | 'empty-line'
  | 'unknown-rubrique'
  | 'rubrique-order'
  | 'block-parent'
  | 'block-min'
  | 'block-max'
  | 'value-length'
  | 'value-format'
  | 'value-code'
  | 'value-date'
  | 'usage-mandatory'
  | 'usage-forbidden'
  | 'usage-unused'
  | 'total-rubriques'
  | 'total-declarations'
  | 'key-siren'
  | 'key-siret'
  | 'key-nic'
  | 'key-iban'
  | 'key-bban'
  | 'calendar';

export interface RuleInfo {
  severity: Severity;
  /** French one-line description (README, HTML report legend). */
  label: string;
}

export const RULES: Record<RuleId, RuleInfo> = {
  'line-syntax': { severity: 'bloquant', label: "ligne qui n'a pas la forme S21.G00.30.001,'valeur'" },
  'line-trailing-space': { severity: 'bloquant', label: "espaces après l'apostrophe fermante de la valeur" },
  'value-charset': { severity: 'bloquant', label: "caractère Windows-1252 absent d'ISO-8859-1 (fichier lu en ISO-8859-1)" },
  'empty-line': { severity: 'non bloquant', label: 'ligne vide' },
  'unknown-rubrique': { severity: 'bloquant', label: "rubrique absente de la version de la norme" },
  'rubrique-order': { severity: 'bloquant', label: 'rubrique placée après les blocs enfants de son bloc' },
  'block-parent': { severity: 'bloquant', label: "bloc qui n'est pas sous son bloc parent" },
  'block-min': { severity: 'bloquant', label: 'bloc obligatoire absent (cardinalité minimale)' },
  'block-max': { severity: 'bloquant', label: 'bloc répété trop souvent (cardinalité maximale)' },
  'value-length': { severity: 'bloquant', label: 'longueur hors des bornes du type de données' },
  'value-format': { severity: 'bloquant', label: 'valeur non conforme au format (expression régulière) du type' },
  'value-code': { severity: 'bloquant', label: 'valeur absente de la liste de codes' },
  'value-date': { severity: 'bloquant', label: 'date inexistante dans le calendrier' },
  'usage-mandatory': { severity: 'bloquant', label: 'rubrique obligatoire (usage O) absente pour la nature déclarée' },
  'usage-forbidden': { severity: 'bloquant', label: 'rubrique interdite (usage I) présente pour la nature déclarée' },
  'usage-unused': { severity: 'non bloquant', label: 'rubrique non utilisée (usage N) présente pour la nature déclarée' },
  'total-rubriques': { severity: 'bloquant', label: 'nombre total de rubriques déclaré différent du nombre de lignes' },
  'total-declarations': { severity: 'bloquant', label: 'nombre de déclarations déclaré différent du nombre de blocs déclaration' },
  'key-siren': { severity: 'bloquant', label: 'clé SIREN (Luhn) invalide' },
  'key-siret': { severity: 'bloquant', label: 'clé SIRET (Luhn, exception La Poste) invalide' },
  'key-nic': { severity: 'bloquant', label: 'clé NIC invalide (SIREN + NIC ne forment pas un SIRET valide)' },
  'key-iban': { severity: 'bloquant', label: 'clé IBAN (modulo 97) invalide' },
  'key-bban': { severity: 'bloquant', label: 'clé RIB du BBAN français invalide' },
  'calendar': { severity: 'bloquant', label: 'date hors calendrier (contrôle CSL « contraintes calendaires »)' },
};

export const SEVERITY_RANK: Record<Severity, number> = { bloquant: 2, 'non bloquant': 1 };

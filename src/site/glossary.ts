/**
 * The words of the norms, in plain French: the glossary page (/glossaire/) lists them, and
 * the pages link a term to its entry (`glossaryLink` of render/markup.ts, anchor = `id`).
 */
export interface GlossaryEntry {
  id: string;
  term: string;
  definition: string;
  /** Other words the entry covers (shown after the term). */
  also?: string;
}

export const GLOSSARY: GlossaryEntry[] = [
  { id: 'dsn', term: 'DSN', also: 'déclaration sociale nominative', definition: "Déclaration mensuelle, par chaque employeur, des salaires, cotisations et événements (arrêt de travail, fin de contrat…) de ses salariés, transmise en un seul fichier aux organismes sociaux." },
  { id: 'pasrau', term: 'PASRAU', also: 'prélèvement à la source pour les revenus autres', definition: "Déclaration des organismes qui versent des revenus de remplacement (indemnités, pensions…) soumis au prélèvement à la source de l'impôt sur le revenu." },
  { id: 'norme', term: 'Norme, version', definition: 'Le format du fichier déclaratif, publié chaque année (P26V01 : version 1 de la norme 2026). Une version s\'applique à des mois principaux déclarés.' },
  { id: 'cahier-technique', term: 'Cahier technique', also: 'édition', definition: "Document officiel qui décrit une version de la norme ; il est republié en éditions successives (2026.1.0.5…). En cas de doute, c'est lui qui fait foi, pas ce site." },
  { id: 'mois-principal-declare', term: 'Mois principal déclaré', definition: 'Le mois auquel se rapporte une déclaration (rubrique S20.G00.05.005) ; c\'est lui qui détermine la version de la norme à utiliser, pas la date d\'envoi.' },
  { id: 'bloc', term: 'Bloc', definition: 'Groupe de rubriques qui décrit une chose : l\'entreprise, un salarié, un contrat, une rémunération… Son identifiant a la forme S21.G00.40.' },
  { id: 'rubrique', term: 'Rubrique', definition: 'Une information du fichier, dans un bloc : la date de début du contrat, la nature du contrat… Son identifiant prolonge celui de son bloc : S21.G00.40.007.' },
  { id: 'cardinalite', term: 'Cardinalité', definition: 'Combien de fois un bloc peut figurer dans son bloc parent : « 0..1 » (au plus une fois, facultatif), « 1..1 » (exactement une fois), « 0..* » (autant que nécessaire).' },
  { id: 'nature', term: 'Nature de déclaration', definition: 'Le genre de déclaration envoyée : 01 DSN mensuelle, 04 signalement arrêt de travail, 07 fin de contrat… Chaque nature a ses propres usages des rubriques.' },
  { id: 'usage', term: 'Usage', definition: "Pour une nature de déclaration, ce qu'il faut faire d'une rubrique : obligatoire (à renseigner), conditionnelle (à renseigner si la situation se présente), facultative, interdite (ne doit pas figurer) ou non utilisée." },
  { id: 'type-de-donnees', term: 'Type de données', definition: 'La forme attendue de la valeur d\'une rubrique : texte, nombre, date (JJMMAAAA), avec ses longueurs et son format.' },
  { id: 'nomenclature', term: 'Nomenclature', also: 'liste de valeurs', definition: "Liste fermée des codes admis pour une rubrique (par exemple « 01 » contrat à durée indéterminée), avec leur libellé." },
  { id: 'expression-reguliere', term: 'Expression régulière', also: 'format', definition: "Notation qui décrit les valeurs admises caractère par caractère ; les pages en donnent toujours un exemple de valeur conforme (« par exemple 15012026 » pour une date)." },
  { id: 'controle', term: 'Contrôle', definition: "Règle vérifiée à la réception du fichier, avec le message affiché au déclarant quand elle n'est pas respectée (familles CCH cohérence, CSL syntaxe et clés, SIG signalement…)." },
  { id: 'jmn', term: 'JMN', also: 'journal de maintenance de la norme', definition: 'Les corrections apportées à une version déjà publiée, entre deux éditions du cahier technique.' },
  { id: 'note-differentielle', term: 'Note différentielle', definition: "La liste de ce qui change d'une version à la suivante : rubriques ajoutées ou supprimées, codes nouveaux, contrôles modifiés…" },
  { id: 'gravite', term: 'Gravité', also: 'cassant, à examiner, rédactionnel', definition: "L'effet d'un changement pour un logiciel de paie : « cassant » (un fichier valide peut devenir refusé), « à examiner » (à vérifier), « rédactionnel » (texte seulement)." },
  { id: 'inferee', term: 'Inférée, déduite', definition: "Une information que les tables officielles ne donnent pas et que le registre déduit (des versions voisines, d'une règle connue) ; elle est toujours signalée comme telle et reste à vérifier dans le cahier technique." },
  { id: 'activation', term: 'Activation différée', definition: "Un élément décrit dans une version mais utilisable seulement à partir d'un mois plus tardif (par exemple la nature 10, DPAE, à partir de janvier 2027)." },
  { id: 'fiche-consigne', term: 'Fiche consigne', definition: 'Une réponse officielle à une question de remplissage (net-entreprises.fr), avec les rubriques et versions concernées.' },
];

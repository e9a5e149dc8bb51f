const ENGINE_FR: Array<[RegExp, string]> = [
  [/Unterminated group/i, 'groupe non fermé (parenthèse manquante)'],
  [/Unmatched '\)'/i, 'parenthèse fermante en trop'],
  [/Nothing to repeat/i, 'quantificateur (*, +, ?, {n}) sans élément à répéter'],
  [/Unterminated character class/i, 'classe de caractères non fermée (crochet manquant)'],
  [/Lone quantifier brackets/i, 'accolade isolée'],
  [/Invalid escape/i, 'échappement invalide'],
  [/numbers out of order/i, 'bornes de quantificateur dans le désordre'],
  [/Range out of order/i, 'intervalle de caractères dans le désordre'],
  [/Incomplete quantifier/i, 'quantificateur incomplet'],
  [/Invalid (capture )?group name|Duplicate capture group name/i, 'nom de groupe invalide ou en double'],
  [/Invalid group/i, 'groupe invalide'],
  [/Invalid (property name|class escape|Unicode escape|named reference|decimal escape)/i, 'échappement invalide'],
  [/Invalid class|Invalid character class/i, 'classe de caractères invalide'],
  [/Unterminated|Unmatched/i, 'expression non terminée'],
];

/** Compile a norm regexp as a full match (the official tables give them unanchored). */
export function compileFullMatch(source: string): { ok: true; re: RegExp } | { ok: false; error: string } {
  try {
    return { ok: true, re: new RegExp(`^(?:${source})$`, 'u') };
  } catch (err) {
    const raw = (err as Error).message;
    const reason = raw.slice(raw.lastIndexOf(': ') + 2);
    const fr = ENGINE_FR.find(([re]) => re.test(reason));
    // Never the engine's English text: an unlisted reason is a generic French one.
    return { ok: false, error: fr ? fr[1] : 'syntaxe invalide' };
  }
}

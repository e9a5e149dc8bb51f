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
];

/** Compile a norm regexp as a full match (the official tables give them unanchored). */
export function compileFullMatch(source: string): { ok: true; re: RegExp } | { ok: false; error: string } {
  try {
    return { ok: true, re: new RegExp(`^(?:${source})$`, 'u') };
  } catch (err) {
    const raw = (err as Error).message;
    const reason = raw.slice(raw.lastIndexOf(': ') + 2);
    const fr = ENGINE_FR.find(([re]) => re.test(reason));
    return { ok: false, error: fr ? fr[1] : reason };
  }
}

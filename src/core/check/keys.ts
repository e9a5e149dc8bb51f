/**
 * Key computations behind the CSL controls "[(vérification de la clé …)]".
 * Pure functions, no I/O: usable in the browser.
 */

/** Luhn checksum over a digit string (true when valid). */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    const c = digits.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return false;
    let d = c;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}

/** The digit to append to `body` so that `body + digit` passes Luhn. */
export function luhnDigit(body: string): string {
  for (let d = 0; d <= 9; d++) if (luhnValid(body + d)) return String(d);
  throw new Error(`luhnDigit: corps non numérique « ${body} »`);
}

const DIGITS = /^[0-9]+$/;

/** SIREN key: 9 digits, Luhn. */
export function sirenValid(siren: string): boolean {
  return siren.length === 9 && DIGITS.test(siren) && luhnValid(siren);
}

/**
 * La Poste's SIREN. INSEE rule [third-party, not in the norm texts]: the SIRETs of La Poste's
 * establishments do not follow Luhn; their digit sum is a multiple of 5 instead (the head office
 * 356 000 000 00048 happens to satisfy both).
 */
export const LA_POSTE_SIREN = '356000000';

/** SIRET key: 14 digits, Luhn, with La Poste's exception. */
export function siretValid(siret: string): boolean {
  if (siret.length !== 14 || !DIGITS.test(siret)) return false;
  if (luhnValid(siret)) return true;
  if (siret.startsWith(LA_POSTE_SIREN)) {
    let sum = 0;
    for (let i = 0; i < 14; i++) sum += siret.charCodeAt(i) - 48;
    return sum % 5 === 0;
  }
  return false;
}

/** Letters → digits for the French RIB key (A,J→1 … I,R,Z→9). */
function ribDigit(ch: string): string {
  const c = ch.charCodeAt(0);
  if (c >= 48 && c <= 57) return ch;
  const u = ch.toUpperCase().charCodeAt(0) - 65;
  if (u < 0 || u > 25) return '?';
  // A-I → 1-9, J-R → 1-9, S-Z → 2-9
  if (u < 9) return String(u + 1);
  if (u < 18) return String(u - 8);
  return String(u - 16);
}

/** n mod 97 for a long digit string. */
function mod97(digits: string): number {
  let r = 0;
  for (let i = 0; i < digits.length; i += 7) r = Number(String(r) + digits.slice(i, i + 7)) % 97;
  return r;
}

/** IBAN key (ISO 13616, mod 97 = 1). */
export function ibanValid(iban: string): boolean {
  if (!/^[A-Z]{2}[0-9]{2}[A-Z0-9]{10,30}$/.test(iban)) return false;
  const moved = iban.slice(4) + iban.slice(0, 4);
  let num = '';
  for (const ch of moved) {
    const c = ch.charCodeAt(0);
    num += c >= 65 ? String(c - 55) : ch;
  }
  return mod97(num) === 1;
}

/** Countries whose IBAN carries a French BBAN (RIB: banque 5, guichet 5, compte 11, clé 2). */
const FRENCH_BBAN = new Set(['FR', 'MC', 'GP', 'MQ', 'GF', 'RE', 'PM', 'YT', 'NC', 'PF', 'WF', 'BL', 'MF', 'TF']);

/**
 * BBAN key of an IBAN. Only French-format BBANs (RIB key) can be computed; returns undefined
 * when the IBAN's country uses another format (the key is then not verifiable here).
 */
export function bbanValid(iban: string): boolean | undefined {
  if (!FRENCH_BBAN.has(iban.slice(0, 2)) || iban.length !== 27) return undefined;
  const bban = iban.slice(4);
  if (!/^[0-9]{10}[A-Z0-9]{11}[0-9]{2}$/.test(bban)) return false;
  return ribKey(bban.slice(0, 5), bban.slice(5, 10), bban.slice(10, 21)) === bban.slice(21);
}

/** French RIB key of (banque, guichet, compte). */
export function ribKey(banque: string, guichet: string, compte: string): string {
  const c = [...compte].map(ribDigit).join('');
  const r = (89 * mod97(banque) + 15 * mod97(guichet) + 3 * mod97(c)) % 97;
  return String(97 - r).padStart(2, '0');
}

/** Builds an IBAN from country + BBAN (check digits computed). */
export function makeIban(country: string, bban: string): string {
  let num = '';
  for (const ch of bban + country + '00') {
    const c = ch.charCodeAt(0);
    num += c >= 65 ? String(c - 55) : ch;
  }
  return country + String(98 - mod97(num)).padStart(2, '0') + bban;
}

export type KeyKindName = 'siren' | 'siret' | 'nic' | 'siren-of-siret' | 'iban' | 'bban';

/**
 * Verdict of a key check: true valid, false invalid, undefined not computable (value not in the
 * expected shape — the datatype checks report that —, missing or wrong SIREN for a NIC, foreign BBAN).
 */
export function keyVerdict(kind: KeyKindName, value: string, siren?: string): boolean | undefined {
  switch (kind) {
    case 'siren':
      return /^[0-9]{9}$/.test(value) ? sirenValid(value) : undefined;
    case 'siren-of-siret':
      return /^[0-9]{14}$/.test(value) ? sirenValid(value.slice(0, 9)) : undefined;
    case 'siret':
      return /^[0-9]{14}$/.test(value) ? siretValid(value) : undefined;
    case 'nic':
      // A wrong SIREN is reported on its own line; the NIC cannot be judged against it.
      return siren !== undefined && sirenValid(siren) && /^[0-9]{5}$/.test(value) ? siretValid(siren + value) : undefined;
    case 'iban':
      return /^[A-Z]{2}[0-9]{2}/.test(value) ? ibanValid(value) : undefined;
    case 'bban':
      return /^[A-Z]{2}[0-9]{2}/.test(value) ? bbanValid(value) : undefined;
  }
}

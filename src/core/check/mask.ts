/**
 * Masking of personal values in reports. A rubrique is flagged `masked` by buildCheckModel
 * (NIR, names, first names, birth dates and places, NTT, matricule, contact details, and every
 * free value of a block that describes a person). Masked values never reach a report: only
 * their length is shown.
 */
const MAX_SHOWN = 60;

export function maskedText(value: string): string {
  return `(valeur masquée, ${value.length} caractère${value.length > 1 ? 's' : ''})`;
}

/** How a value appears in a finding message. */
export function showValue(value: string, masked: boolean): string {
  if (masked) return maskedText(value);
  if (value === '') return '« » (vide)';
  const v = value.length > MAX_SHOWN ? value.slice(0, MAX_SHOWN) + '…' : value;
  return `« ${v} »`;
}

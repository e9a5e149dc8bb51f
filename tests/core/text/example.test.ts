/** Example values shown next to a raw format: accepted by the type, stable from one run to the next. */
import { expect, test } from 'vitest';
import { EXAMPLE_DATE, exampleValue } from '../../../src/core/text/example.ts';

test('date JJMMAAAA : 15012026', () => {
  expect(exampleValue({ nature: 'Date', regexp: '(0[1-9]|[1-2][0-9]|3[0-1])(0[1-9]|1[0-2])(19|20)[0-9]{2}', minLength: 8, maxLength: 8 })).toBe(EXAMPLE_DATE);
  expect(EXAMPLE_DATE).toBe('15012026');
});

test('liste de codes : la première valeur', () => {
  expect(exampleValue({ nature: 'Enumeration', values: [{ code: '01' }, { code: '02' }] })).toBe('01');
});

test('formats du cahier technique : une valeur conforme, dans les longueurs, toujours la même', () => {
  const formats = [
    { nature: 'Numeric', regexp: '-?[0]*(0|[1-9][0-9]*)\\.[0-9]{2}', maxLength: 12 },
    { nature: 'Alphanumeric', regexp: '([A-Z]{4}[A-Z]{2}[A-Z0-9]{2}([A-Z0-9]{3}))|([A-Z]{4}[A-Z]{2}[A-Z0-9]{2})', minLength: 8, maxLength: 11 },
    { nature: 'Alphanumeric', regexp: '[1-2][0-9]{12}', minLength: 13, maxLength: 13 },
    { nature: 'Numeric', regexp: '^-?\\d{2,10},\\d{2}$' },
  ];
  for (const f of formats) {
    const v = exampleValue(f);
    expect(v, f.regexp).toBeDefined();
    expect(new RegExp(`^(?:${f.regexp.replace(/^\^|\$$/g, '')})$`, 'u').test(v!), `${f.regexp} → ${v}`).toBe(true);
    if (f.minLength) expect(v!.length).toBeGreaterThanOrEqual(f.minLength);
    if (f.maxLength) expect(v!.length).toBeLessThanOrEqual(f.maxLength);
  }
  expect(exampleValue({ nature: 'Alphanumeric', regexp: '[A-Z0-9]+', maxLength: 5 })).toBe(exampleValue({ nature: 'Alphanumeric', regexp: '[A-Z0-9]+', maxLength: 5 }));
});

test('aucun exemple possible : undefined (format impossible dans les longueurs, expression invalide)', () => {
  expect(exampleValue({ nature: 'Alphanumeric', regexp: '[0-9]{5}', maxLength: 3 })).toBeUndefined();
  expect(exampleValue({ nature: 'Alphanumeric', regexp: '([' })).toBeUndefined();
  expect(exampleValue({ nature: 'Alphanumeric' })).toBeUndefined();
});

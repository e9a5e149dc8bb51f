import { describe, expect, it } from 'vitest';
import { bbanValid, calendarCheck, ibanValid, keyVerdict, luhnDigit, luhnValid, makeIban, ribKey, sirenValid, siretValid } from '../../../src/core/check/index.ts';

describe('clés', () => {
  it('Luhn, SIREN, SIRET', () => {
    expect(luhnValid('732829320')).toBe(true);
    expect(sirenValid('732829320')).toBe(true);
    expect(sirenValid('732829321')).toBe(false);
    expect(sirenValid('73282932')).toBe(false);
    expect(luhnDigit('7328293200001')).toBe('7');
    expect(siretValid('73282932000017')).toBe(true);
    expect(siretValid('73282932000018')).toBe(false);
  });

  it("exception La Poste : somme des chiffres multiple de 5 pour le SIREN 356000000", () => {
    expect(siretValid('35600000000048')).toBe(true); // siège, valide aussi en Luhn
    expect(luhnValid('35600000000001')).toBe(false);
    expect(siretValid('35600000000001')).toBe(true); // 3+5+6+1 = 15
    expect(siretValid('35600000000002')).toBe(false);
    // The exception is La Poste's only.
    expect(siretValid('73282932000001')).toBe(false);
    expect(keyVerdict('nic', '00001', '356000000')).toBe(true);
  });

  it('IBAN et clé RIB', () => {
    expect(ibanValid('FR1420041010050500013M02606')).toBe(true);
    expect(ibanValid('FR1420041010050500013M02607')).toBe(false);
    expect(ribKey('20041', '01005', '0500013M026')).toBe('06');
    expect(bbanValid('FR1420041010050500013M02606')).toBe(true);
    const wrongRib = makeIban('FR', '20041010050500013M02605');
    expect(ibanValid(wrongRib)).toBe(true);
    expect(bbanValid(wrongRib)).toBe(false);
    expect(bbanValid('DE89370400440532013000')).toBeUndefined();
    expect(ibanValid('DE89370400440532013000')).toBe(true);
  });

  it('verdicts non calculables', () => {
    expect(keyVerdict('siren', 'ABC')).toBeUndefined();
    expect(keyVerdict('nic', '00017')).toBeUndefined();
    expect(keyVerdict('nic', '00017', '732829321')).toBeUndefined(); // wrong SIREN: NIC not judged
    expect(keyVerdict('nic', '00017', '732829320')).toBe(true);
    expect(keyVerdict('nic', '00018', '732829320')).toBe(false);
    expect(keyVerdict('siren-of-siret', '73282932100017')).toBe(false);
  });
});

describe('dates', () => {
  it('calendrier réel', () => {
    expect(calendarCheck('29022024')).toBe('ok');
    expect(calendarCheck('29022023')).toBe('invalid');
    expect(calendarCheck('31042024')).toBe('invalid');
    expect(calendarCheck('29021900')).toBe('invalid');
    expect(calendarCheck('29022000')).toBe('ok');
    expect(calendarCheck('00012024')).toBe('invalid');
    expect(calendarCheck('1012024')).toBe('not-a-date');
  });
  it('exceptions 00/99 des dates de naissance', () => {
    expect(calendarCheck('00001990', ['00', '99'])).toBe('ok');
    expect(calendarCheck('99121990', ['00', '99'])).toBe('ok');
    expect(calendarCheck('31991990', ['00', '99'])).toBe('ok');
    expect(calendarCheck('31021990', ['00', '99'])).toBe('invalid');
    expect(calendarCheck('00001990', ['99'])).toBe('invalid');
    expect(calendarCheck('99991990', ['99'])).toBe('ok');
  });
});

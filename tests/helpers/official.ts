/**
 * The official tables next to the project (../shared/reference, see its SOURCES.md), read from our
 * CSV exports of each sheet, for tests whose expectations must come from the official files
 * rather than from the registry. `hasOfficial` is false when the folder is absent (tests skip).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from './fixture.ts';

export const REFERENCE = path.resolve(PROJECT_ROOT, '../shared/reference');

/** CSV export folder of each DSN version's datatypes workbook. */
export const OFFICIAL_CSV: Record<string, string> = {
  P19V01: 'florentingerard-dsn-creator/csv/CT2019.1.2-datatypes',
  P24V01: 'krisk78-DSN2CSV/csv/CT2024-datatypes',
  P25V01: 'eliboa-norme-dsn/csv/CT2025-datatypes',
  P26V01: 'eliboa-norme-dsn/csv/CT2026-datatypes',
  P27V01: 'eliboa-norme-dsn/csv/CT2027-datatypes',
};

export const hasOfficial = (versions: string[]) => versions.every((v) => existsSync(path.join(REFERENCE, OFFICIAL_CSV[v], 'Fields.csv')));

/** Minimal RFC 4180 reader (quoted fields may hold commas, quotes and newlines): rows of cells. */
export function readCsvRows(file: string): string[][] {
  const text = readFileSync(file, 'utf8').replace(/^\ufeff/, '');
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') row.push(field), (field = '');
    else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field), rows.push(row), (row = []), (field = '');
    } else field += ch;
  }
  if (field || row.length) row.push(field), rows.push(row);
  return rows;
}

/** Rows keyed by the first row's column names. */
export function readCsv(file: string): Record<string, string>[] {
  const [head, ...rest] = readCsvRows(file);
  return rest.filter((r) => r.some((x) => x.trim())).map((r) => Object.fromEntries(head.map((h, i) => [h, (r[i] ?? '').trim()])));
}

/** Rows of one sheet (`Fields`, `Data_Types`, `Messages`, `Blocks`, `Header`) of a version's official tables. */
export function officialSheet(version: string, sheet: string): Record<string, string>[] {
  return readCsv(path.join(REFERENCE, OFFICIAL_CSV[version], `${sheet}.csv`));
}

/**
 * Reading the official tables, whatever their form, into header-addressed tables:
 * - `xlsx`: dsn-datatypes-CT<YYYY>.xlsx (sheets Standard, Header, Data Types, Blocks, Fields, Messages)
 *   or dsn-tableau-des-usages-CT<YYYY>.1.xlsx (one sheet);
 * - `csv`: comma-separated RFC 4180 exports of those sheets, one file per sheet;
 * - `coog`: the older `;`-separated Coog exports (`…_{blocks,datatypes,fields,headers}.csv`).
 */
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { ManifestSource, SheetKey } from './manifest.ts';
import { csvToSheet, readXlsx, toTable, type ReadProblem, type Sheet, type Table } from './sheet.ts';

export interface SourceFile {
  /** Path relative to the source directory. */
  rel: string;
  sha256: string;
}

export interface NormTables {
  files: SourceFile[];
  standard?: Sheet;
  header?: Table;
  datatypes?: Table;
  blocks?: Table;
  fields?: Table;
  messages?: Table;
}

export interface UsageTables {
  files: SourceFile[];
  sheet?: Sheet;
}

const XLSX_SHEETS: Record<Exclude<SheetKey, 'usages'>, string> = {
  standard: 'Standard',
  header: 'Header',
  datatypes: 'Data Types',
  blocks: 'Blocks',
  fields: 'Fields',
  messages: 'Messages',
};

const CSV_FILES: Record<Exclude<SheetKey, 'usages'>, string> = {
  standard: 'Standard.csv',
  header: 'Header.csv',
  datatypes: 'Data_Types.csv',
  blocks: 'Blocks.csv',
  fields: 'Fields.csv',
  messages: 'Messages.csv',
};

function posix(p: string): string {
  return p.split(path.sep).join('/');
}

async function exists(p: string): Promise<boolean> {
  try {
    await stat(p);
    return true;
  } catch {
    return false;
  }
}

async function hashed(abs: string, rel: string): Promise<{ buf: Buffer; file: SourceFile }> {
  const buf = await readFile(abs);
  return { buf, file: { rel, sha256: createHash('sha256').update(buf).digest('hex') } };
}

/** Reads the `datatypes` source of a version (all sheets but the usage table). */
export async function readNormTables(src: ManifestSource, sourceDir: string): Promise<{ tables: NormTables; problems: ReadProblem[] }> {
  const problems: ReadProblem[] = [];
  const tables: NormTables = { files: [] };
  const absBase = path.resolve(sourceDir, src.path);
  const relBase = posix(src.path);
  if (src.format === 'xlsx') {
    if (!(await exists(absBase))) {
      problems.push({ file: relBase, message: 'fichier introuvable' });
      return { tables, problems };
    }
    const { buf, file } = await hashed(absBase, relBase);
    tables.files.push(file);
    let sheets: Map<string, Sheet>;
    try {
      sheets = await readXlsx(buf, relBase);
    } catch (e) {
      problems.push({ file: relBase, message: `classeur illisible : ${(e as Error).message}` });
      return { tables, problems };
    }
    for (const key of Object.keys(XLSX_SHEETS) as (keyof typeof XLSX_SHEETS)[]) {
      const name = src.files?.[key] ?? XLSX_SHEETS[key];
      const sheet = sheets.get(name);
      if (!sheet) {
        if (key !== 'standard' && key !== 'messages') problems.push({ file: relBase, message: `feuille « ${name} » absente` });
        continue;
      }
      if (key === 'standard') tables.standard = sheet;
      else tables[key] = toTable(sheet);
    }
    return { tables, problems };
  }
  // csv and coog: one file per sheet.
  const separator = src.separator ?? (src.format === 'coog' ? ';' : ',');
  const keys = Object.keys(XLSX_SHEETS) as (keyof typeof XLSX_SHEETS)[];
  for (const key of keys) {
    const name = src.files?.[key] ?? (src.format === 'csv' ? CSV_FILES[key] : undefined);
    if (!name) continue;
    const abs = path.join(absBase, name);
    const rel = `${relBase}/${name}`;
    if (!(await exists(abs))) {
      if (key !== 'standard' && key !== 'messages') problems.push({ file: rel, message: 'fichier introuvable' });
      continue;
    }
    const { buf, file } = await hashed(abs, rel);
    tables.files.push(file);
    const { sheet, problems: p } = csvToSheet(buf.toString('utf8'), separator, rel, XLSX_SHEETS[key]);
    problems.push(...p);
    if (key === 'standard') tables.standard = sheet;
    else tables[key] = toTable(sheet);
  }
  return { tables, problems };
}

/** Reads a usage table (xlsx: first sheet; csv: one file). */
export async function readUsageTables(src: ManifestSource, sourceDir: string): Promise<{ tables: UsageTables; problems: ReadProblem[] }> {
  const problems: ReadProblem[] = [];
  const tables: UsageTables = { files: [] };
  const rel = posix(src.path);
  const abs = path.resolve(sourceDir, src.path);
  if (!(await exists(abs))) {
    problems.push({ file: rel, message: 'fichier introuvable' });
    return { tables, problems };
  }
  const { buf, file } = await hashed(abs, rel);
  tables.files.push(file);
  if (src.format === 'xlsx') {
    try {
      const sheets = await readXlsx(buf, rel);
      const wanted = src.files?.usages;
      tables.sheet = wanted ? sheets.get(wanted) : [...sheets.values()][0];
      if (!tables.sheet) problems.push({ file: rel, message: `feuille « ${wanted ?? '(première)'} » absente` });
    } catch (e) {
      problems.push({ file: rel, message: `classeur illisible : ${(e as Error).message}` });
    }
  } else {
    const { sheet, problems: p } = csvToSheet(buf.toString('utf8'), src.separator ?? (src.format === 'coog' ? ';' : ','), rel, 'Tableau des usages');
    tables.sheet = sheet;
    problems.push(...p);
  }
  return { tables, problems };
}

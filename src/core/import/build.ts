/**
 * Turns the tables of one version into registry objects (version, blocks with rubriques,
 * controls and usages, datatypes), cleaning texts and recording what was cleaned.
 */
import path from 'node:path';
import { diag, type Diagnostic, type DiagnosticSeverity, type ValidationRuleId } from '../diagnostics/diagnostic.ts';
import type { Block, Control, Datatype, Rubrique, UsageCode, Version } from '../model/schema-types.ts';
import { CleanupLog, cleanText, type Cleanup } from './clean.ts';
import type { ManifestFamily, ManifestSource, ManifestVersion } from './manifest.ts';
import type { Cell, Sheet, Table, TableRow } from './sheet.ts';
import { isBlankRow } from './sheet.ts';
import type { NormTables, SourceFile, UsageTables } from './sources.ts';
import { splitValues } from './values.ts';
import { namedRubriques, unsatisfiable } from '../unused/checks.ts';
import { DATATYPE_NATURES, USAGE_CODES as USAGE_CODE_LIST, type DatatypeNature } from '../model/vocabulary.ts';
import { BLOCK_ID, CONTROL_FAMILIES, RUBRIQUE_ID, RUBRIQUE_SOURCE, type ControlFamily } from '../model/ids.ts';

export const IMPORTED_BY = 'norme import (src/core/import)';

const NATURES = DATATYPE_NATURES;
type Nature = DatatypeNature;
const USAGE_CODES: readonly string[] = USAGE_CODE_LIST;

/** Tolerant control id: `S21.G00.30.020/CCH14`, `…/CCH -11`, `…/ cch-11 `. */
const CONTROL_ID = new RegExp(`^\\s*(${RUBRIQUE_SOURCE})\\s*\\/\\s*([A-Za-z]{3})\\s*-?\\s*([0-9]{2,3})\\s*$`);

/**
 * Normalises a control id of the Messages sheet: `S21.G00.30.020/CCH14` → `S21.G00.30.020/CCH-14`,
 * `…/CCH -11` or `…/CCH 11 ` → `…/CCH-11`. Returns undefined when the id cannot be read.
 */
export function normaliseControlId(raw: string): { id: string; rubrique: string; family: string; number: number } | undefined {
  const m = CONTROL_ID.exec(raw.replace(/[\u200B\u200C\u200D\u2060\uFEFF]/g, ''));
  if (!m) return undefined;
  const family = m[2].toUpperCase();
  return { id: `${m[1]}/${family}-${m[3]}`, rubrique: m[1], family, number: Number(m[3]) };
}

export interface VersionReport {
  family: string;
  version: string;
  edition: string;
  blocks: number;
  headerBlocks: number;
  rubriques: number;
  datatypes: number;
  values: number;
  controls: number;
  controlsByFamily: Record<string, number>;
  /** Natures and rubriques with a usage; `inferredFrom` when inferred from the neighbours' tables. */
  usages?: { natures: string[]; rubriques: number; inferredFrom?: string[] };
  orphanControls: string[];
  cleanups: Cleanup[];
}

export interface BuiltVersion {
  version: Version;
  blocks: Block[];
  datatypes: Datatype[];
  report: VersionReport;
  diagnostics: Diagnostic[];
}

interface Ctx {
  family: ManifestFamily;
  mv: ManifestVersion;
  log: CleanupLog;
  diagnostics: Diagnostic[];
  /** Where manifest-level problems are reported. */
  at: { file?: string };
}

function where(table: Table | Sheet, line?: number) {
  const file = 'sheet' in table ? table.sheet.file : table.file;
  return { file, line };
}

function sheetPrefix(table: Table | Sheet): string {
  const sheet = 'sheet' in table ? table.sheet : table;
  return sheet.file.endsWith('.xlsx') ? `feuille « ${sheet.name} » : ` : '';
}

function report(ctx: Ctx, severity: DiagnosticSeverity, rule: ValidationRuleId, table: Table | Sheet, line: number | undefined, message: string, hint?: string) {
  ctx.diagnostics.push(diag(severity, rule, `${sheetPrefix(table)}${message}`, where(table, line), hint));
}

function text(ctx: Ctx, row: TableRow, column: string, label: string): string {
  return cleanText(row.get(column), label, ctx.log);
}

function parseInteger(cell: Cell): number | undefined {
  if (cell === null) return undefined;
  if (typeof cell === 'number') return Number.isInteger(cell) ? cell : undefined;
  const s = cell.trim();
  return /^[0-9]+$/.test(s) ? Number(s) : undefined;
}

function sourceFileName(format: ManifestSource['format'], rel: string): string {
  const parts = rel.split('/');
  return format === 'csv' && parts.length >= 2 ? parts.slice(-2).join('/') : path.posix.basename(rel);
}

// ---------------------------------------------------------------- Standard sheet

interface StandardInfo {
  version?: string;
  edition?: string;
  revision?: string;
}

function readStandard(ctx: Ctx, sheet: Sheet | undefined): StandardInfo {
  const info: StandardInfo = {};
  if (!sheet) return info;
  for (const row of sheet.rows) {
    const label = typeof row.cells[0] === 'string' ? row.cells[0].trim() : '';
    const value = cleanText(row.cells[1] ?? null, `Standard ${label}`, ctx.log);
    if (label === 'Version') info.version = value;
    else if (label === 'Description') info.edition = value;
    else if (label === 'Revision') {
      const m = /^([0-9]{4})([0-9]{2})([0-9]{2})$/.exec(value);
      if (m) info.revision = `${m[1]}-${m[2]}-${m[3]}`;
      else if (value) report(ctx, 'warning', 'standard-revision', sheet, row.line, `date de révision illisible \`${value}\` (attendu AAAAMMJJ)`);
    }
  }
  return info;
}

// ---------------------------------------------------------------- Data types

function buildDatatypes(ctx: Ctx, table: Table): { datatypes: Map<string, Datatype>; values: number } {
  const out = new Map<string, Datatype>();
  let valueCount = 0;
  const natureInName = !table.has('Nature');
  if (natureInName) {
    if (!table.has('Name')) {
      report(ctx, 'error', 'datatype-columns', table, undefined, 'ni colonne Nature ni colonne Name : nature des types introuvable');
      return { datatypes: out, values: 0 };
    }
  }
  for (const row of table.rows) {
    const id = text(ctx, row, 'Id', 'Data Types Id');
    if (!id) {
      report(ctx, 'error', 'datatype-id-missing', table, row.line, 'type de données sans identifiant (ligne ignorée)');
      continue;
    }
    const natureRaw = text(ctx, row, natureInName ? 'Name' : 'Nature', `${id} (nature)`);
    if (!(NATURES as readonly string[]).includes(natureRaw)) {
      report(ctx, 'error', 'datatype-nature', table, row.line, `nature inconnue \`${natureRaw}\` pour le type \`${id}\` (type ignoré)`, `natures admises : ${NATURES.join(', ')}`);
      continue;
    }
    if (out.has(id)) {
      report(ctx, 'error', 'duplicate-datatype', table, row.line, `type de données \`${id}\` en double (seule la première définition est gardée)`);
      continue;
    }
    const dt: Datatype = { id, nature: natureRaw as Nature };
    if (natureInName) {
      ctx.log.record('colonne-nature', id);
    } else {
      const name = text(ctx, row, 'Name', `${id} (name)`);
      if (name) dt.name = name;
    }
    const description = table.has('Description') ? text(ctx, row, 'Description', `${id} (description)`) : '';
    if (description) dt.description = description;
    const regexp = text(ctx, row, 'Regexp', `${id} (regexp)`);
    if (regexp) dt.regexp = regexp;
    for (const [col, key] of [
      ['Lg Min', 'minLength'],
      ['Lg Max', 'maxLength'],
    ] as const) {
      const cell = row.get(col);
      if (cell === null || (typeof cell === 'string' && cell.trim() === '')) continue;
      const n = parseInteger(cell);
      if (n === undefined) report(ctx, 'error', 'datatype-length', table, row.line, `longueur \`${String(cell)}\` non entière pour le type \`${id}\` (colonne ${col})`);
      else dt[key] = n;
    }
    const rawValues = text(ctx, row, 'Values', `${id} (values)`);
    if (rawValues) {
      const split = splitValues(rawValues);
      for (const bad of split.invalid) {
        report(ctx, 'error', 'datatype-value', table, row.line, `valeur sans \`=\` dans le type \`${id}\` : \`${bad}\` (ignorée)`);
      }
      for (const irr of split.irregular) ctx.log.record('libelles-avec-separateur', `${id} ${irr}`);
      const seen = new Set<string>();
      const values: NonNullable<Datatype['values']> = [];
      for (const v of split.values) {
        const code = cleanText(v.code, `${id}, code ${v.code.trim()}`, ctx.log);
        const label = cleanText(v.label, `${id}, libellé de ${code}`, ctx.log);
        if (seen.has(code)) report(ctx, 'warning', 'duplicate-value', table, row.line, `code \`${code}\` en double dans le type \`${id}\``);
        seen.add(code);
        values.push({ code, label });
      }
      if (values.length) {
        dt.values = values;
        valueCount += values.length;
        ctx.log.record('valeurs-enumeration', `${id} : ${values[0].code}=${values[0].label}`, values.length);
      }
      if (values.length && dt.nature !== 'Enumeration') {
        report(ctx, 'warning', 'values-not-enumeration', table, row.line, `le type \`${id}\` de nature ${dt.nature} porte des valeurs`);
      }
    }
    const impossible = unsatisfiable(dt);
    if (impossible) report(ctx, 'info', 'official-anomaly', table, row.line, `anomalie des tables officielles : aucune valeur ne peut satisfaire le type \`${id}\` (${impossible})`);
    out.set(id, dt);
  }
  return { datatypes: out, values: valueCount };
}

// ---------------------------------------------------------------- Blocks

function buildHeaderBlocks(ctx: Ctx, header: Table | undefined): { blocks: Block[]; message?: string } {
  const blocks: Block[] = [];
  if (!header) return { blocks };
  let message: string | undefined;
  let rootId: string | undefined;
  const pending: { role: string; block: Block; line: number }[] = [];
  for (const row of header.rows) {
    const element = text(ctx, row, 'Element', 'Header Element');
    const id = text(ctx, row, 'Id', `Header ${element}`);
    const name = text(ctx, row, 'Name', `Header ${element} (name)`);
    const description = text(ctx, row, 'Description', `Header ${element} (description)`);
    if (element === 'Message') {
      message = name || id;
      continue;
    }
    if (!['Header', 'Declaration', 'Footer'].includes(element)) {
      report(ctx, 'warning', 'header-element', header, row.line, `élément d'en-tête inconnu \`${element}\` (ignoré)`);
      continue;
    }
    if (!BLOCK_ID.test(id)) {
      report(ctx, 'error', 'block-id', header, row.line, `identifiant de bloc invalide \`${id}\``);
      continue;
    }
    const block: Block = { id, name: name || id, parent: null, header: true, cardinality: { min: 1, max: 1, source: 'inférée' }, rubriques: [] };
    if (description) block.description = description;
    if (element === 'Header') rootId = id;
    pending.push({ role: element, block, line: row.line });
  }
  for (const p of pending) {
    if (p.role === 'Declaration') {
      p.block.cardinality = { min: 1, max: '*', source: 'inférée' };
      if (rootId) p.block.parent = rootId;
      else report(ctx, 'warning', 'header-root', header, p.line, `pas d'élément Header : le bloc \`${p.block.id}\` reste sans parent`);
    }
    blocks.push(p.block);
    ctx.log.record('blocs-en-tete', `${p.block.id} (${p.role})`);
  }
  return { blocks, message };
}

function buildBlocks(ctx: Ctx, table: Table, headerBlocks: Block[]): Map<string, Block> {
  const out = new Map<string, Block>();
  const hasBounds = table.has('lowerBound') && table.has('upperBound');
  for (const row of table.rows) {
    const id = text(ctx, row, 'Id', 'Blocks Id');
    if (!BLOCK_ID.test(id)) {
      report(ctx, 'error', 'block-id', table, row.line, `identifiant de bloc invalide \`${id}\` (ligne ignorée)`);
      continue;
    }
    if (out.has(id)) {
      report(ctx, 'error', 'duplicate-block', table, row.line, `bloc \`${id}\` en double (seule la première définition est gardée)`);
      continue;
    }
    const name = text(ctx, row, 'Name', `${id} (name)`);
    const block: Block = { id, name: name || id, cardinality: { min: 0, max: '*', source: 'inférée' }, rubriques: [] };
    if (!name) report(ctx, 'error', 'block-name', table, row.line, `bloc \`${id}\` sans libellé`);
    const description = text(ctx, row, 'Description', `${id} (description)`);
    if (description) block.description = description;
    const parent = text(ctx, row, 'ParentId', `${id} (parent)`);
    block.parent = parent || null;
    if (hasBounds) {
      const min = parseInteger(row.get('lowerBound'));
      const upper = cleanText(row.get('upperBound'), `${id} (upperBound)`, ctx.log);
      const max = upper === '*' ? '*' : parseInteger(upper);
      if (min === undefined || max === undefined || (max !== '*' && max < 1)) {
        report(ctx, 'error', 'block-cardinality', table, row.line, `cardinalité illisible pour le bloc \`${id}\` : \`${String(row.get('lowerBound'))}..${upper}\``);
        ctx.log.record('cardinalites-inferees', id);
      } else {
        block.cardinality = { min, max, source: 'officielle' };
      }
    } else {
      ctx.log.record('cardinalites-inferees', id);
    }
    out.set(id, block);
  }
  for (const hb of headerBlocks) {
    if (out.has(hb.id)) {
      report(ctx, 'warning', 'header-block-duplicate', table, undefined, `le bloc d'en-tête \`${hb.id}\` figure aussi dans la feuille des blocs (cette définition est gardée)`);
      continue;
    }
    out.set(hb.id, hb);
  }
  for (const b of out.values()) {
    if (b.parent && !out.has(b.parent)) {
      report(ctx, 'warning', 'unknown-parent', table, undefined, `bloc \`${b.id}\` : bloc parent \`${b.parent}\` inconnu`);
    }
  }
  return out;
}

// ---------------------------------------------------------------- Fields

function buildRubriques(ctx: Ctx, table: Table, blocks: Map<string, Block>, datatypes: Map<string, Datatype>): Map<string, Rubrique> {
  const out = new Map<string, Rubrique>();
  for (const row of table.rows) {
    const blockId = text(ctx, row, 'Block Id', 'Fields Block Id');
    const numCell = row.get('Id');
    let num = typeof numCell === 'number' ? String(numCell) : cleanText(numCell, `${blockId} (numéro)`, ctx.log);
    if (/^[0-9]{1,2}$/.test(num)) {
      num = num.padStart(3, '0');
      ctx.log.record('numero-rubrique', `${blockId}.${num}`);
    }
    const id = `${blockId}.${num}`;
    if (!RUBRIQUE_ID.test(id)) {
      report(ctx, 'error', 'rubrique-id', table, row.line, `identifiant de rubrique invalide \`${id}\` (ligne ignorée)`);
      continue;
    }
    const block = blocks.get(blockId);
    if (!block) {
      report(ctx, 'error', 'unknown-block', table, row.line, `rubrique \`${id}\` : bloc \`${blockId}\` inconnu (rubrique ignorée)`);
      continue;
    }
    if (out.has(id)) {
      report(ctx, 'error', 'duplicate-rubrique', table, row.line, `rubrique \`${id}\` en double (seule la première définition est gardée)`);
      continue;
    }
    const name = text(ctx, row, 'Name', `${id} (name)`);
    const datatype = text(ctx, row, 'DataType Id', `${id} (datatype)`);
    const rub: Rubrique = { id, name: name || id, datatype };
    if (!name) report(ctx, 'error', 'rubrique-name', table, row.line, `rubrique \`${id}\` sans libellé`);
    if (!datatype) report(ctx, 'error', 'rubrique-datatype', table, row.line, `rubrique \`${id}\` sans type de données`);
    else if (!datatypes.has(datatype)) report(ctx, 'warning', 'unknown-datatype', table, row.line, `rubrique \`${id}\` : type de données inconnu \`${datatype}\``);
    const description = text(ctx, row, 'Description', `${id} (description)`);
    if (description) rub.description = description;
    const technicalName = text(ctx, row, 'Comment', `${id} (comment)`);
    if (technicalName) rub.technicalName = technicalName;
    block.rubriques.push(rub);
    out.set(id, rub);
  }
  return out;
}

// ---------------------------------------------------------------- Controls

interface ParsedControl {
  control: Control;
  rubrique: string;
  number: number;
}

function buildControls(ctx: Ctx, table: Table, rubriques: Map<string, Rubrique>): { count: number; byFamily: Record<string, number>; orphans: string[] } {
  const seen = new Set<string>();
  const perRubrique = new Map<string, ParsedControl[]>();
  const byFamily: Record<string, number> = {};
  const orphans: string[] = [];
  let count = 0;
  for (const row of table.rows) {
    const raw = row.get('Name');
    const rawId = raw === null ? '' : String(raw);
    const n = normaliseControlId(rawId);
    if (!n) {
      report(ctx, 'error', 'control-id', table, row.line, `identifiant de contrôle illisible \`${rawId}\` (contrôle ignoré)`, 'forme attendue : <rubrique>/<FAMILLE>-<nn>, ex. S21.G00.40.007/CCH-11');
      continue;
    }
    const { id, family, rubrique } = n;
    if (!(CONTROL_FAMILIES as readonly string[]).includes(family)) {
      report(ctx, 'error', 'control-family', table, row.line, `famille de contrôle inconnue \`${family}\` dans \`${rawId}\` (contrôle ignoré)`, `familles admises : ${CONTROL_FAMILIES.join(', ')}`);
      continue;
    }
    const control: Control = {
      id,
      family: family as ControlFamily,
      rule: text(ctx, row, 'Description', `${id} (règle)`),
      message: text(ctx, row, 'Message', `${id} (message)`),
    };
    if (id !== rawId) {
      control.rawId = rawId;
      ctx.log.record('identifiant-controle', `${JSON.stringify(rawId)} → ${id}`);
    }
    if (seen.has(id)) {
      report(ctx, 'error', 'duplicate-control', table, row.line, `contrôle \`${id}\` en double${control.rawId ? ` (identifiant d'origine \`${rawId}\`)` : ''} : seule la première définition est gardée`);
      continue;
    }
    seen.add(id);
    if (!control.rule) report(ctx, 'warning', 'control-rule-empty', table, row.line, `contrôle \`${id}\` sans règle (colonne Description vide)`);
    if (!control.message) report(ctx, 'warning', 'control-message-empty', table, row.line, `contrôle \`${id}\` sans message`);
    if (!rubriques.has(rubrique)) {
      report(ctx, 'warning', 'control-orphan', table, row.line, `contrôle \`${id}\` : rubrique \`${rubrique}\` absente de la feuille Fields ; contrôle non rattaché, absent du registre`);
      orphans.push(id);
      ctx.log.record('controles-orphelins', id);
      continue;
    }
    const absent = namedRubriques(`${control.rule}\n${control.message}`).filter((r) => !rubriques.has(r));
    if (absent.length) report(ctx, 'info', 'official-anomaly', table, row.line, `anomalie des tables officielles : le contrôle \`${id}\` cite ${absent.map((r) => `\`${r}\``).join(', ')}, absente(s) de la feuille Fields`);
    const list = perRubrique.get(rubrique) ?? [];
    list.push({ control, rubrique, number: n.number });
    perRubrique.set(rubrique, list);
    byFamily[family] = (byFamily[family] ?? 0) + 1;
    count++;
  }
  for (const [rid, list] of perRubrique) {
    list.sort((a, b) => a.control.family.localeCompare(b.control.family) || a.number - b.number);
    rubriques.get(rid)!.controls = list.map((p) => p.control);
  }
  const sortedByFamily: Record<string, number> = {};
  for (const f of CONTROL_FAMILIES) if (byFamily[f]) sortedByFamily[f] = byFamily[f];
  return { count, byFamily: sortedByFamily, orphans };
}

// ---------------------------------------------------------------- Usages

interface UsageResult {
  natures: { code: string; label: string }[];
  /** Rubriques of the version that received a usage. */
  rubriques: number;
}

function buildUsages(ctx: Ctx, sheet: Sheet, rubriques: Map<string, Rubrique>, natureValues: Set<string> | undefined): UsageResult | undefined {
  const rows = sheet.rows.filter((r) => !isBlankRow(r.cells));
  const str = (c: Cell | undefined) => (c === null || c === undefined ? '' : String(c).trim());
  const hi = rows.findIndex((r) => r.cells.some((c) => str(c) === 'Id rubrique'));
  if (hi < 1) {
    report(ctx, 'error', 'usage-layout', sheet, undefined, 'ligne d\'en-tête « Id rubrique » introuvable (ou sans ligne des natures au-dessus)');
    return undefined;
  }
  const headerCells = rows[hi].cells.map(str);
  const rubCol = headerCells.indexOf('Id rubrique');
  const labelCol = headerCells.indexOf('Libellé rubrique');
  const blockCol = headerCells.indexOf('Id bloc');
  const natures: { code: string; label: string; col: number }[] = [];
  rows[hi - 1].cells.forEach((c, col) => {
    const m = /^([0-9]{2})\s*-\s*(.+)$/.exec(cleanText(c, 'table des usages (nature)', ctx.log));
    if (m) natures.push({ code: m[1], label: m[2], col });
  });
  if (!natures.length) {
    report(ctx, 'error', 'usage-layout', sheet, rows[hi - 1].line, 'aucune colonne de nature de déclaration (« 01 - … ») trouvée');
    return undefined;
  }
  for (const n of natures) {
    if (natureValues && !natureValues.has(n.code)) {
      report(ctx, 'warning', 'usage-unknown-nature', sheet, rows[hi - 1].line, `nature \`${n.code}\` (${n.label}) absente du type des natures de déclaration de la version`);
    }
  }
  const sortedNatures = [...natures].sort((a, b) => a.code.localeCompare(b.code));
  const inTable = new Set<string>();
  const labelMismatch: string[] = [];
  let withUsage = 0;
  let block = '';
  for (const row of rows.slice(hi + 1)) {
    const blockCell = blockCol >= 0 ? cleanText(row.cells[blockCol] ?? null, 'table des usages (bloc)', ctx.log) : '';
    if (blockCell) block = blockCell;
    const rid = cleanText(row.cells[rubCol] ?? null, `table des usages ligne ${row.line}`, ctx.log);
    if (!RUBRIQUE_ID.test(rid)) {
      report(ctx, 'error', 'usage-rubrique-id', sheet, row.line, `identifiant de rubrique invalide \`${rid}\``);
      continue;
    }
    if (block && !rid.startsWith(block + '.')) {
      report(ctx, 'warning', 'usage-block-mismatch', sheet, row.line, `rubrique \`${rid}\` rangée sous le bloc \`${block}\``);
    }
    if (inTable.has(rid)) {
      report(ctx, 'error', 'usage-duplicate', sheet, row.line, `rubrique \`${rid}\` en double dans la table des usages`);
      continue;
    }
    inTable.add(rid);
    const rub = rubriques.get(rid);
    if (!rub) {
      report(ctx, 'warning', 'usage-unknown-rubrique', sheet, row.line, `rubrique \`${rid}\` de la table des usages absente de la feuille Fields`);
      continue;
    }
    if (labelCol >= 0) {
      const label = cleanText(row.cells[labelCol] ?? null, `table des usages ${rid} (libellé)`, ctx.log);
      if (label && label !== rub.name) labelMismatch.push(rid);
    }
    const usage: Record<string, UsageCode> = {};
    for (const n of sortedNatures) {
      const v = cleanText(row.cells[n.col] ?? null, `table des usages ${rid} (${n.code})`, ctx.log);
      if (!v) {
        report(ctx, 'warning', 'usage-empty', sheet, row.line, `rubrique \`${rid}\` : usage vide pour la nature ${n.code}`);
        continue;
      }
      if (!USAGE_CODES.includes(v)) {
        report(ctx, 'error', 'usage-code', sheet, row.line, `rubrique \`${rid}\` : code d'usage inconnu \`${v}\` pour la nature ${n.code}`, `codes admis : ${USAGE_CODES.join(', ')}`);
        continue;
      }
      usage[n.code] = v as UsageCode;
    }
    rub.usage = usage;
    withUsage++;
  }
  const missing = [...rubriques.keys()].filter((id) => !inTable.has(id)).sort();
  for (const id of missing) {
    report(ctx, 'warning', 'usage-missing-rubrique', sheet, undefined, `rubrique \`${id}\` de la feuille Fields absente de la table des usages`);
  }
  if (labelMismatch.length) {
    report(
      ctx,
      'info',
      'usage-label-mismatch',
      sheet,
      undefined,
      `${labelMismatch.length} libellé(s) de rubrique diffèrent de la feuille Fields (la feuille Fields fait foi), ex. ${labelMismatch.slice(0, 3).map((x) => `\`${x}\``).join(', ')}`,
    );
  }
  return { natures: sortedNatures.map(({ code, label }) => ({ code, label })), rubriques: withUsage };
}

// ---------------------------------------------------------------- Version

export function buildVersion(
  family: ManifestFamily,
  mv: ManifestVersion,
  norm: NormTables,
  usage: UsageTables | undefined,
  manifestFile?: string,
): BuiltVersion & { message?: string } {
  const ctx: Ctx = { family, mv, log: new CleanupLog(), diagnostics: [], at: manifestFile === undefined ? {} : { file: manifestFile } };
  const standard = readStandard(ctx, norm.standard);
  if (norm.standard && standard.version && standard.version !== mv.id) {
    report(ctx, 'error', 'version-mismatch', norm.standard, undefined, `la feuille Standard annonce la version \`${standard.version}\`, le manifeste \`${mv.id}\``);
  }
  const { datatypes, values } = norm.datatypes ? buildDatatypes(ctx, norm.datatypes) : { datatypes: new Map<string, Datatype>(), values: 0 };
  const { blocks: headerBlocks, message } = buildHeaderBlocks(ctx, norm.header);
  if (message !== undefined && message !== family.message) {
    report(ctx, 'warning', 'header-message', norm.header!, undefined, `message \`${message}\` dans la feuille Header, \`${family.message}\` attendu pour la famille \`${family.id}\``);
  }
  const blocks = norm.blocks ? buildBlocks(ctx, norm.blocks, headerBlocks) : new Map(headerBlocks.map((b) => [b.id, b]));
  const rubriques = norm.fields ? buildRubriques(ctx, norm.fields, blocks, datatypes) : new Map<string, Rubrique>();
  for (const b of blocks.values()) b.rubriques.sort((a, b2) => a.id.localeCompare(b2.id));
  const controls = norm.messages ? buildControls(ctx, norm.messages, rubriques) : { count: 0, byFamily: {}, orphans: [] };

  // Usages. Nature codes are checked against the declaration-nature datatype (`*_Declaration_Nature`).
  let usageResult: UsageResult | undefined;
  if (usage?.sheet) {
    const natureDt = [...datatypes.values()].find((d) => /_Declaration_Nature$/.test(d.id) && d.values?.length);
    usageResult = buildUsages(ctx, usage.sheet, rubriques, natureDt ? new Set(natureDt.values!.map((v) => v.code)) : undefined);
  }

  // Edition
  let edition: Version['editions'][number];
  if (mv.edition) {
    edition = { id: mv.edition.id, date: mv.edition.date };
    if (mv.edition.note) edition.note = mv.edition.note;
    if (standard.edition && standard.edition !== mv.edition.id) {
      report(ctx, 'warning', 'edition-mismatch', norm.standard!, undefined, `édition \`${standard.edition}\` dans la feuille Standard, \`${mv.edition.id}\` dans le manifeste (le manifeste l'emporte)`);
    }
    if (standard.revision && standard.revision !== mv.edition.date) {
      report(ctx, 'warning', 'edition-mismatch', norm.standard!, undefined, `date de révision \`${standard.revision}\` dans la feuille Standard, \`${mv.edition.date}\` dans le manifeste (le manifeste l'emporte)`);
    }
  } else if (standard.edition && standard.revision) {
    edition = { id: standard.edition, date: standard.revision };
  } else {
    ctx.diagnostics.push(diag('error', 'edition-missing', `Version \`${family.id}/${mv.id}\` : édition ou date de révision introuvable (feuille Standard absente ou incomplète) ; donnez \`edition\` dans le manifeste`, ctx.at));
    edition = { id: '0000.0', date: '0000-00-00' };
  }
  if (!/^[0-9]{4}(\.[0-9]+){1,3}$/.test(edition.id)) {
    ctx.diagnostics.push(diag('error', 'edition-id', `Version \`${family.id}/${mv.id}\` : identifiant d'édition invalide \`${edition.id}\``, ctx.at));
  }

  // Name from the version datatype (e.g. DSN_Version "P26V01=Année 2026 Version 1").
  const versionDt = datatypes.get(family.versionDatatype);
  const label = versionDt?.values?.find((v) => v.code === mv.id)?.label;
  if (!label) {
    ctx.diagnostics.push(
      diag('warning', 'version-label', `Version \`${family.id}/${mv.id}\` : aucune valeur \`${mv.id}\` dans le type \`${family.versionDatatype}\` ; le libellé de la version est son identifiant`, ctx.at),
    );
  }

  // Activations (only those whose element exists in this version).
  const activations: NonNullable<Version['activations']> = [];
  for (const a of mv.activations ?? []) {
    const [dtId, code] = a.element.split('#');
    const dt = datatypes.get(dtId);
    if (code !== undefined && !dt?.values?.some((v) => v.code === code)) {
      ctx.diagnostics.push(diag('warning', 'activation-element', `Version \`${family.id}/${mv.id}\` : activation de \`${a.element}\` ignorée, valeur absente de la version`, ctx.at));
      continue;
    }
    if (code === undefined && !dt) {
      ctx.diagnostics.push(diag('warning', 'activation-element', `Version \`${family.id}/${mv.id}\` : activation de \`${a.element}\` ignorée, type absent de la version`, ctx.at));
      continue;
    }
    const out: NonNullable<Version['activations']>[number] = { element: a.element, from: a.from, note: a.note };
    if (a.source) out.source = a.source;
    activations.push(out);
  }

  // Provenance
  const sources: Version['provenance']['sources'] = [];
  for (const f of norm.files) {
    const s: Version['provenance']['sources'][number] = { file: sourceFileName(mv.datatypes.format, f.rel), kind: 'datatypes', origin: mv.datatypes.origin, edition: edition.id };
    // The Standard sheet's revision date is a fact of the file, kept even when the manifest names the edition.
    if (standard.revision) s.revision = standard.revision;
    s.sha256 = f.sha256;
    sources.push(s);
  }
  if (usage && mv.usages) {
    for (const f of usage.files) {
      const s: Version['provenance']['sources'][number] = { file: sourceFileName(mv.usages.format, f.rel), kind: 'usages', origin: mv.usages.origin };
      if (mv.usages.edition) s.edition = mv.usages.edition;
      s.sha256 = f.sha256;
      sources.push(s);
    }
  }

  const blockList = [...blocks.values()].sort((a, b) => a.id.localeCompare(b.id));
  const datatypeList = [...datatypes.values()];
  const headerCount = blockList.filter((b) => b.header).length;
  const cleanups = ctx.log.toArray();

  const version: Version = {
    id: mv.id,
    family: family.id,
    name: label ?? mv.id,
    status: mv.status,
    previous: mv.previous,
    editions: [edition],
    usages: usageResult && usage && mv.usages
      ? { status: 'publié', natures: usageResult.natures, source: sourceFileName(mv.usages.format, usage.files[0].rel) }
      : { status: 'non publié' },
    provenance: { importedBy: IMPORTED_BY, sources },
  };
  if (mv.applicability) version.applicability = { ...mv.applicability };
  if (activations.length) version.activations = activations;
  if (cleanups.length) version.provenance.cleanups = cleanups;
  if (mv.provenanceNote) version.provenance.note = mv.provenanceNote;

  const rep: VersionReport = {
    family: family.id,
    version: mv.id,
    edition: edition.id,
    blocks: blockList.length - headerCount,
    headerBlocks: headerCount,
    rubriques: rubriques.size,
    datatypes: datatypeList.length,
    values,
    controls: controls.count,
    controlsByFamily: controls.byFamily,
    orphanControls: controls.orphans,
    cleanups,
  };
  if (usageResult) rep.usages = { natures: usageResult.natures.map((n) => n.code), rubriques: usageResult.rubriques };

  // Expected counts from the manifest.
  for (const [k, expected] of Object.entries(mv.expect ?? {})) {
    const actual = rep[k as keyof VersionReport];
    if (typeof expected === 'number' && actual !== expected) {
      ctx.diagnostics.push(diag('error', 'count-mismatch', `Version \`${family.id}/${mv.id}\` : ${k} = ${String(actual)}, ${expected} attendu(s) d'après le manifeste`, ctx.at));
    }
  }
  return { version, blocks: blockList, datatypes: datatypeList, report: rep, diagnostics: ctx.diagnostics, message };
}

export type { SourceFile };

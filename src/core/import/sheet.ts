/**
 * Uniform in-memory view of a spreadsheet sheet, whatever its origin
 * (xlsx sheet, CSV export of a sheet, Coog `;` CSV).
 */
import ExcelJS from 'exceljs';
import { parseCsv } from './csv.ts';

/** A raw cell: text, or a number when the xlsx stored one. Empty cells are null. */
export type Cell = string | number | null;

export interface SheetRow {
  /** 1-based row (xlsx) or line (CSV) number, for diagnostics. */
  line: number;
  cells: Cell[];
}

export interface Sheet {
  /** Source file, relative to the source directory (forward slashes). */
  file: string;
  /** Sheet name (xlsx) or a label for CSV files. */
  name: string;
  rows: SheetRow[];
}

/** Problem met while reading a source file (unreadable file, broken CSV…). */
export interface ReadProblem {
  file: string;
  line?: number;
  message: string;
}

function cellValue(v: unknown): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (Array.isArray(o.richText)) return (o.richText as { text: string }[]).map((r) => r.text).join('');
    if ('result' in o) return cellValue(o.result);
    if (typeof o.text === 'string') return o.text;
    if ('error' in o) return null;
  }
  return String(v);
}

/** True when every cell is empty or blank. */
export function isBlankRow(cells: readonly Cell[]): boolean {
  return cells.every((c) => c === null || (typeof c === 'string' && c.trim() === ''));
}

/** Reads every sheet of an xlsx workbook given as bytes. */
export async function readXlsx(data: Buffer, file: string): Promise<Map<string, Sheet>> {
  const wb = new ExcelJS.Workbook();
  // exceljs' typings predate Node's generic Buffer.
  await wb.xlsx.load(data as unknown as ArrayBuffer);
  const out = new Map<string, Sheet>();
  for (const ws of wb.worksheets) {
    const rows: SheetRow[] = [];
    ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      const cells: Cell[] = [];
      // row.values is 1-based; index 0 is unused.
      const values = row.values as unknown[];
      for (let c = 1; c < values.length; c++) cells[c - 1] = cellValue(values[c]);
      for (let c = 0; c < cells.length; c++) if (cells[c] === undefined) cells[c] = null;
      rows.push({ line: rowNumber, cells });
    });
    out.set(ws.name, { file, name: ws.name, rows });
  }
  return out;
}

/** Parses CSV text into a sheet (all cells are strings; empty strings become null). */
export function csvToSheet(text: string, separator: string, file: string, name: string): { sheet: Sheet; problems: ReadProblem[] } {
  const { records, errors } = parseCsv(text, separator);
  const rows: SheetRow[] = records.map((r) => ({ line: r.line, cells: r.cells.map((c) => (c === '' ? null : c)) }));
  return { sheet: { file, name, rows }, problems: errors.map((e) => ({ file, line: e.line, message: e.message })) };
}

/** Header-addressed view of a sheet whose first non-blank row holds column names. */
export interface Table {
  sheet: Sheet;
  columns: string[];
  rows: TableRow[];
  has(column: string): boolean;
}

export interface TableRow {
  line: number;
  get(column: string): Cell;
}

export function toTable(sheet: Sheet, headerIndex?: number): Table {
  const nonBlank = sheet.rows.filter((r) => !isBlankRow(r.cells));
  const hi = headerIndex ?? 0;
  const headerRow = nonBlank[hi];
  const columns = (headerRow?.cells ?? []).map((c) => (c === null ? '' : String(c).trim()));
  const index = new Map<string, number>();
  columns.forEach((c, i) => {
    if (c !== '' && !index.has(c)) index.set(c, i);
  });
  const rows: TableRow[] = nonBlank.slice(hi + 1).map((r) => ({
    line: r.line,
    get(column: string): Cell {
      const i = index.get(column);
      return i === undefined ? null : (r.cells[i] ?? null);
    },
  }));
  return { sheet, columns, rows, has: (c) => index.has(c) };
}

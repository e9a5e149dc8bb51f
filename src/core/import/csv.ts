/**
 * Small RFC 4180 CSV parser with a configurable separator.
 *
 * - quoted fields may contain separators, doubled quotes and line breaks;
 * - records end with CRLF, LF or CR (outside quotes);
 * - a leading UTF-8 BOM is ignored;
 * - a quote inside an unquoted field is kept literally (lenient, like Excel).
 * Problems are returned, never thrown.
 */
export interface CsvRecord {
  /** 1-based line number where the record starts. */
  line: number;
  cells: string[];
}

export interface CsvResult {
  records: CsvRecord[];
  errors: { line: number; message: string }[];
}

export function parseCsv(text: string, separator = ','): CsvResult {
  if (separator.length !== 1 || separator === '"' || separator === '\n' || separator === '\r') {
    throw new Error(`séparateur CSV invalide : ${JSON.stringify(separator)}`);
  }
  const records: CsvRecord[] = [];
  const errors: CsvResult['errors'] = [];
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const n = text.length;
  let line = 1;
  let cells: string[] = [];
  let recordLine = 1;
  let field = '';
  let atFieldStart = true;
  let quoted = false;
  let quoteLine = 0;

  const endField = () => {
    cells.push(field);
    field = '';
    atFieldStart = true;
  };
  const endRecord = () => {
    endField();
    records.push({ line: recordLine, cells });
    cells = [];
  };

  while (i < n) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        continue;
      }
      if (c === '\r' || c === '\n') {
        line++;
        if (c === '\r' && text[i + 1] === '\n') {
          field += '\r\n';
          i += 2;
          continue;
        }
      }
      field += c;
      i++;
      continue;
    }
    if (c === '"' && atFieldStart) {
      quoted = true;
      quoteLine = line;
      atFieldStart = false;
      i++;
      continue;
    }
    if (c === separator) {
      endField();
      i++;
      continue;
    }
    if (c === '\r' || c === '\n') {
      endRecord();
      i += c === '\r' && text[i + 1] === '\n' ? 2 : 1;
      line++;
      recordLine = line;
      continue;
    }
    field += c;
    atFieldStart = false;
    i++;
  }
  if (quoted) {
    errors.push({ line: quoteLine, message: 'guillemet ouvrant sans guillemet fermant' });
  }
  // Last record without a final line break (ignore a trailing empty line).
  if (field !== '' || cells.length > 0 || !atFieldStart) endRecord();
  return { records, errors };
}

import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importFromManifestFile } from '../../../src/core/import/index.ts';
import { compareWithDisk } from '../../../src/cli/commands/import.ts';
import { PROJECT_ROOT } from '../../helpers/fixture.ts';

// The official tables are not in the repository (see SOURCES.md): this test needs them next to it.
const SOURCES = path.resolve(PROJECT_ROOT, '../shared/reference');
const available = existsSync(SOURCES);
const reason = available ? '' : ` — IGNORÉ : tables officielles absentes (${path.relative(PROJECT_ROOT, SOURCES)} introuvable)`;
if (!available) console.warn(`reimport.test.ts : test ignoré, dossier des tables officielles introuvable : ${SOURCES}`);

describe.skipIf(!available)(`réimport des tables officielles${reason}`, () => {
  it('reproduit norm/ octet pour octet (aucun fichier modifié, manquant ou en trop)', async () => {
    const res = await importFromManifestFile(path.join(PROJECT_ROOT, 'seeds/import-manifest.yaml'), 'seeds/import-manifest.yaml', { sourceDir: SOURCES });
    expect(res.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(res.files.size).toBeGreaterThan(2000);
    const diff = await compareWithDisk(path.join(PROJECT_ROOT, 'norm'), res.files, res.owned);
    expect(diff).toEqual({ changed: [], missing: [], extra: [] });
    // Contradictions inside the official tables, with their row: dsn_cahier_technique_p3_2019.1.2.xlsx,
    // sheet Data Types, row 278: DSN_Numero_Contrat, Regexp `[A-Z0-9]` (one character), Lg Min 5, Lg Max 20.
    const anomalies = res.diagnostics.filter((d) => d.rule === 'official-anomaly' && d.file?.startsWith('florentingerard'));
    expect(anomalies.map((d) => `${d.line} ${d.message.split(' : ').slice(-1)[0].split(' (')[0]}`)).toContain(
      '278 aucune valeur ne peut satisfaire le type `DSN_Numero_Contrat`',
    );
    expect(anomalies.every((d) => d.severity === 'info')).toBe(true);
  });
});

import type { Block, ResolvedVersion } from './types.ts';

/** Register the rubriques of block `b` (with their position) and their controls in the lookups of `v`. */
export function indexBlock(v: Pick<ResolvedVersion, 'rubriques' | 'controls'>, b: Block): void {
  b.rubriques.forEach((r, index) => {
    v.rubriques.set(r.id, { rubrique: r, block: b, index });
    for (const control of r.controls ?? []) v.controls.set(control.id, { control, rubrique: r, block: b });
  });
}

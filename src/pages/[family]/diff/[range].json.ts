/** `/{family}/diff/{from}...{to}.json`: the note différentielle, formatted by the core (same output as the CLI). */
import type { APIRoute } from 'astro';
import { allDiffs, diffApi, type DiffPair } from '../../../site/diffs.ts';

export async function getStaticPaths() {
  return (await allDiffs()).map((pair) => ({ params: { family: pair.family.id, range: pair.range }, props: { pair } }));
}

export const GET: APIRoute = async ({ props }) => {
  const { pair } = props as { pair: DiffPair };
  const { formatDiff } = await diffApi();
  if (!formatDiff) throw new Error('formatDiff absent du cœur (src/core/diff) : impossible de produire les fichiers de la note différentielle.');
  return new Response(formatDiff(pair.result, 'json'), { headers: { 'Content-Type': 'application/json; charset=utf-8' } });
};

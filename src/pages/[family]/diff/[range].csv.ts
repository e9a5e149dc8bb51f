/** `/{family}/diff/{from}...{to}.csv`: the note différentielle, formatted by the core (same output as `norme diff --format csv`). */
import { diffFileRoute } from '../../../site/diffs.ts';

const route = diffFileRoute('csv');
export const getStaticPaths = route.getStaticPaths;
export const GET = route.GET;

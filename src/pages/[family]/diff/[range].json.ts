/** `/{family}/diff/{from}...{to}.json`: the note différentielle, formatted by the core (same output as `norme diff --format json`). */
import { diffFileRoute } from '../../../site/diffs.ts';

const route = diffFileRoute('json');
export const getStaticPaths = route.getStaticPaths;
export const GET = route.GET;

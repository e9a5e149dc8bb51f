/** `/{family}/diff/{from}...{to}.md`: the note différentielle, formatted by the core (same output as `norme diff --format md`). */
import { diffFileRoute } from '../../../site/diffs.ts';

const route = diffFileRoute('md');
export const getStaticPaths = route.getStaticPaths;
export const GET = route.GET;

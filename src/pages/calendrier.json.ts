/** `/calendrier.json`: applicability of every version, read by the pages to answer for the reader's month (src/site/now.ts). */
import type { APIRoute } from 'astro';
import { getSite } from '../site/data.ts';
import { calendarJson } from '../site/now.ts';

export const GET: APIRoute = async () => new Response(calendarJson((await getSite()).calendar), { headers: { 'Content-Type': 'application/json' } });

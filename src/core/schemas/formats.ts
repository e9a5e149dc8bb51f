/**
 * The JSON Schema formats checked by norme's compiled validators (validators.generated.js,
 * `npm run types`): `date`, a real calendar day `YYYY-MM-DD` (the standard format of JSON
 * Schema, so the published schemas keep their meaning for other tools). The calendar itself is in
 * check/dates.ts: one definition for the registry, the fiches and the DSN checker.
 */
import { isIsoDate } from '../check/dates.ts';

const formats = { date: isIsoDate };
export default formats;

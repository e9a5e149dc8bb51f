/** Impact report of a change to the registry (issue #6): `norme review`. */
export { buildReview } from './build.ts';
export type { ReviewOptions, ReviewSideInput } from './build.ts';
export { formatReview, reviewJson, reviewMarkdown, REVIEW_FORMATS } from './format.ts';
export type { ReviewFormat } from './format.ts';
export { FAIL_ON } from './types.ts';
export type * from './types.ts';

export { generateSample, SampleError } from './generate.ts';
export type { SampleOptions } from './generate.ts';
export { createRng } from './rng.ts';
export type { Rng } from './rng.ts';

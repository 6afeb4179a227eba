/**
 * Property tests run with one fixed seed, so a test run is repeatable and CI never fails by chance.
 * Explore with other inputs by setting FC_SEED (a number, or "random") and FC_RUNS.
 */
import fc from 'fast-check';

const seed = process.env.FC_SEED;
const runs = Number(process.env.FC_RUNS);
fc.configureGlobal({
  ...(seed === 'random' ? {} : { seed: seed === undefined ? 20261201 : Number(seed) }),
  ...(Number.isInteger(runs) && runs > 0 ? { numRuns: runs } : {}),
});

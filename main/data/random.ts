// The seeded PRNG lives with the pure analysis functions (the bootstrap draws from it, and
// the browser may import it); data and engine code keep importing it from here.
export * from '../../analysis/random.ts';

/** mulberry32: a small, fast, seedable PRNG, identical on every platform. */
export function mulberry32(state: number): { value: number; state: number } {
  const a = (state + 0x6d2b79f5) >>> 0;
  let t = a;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return { value: ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296, state: a };
}

/** A generator of uniform draws in [0, 1) from a seed. */
export function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    const r = mulberry32(s);
    s = r.state;
    return r.value;
  };
}

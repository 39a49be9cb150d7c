/** Timing helpers shared by the benches: medians of wall-clock and CPU time after a warm-up. */

export const now = (): number => performance.now();
export const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
export const ms = (x: number): string => `${x.toFixed(x < 10 ? 2 : 1)} ms`;

/** Median wall-clock time of `run` (ms), after three warm-up runs. */
export function time(run: () => unknown, rounds: number): number {
  for (let i = 0; i < 3; i++) run();
  const t: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const s = now();
    run();
    t.push(now() - s);
  }
  return median(t);
}

/** Median CPU time of the process (user + system) per run: less sensitive to other processes than wall time. */
export function cpuTime(run: () => unknown, rounds: number): number {
  for (let i = 0; i < 3; i++) run();
  const t: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const s = process.cpuUsage();
    run();
    const d = process.cpuUsage(s);
    t.push((d.user + d.system) / 1000);
  }
  return median(t);
}

/** Median wall-clock time of an asynchronous `run` (ms), after `warmUp` runs. */
export async function timeAsync(run: () => Promise<unknown>, rounds: number, warmUp = 3): Promise<number> {
  for (let i = 0; i < warmUp; i++) await run();
  const t: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const s = now();
    await run();
    t.push(now() - s);
  }
  return median(t);
}

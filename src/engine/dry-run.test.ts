import { describe, expect, it } from 'vitest';
import { loadLibrary } from '../server/modules/scenarios/library.ts';
import { dryRun } from './dry-run.ts';
import { computeMetrics } from './metrics.ts';

const library = loadLibrary();
const byKey = (key: string) => {
  const s = library.find((x) => x.key === key);
  if (!s) throw new Error(`no library scenario ${key}`);
  return s;
};

describe('dry runs', () => {
  it('are deterministic for a seed, and differ between seeds', () => {
    const s = byKey('party-hack-and-leak');
    const a = dryRun(s, { bots: 'slow', seed: 7 });
    expect(dryRun(s, { bots: 'slow', seed: 7 })).toEqual(a);
    expect(dryRun(s, { bots: 'slow', seed: 8 }).events).not.toEqual(a.events);
  });

  it.each(library.map((s) => [s.key ?? '?', s] as const))('play %s to its end', (_key, s) => {
    const prompt = dryRun(s, { bots: 'prompt', seed: 1 });
    expect(prompt.simulatedMs).toBe(s.durationMinutes * 60_000);
    expect(prompt.metrics.expectationTotals.missed).toBe(0);
    expect(prompt.metrics.injectsReleased).toBeGreaterThanOrEqual(
      s.injects.filter((i) => i.release.kind === 'on_time' || i.release.kind === 'held').length,
    );
    // Prompt teams inform every party of every sharing rule that was triggered.
    for (const rule of prompt.metrics.sharing) for (const inst of rule.instances) expect(inst.allInformedMs).not.toBeNull();
  });

  it('tell prompt teams from negligent ones: missed expectations fire the on-missed branches', () => {
    const s = byKey('leader-deepfake');
    const prompt = dryRun(s, { bots: 'prompt', seed: 3 });
    const negligent = dryRun(s, { bots: 'negligent', seed: 3 });
    expect(negligent.metrics.expectationTotals.missed).toBeGreaterThan(0);
    const branches = s.injects.filter((i) => i.release.kind === 'on_missed').map((i) => i.id);
    const releasedIds = (r: typeof prompt) => r.metrics.injects.filter((i) => i.releasedAtMs !== null).map((i) => i.injectId);
    expect(branches.some((id) => releasedIds(negligent).includes(id))).toBe(true);
    expect(branches.some((id) => releasedIds(prompt).includes(id))).toBe(false);
    expect(prompt.metrics.medianAcknowledgeMs).toBeLessThan(negligent.metrics.medianAcknowledgeMs ?? Infinity);
  });

  it('model the ransomware spread: prompt teams contain it before it crosses into headquarters', () => {
    const s = byKey('returning-office-ransomware');
    const r = dryRun(s, { bots: 'prompt', seed: 4 });
    const values = r.events.filter((e) => e.kind === 'model_value').map((e) => e.payload.value);
    expect(values.length).toBeGreaterThan(50);
    expect(r.events.some((e) => e.kind === 'system_contained' && e.payload.systemId === 'ro-vpn')).toBe(true);
    expect(r.metrics.injects.find((i) => i.injectId === 'i17-gateway-alarm')?.releasedAtMs).toBeNull();
  });

  it('measure the same from the events as computeMetrics does', () => {
    const s = byKey('whole-of-government-chain');
    const r = dryRun(s, { bots: 'slow', seed: 11 });
    expect(computeMetrics(s, r.events)).toEqual(r.metrics);
    expect(r.metrics.sharing.length).toBe(s.sharingRules.length);
  });
});

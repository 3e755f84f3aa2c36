/**
 * Dry-run speed: a three-day exercise with 500 injects and 200 bot players, played on virtual
 * time. Prints simulated seconds per wall second (goal >= 100,000) and, as the baseline in the
 * same run, the speed of the bare engine with no bots (only releases), as a ratio.
 */
import { dryRun } from '../src/engine/dry-run.ts';
import { MINUTE, initialState, nextWake, step } from '../src/engine/engine.ts';
import type { ScenarioDocument } from '../src/shared/scenario-format.ts';
import { prng } from '../src/engine/rng.ts';

export function bigScenario(injects = 500, teams = 10, days = 3): ScenarioDocument {
  const r = prng(99);
  const t = (s: string) => ({ en: s, fr: s });
  const teamIds = Array.from({ length: teams }, (_, i) => `team-${i + 1}`);
  return {
    format: 'readyroom-scenario',
    formatVersion: 1,
    title: t('Benchmark'),
    summary: t('Benchmark'),
    kind: 'hybrid',
    narrative: t('Benchmark'),
    marking: { classification: 'UNCLASSIFIED', tlp: 'CLEAR', caveats: [] },
    durationMinutes: days * 1440,
    objectives: [],
    planIds: [],
    sharingRules: [],
    techniques: [],
    teams: teamIds.map((id) => ({ id, name: t(id), kind: 'organisation' as const, screening: 'none' as const, caveats: [], roles: [] })),
    personas: [],
    injects: Array.from({ length: injects }, (_, i) => {
      const to = teamIds.filter(() => r() < 0.3);
      return {
        id: `i${i}`,
        number: i + 1,
        offsetMinutes: Math.floor(r() * days * 1440 * 0.9),
        title: t(`inject ${i}`),
        recipients: { everyone: to.length === 0, teams: to, roles: [] },
        channel: 'email' as const,
        content: t('content'),
        marking: { classification: 'UNCLASSIFIED' as const, tlp: 'CLEAR' as const, caveats: [] },
        attachments: [],
        controllerNotes: '',
        expectedActions: [
          { id: 'act', description: t('act'), by: [to[0] ?? (teamIds[0] as string)], withinMinutes: 30 + Math.floor(r() * 90) },
        ],
        release:
          i > 10 && r() < 0.1
            ? { kind: 'on_missed' as const, injectId: `i${i - 5}`, expectedActionId: 'act', delayMinutes: 10 }
            : { kind: 'on_time' as const },
      };
    }),
  };
}

function bareEngine(doc: ScenarioDocument): number {
  let s = initialState(doc);
  const start = step(s, { kind: 'start' }, 0);
  if (!start.ok) throw new Error(start.error);
  s = start.state;
  for (let wake = nextWake(s); wake !== null && wake <= doc.durationMinutes * MINUTE; wake = nextWake(s)) {
    const r = step(s, { kind: 'tick' }, wake);
    if (!r.ok) throw new Error(r.error);
    s = r.state;
  }
  return s.clock.exerciseMs;
}

const doc = bigScenario();
const simulatedSeconds = doc.durationMinutes * 60;
let t0 = performance.now();
const result = dryRun(doc, { bots: 'slow', seed: 1, playersPerTeam: 20 });
const wall = (performance.now() - t0) / 1000;
t0 = performance.now();
bareEngine(doc);
const bareWall = (performance.now() - t0) / 1000;
const speed = simulatedSeconds / wall;
const bareSpeed = simulatedSeconds / bareWall;
process.stdout.write(
  [
    `dry run: 3 days, ${doc.injects.length} injects, 200 bots (20 per team x 10 teams), ${result.eventCount} events`,
    `  wall ${wall.toFixed(2)} s -> ${Math.round(speed).toLocaleString('en')} simulated s per wall s (goal >= 100,000)`,
    `  baseline, bare engine without bots: ${bareWall.toFixed(3)} s -> ${Math.round(bareSpeed).toLocaleString('en')} simulated s per wall s`,
    `  ratio dry run / bare engine: ${(speed / bareSpeed).toFixed(3)}`,
  ].join('\n') + '\n',
);

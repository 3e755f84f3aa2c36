import { existsSync } from 'node:fs';
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { BOT_PROFILES, dryRun, type BotProfile, type DryRunResult } from '../engine/dry-run.ts';
import type { ScenarioDocument } from '../shared/scenario-format.ts';
import { loadLibrary } from '../server/modules/scenarios/library.ts';
import { parseScenarioFile } from '../server/modules/scenarios/import-scenario.ts';
import { AppError } from '../server/platform/errors.ts';
import { fail } from './runtime.ts';

const minutes = (ms: number | null) => (ms === null ? '—' : `${Math.round(ms / 6000) / 10} min`);

function summary(s: ScenarioDocument, r: DryRunResult): string {
  const t = r.metrics.expectationTotals;
  const lines = [
    `${s.title.en} — dry run with ${r.bots} bots, seed ${r.seed}`,
    `simulated ${minutes(r.simulatedMs)}, ${r.eventCount} events, ${r.metrics.injectsReleased}/${s.injects.length} injects released`,
    `expected actions: ${t.met} met, ${t.late} late, ${t.missed} missed, ${t.notDue} never due`,
    `median time to acknowledge: ${minutes(r.metrics.medianAcknowledgeMs)}`,
  ];
  for (const rule of r.metrics.sharing) {
    for (const i of rule.instances)
      lines.push(`sharing ${rule.ruleId}: last party informed after ${minutes(i.allInformedMs)} (rule: ${minutes(rule.withinMs)})`);
  }
  return `${lines.join('\n')}\n`;
}

/** A library key, or a scenario file (JSON, YAML or CEXF). */
function scenarioFrom(ref: string): ScenarioDocument {
  const fromLibrary = loadLibrary().find((s) => s.key === ref);
  if (fromLibrary) return fromLibrary;
  if (!existsSync(ref))
    fail(
      `<scenario>: no library scenario "${ref}" and no such file (library: ${loadLibrary()
        .map((s) => s.key)
        .join(', ')})`,
      2,
    );
  try {
    return parseScenarioFile(readFileSync(ref, 'utf8'));
  } catch (err) {
    if (err instanceof AppError) fail(`${ref}: ${err.message}`, 2);
    throw err;
  }
}

export function exerciseCommand(program: Command): void {
  const exercise = program.command('exercise').description('exercises');
  exercise
    .command('dry-run')
    .description('rehearse a scenario on virtual time with scripted bot players and print its metrics')
    .argument('<scenario>', 'a library scenario key (e.g. leader-deepfake) or a scenario file')
    .option('--bots <profile>', `bot players: ${BOT_PROFILES.join(', ')}`, 'prompt')
    .option('--seed <n>', 'random seed (the same seed gives the same run)', '1')
    .option('--players <n>', 'bot players per organisation team', '2')
    .option('--json', 'print the full result (metrics and events) as JSON')
    .action((ref: string, o: { bots: string; seed: string; players: string; json?: boolean }) => {
      if (!BOT_PROFILES.includes(o.bots as BotProfile)) fail(`--bots: one of ${BOT_PROFILES.join(', ')}`, 2);
      const seed = Number(o.seed);
      const players = Number(o.players);
      if (!Number.isInteger(seed)) fail('--seed: a whole number', 2);
      if (!Number.isInteger(players) || players < 1 || players > 1000) fail('--players: a whole number from 1 to 1000', 2);
      const s = scenarioFrom(ref);
      const r = dryRun(s, { bots: o.bots as BotProfile, seed, playersPerTeam: players });
      process.stdout.write(o.json ? `${JSON.stringify(r)}\n` : summary(s, r));
    });
}

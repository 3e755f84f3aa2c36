/**
 * Pure rules over a scenario document: the problems that must be fixed before an exercise can
 * start, and the parser for the time offsets planners type into the MSEL.
 */
import { CLASSIFICATION_RANK, DEFAULT_SCREENING_CEILINGS, clearedFor, holdsCaveats, type ScreeningCeilings } from './markings.ts';
import type { ScenarioDocument } from './scenario-format.ts';

export const PROBLEM_CODES = [
  'duplicate_id',
  'duplicate_number',
  'unknown_team',
  'unknown_role',
  'unknown_persona',
  'unknown_inject',
  'unknown_expected_action',
  'unknown_objective',
  'unknown_task',
  'unknown_sharing_rule',
  'unknown_system',
  'no_recipients',
  'persona_missing',
  'offset_past_end',
  'missing_text',
  'condition_cycle',
  'recipients_not_cleared',
] as const;
export type ProblemCode = (typeof PROBLEM_CODES)[number];

export type Problem = { code: ProblemCode; path: string; message: string };

const CHANNELS_WITH_PERSONA = new Set(['social_post', 'news_article']);

/** Every problem in the scenario, in document order; an empty list means it is ready. */
export function validateScenario(doc: ScenarioDocument, ceilings: ScreeningCeilings = DEFAULT_SCREENING_CEILINGS): Problem[] {
  const problems: Problem[] = [];
  const add = (code: ProblemCode, path: string, message: string) => problems.push({ code, path, message });
  const text = (t: { en: string; fr: string }, path: string) => {
    if (!t.en.trim()) add('missing_text', `${path}.en`, 'English text is missing');
    if (!t.fr.trim()) add('missing_text', `${path}.fr`, 'French text is missing');
  };
  const unique = <T extends { id: string }>(items: readonly T[], path: string) => {
    const seen = new Set<string>();
    items.forEach((item, i) => {
      if (seen.has(item.id)) add('duplicate_id', `${path}[${i}].id`, `id "${item.id}" is used twice`);
      seen.add(item.id);
    });
  };

  text(doc.title, 'title');
  text(doc.summary, 'summary');
  text(doc.narrative, 'narrative');

  unique(doc.teams, 'teams');
  unique(doc.personas, 'personas');
  unique(doc.objectives, 'objectives');
  unique(doc.injects, 'injects');
  unique(doc.sharingRules, 'sharingRules');

  const teams = new Map(doc.teams.map((t) => [t.id, t]));
  const roles = new Set(doc.teams.flatMap((t) => t.roles.map((r) => r.id)));
  const personas = new Set(doc.personas.map((p) => p.id));
  const rules = new Set(doc.sharingRules.map((r) => r.id));
  const objectives = new Map(doc.objectives.map((o) => [o.id, new Set(o.capabilities.flatMap((c) => c.criticalTasks.map((t) => t.id)))]));
  const injects = new Map(doc.injects.map((i) => [i.id, i]));

  doc.teams.forEach((t, i) => {
    text(t.name, `teams[${i}].name`);
    t.roles.forEach((r, j) => text(r.name, `teams[${i}].roles[${j}].name`));
  });
  doc.objectives.forEach((o, i) => {
    text(o.title, `objectives[${i}].title`);
    o.capabilities.forEach((c, j) => {
      text(c.name, `objectives[${i}].capabilities[${j}].name`);
      c.criticalTasks.forEach((t, k) => text(t.title, `objectives[${i}].capabilities[${j}].criticalTasks[${k}].title`));
    });
  });
  const systems = new Set((doc.systems ?? []).map((s) => s.id));
  unique(doc.systems ?? [], 'systems');
  (doc.systems ?? []).forEach((s, i) => {
    text(s.name, `systems[${i}].name`);
    if (s.teamId !== undefined && !teams.has(s.teamId)) add('unknown_team', `systems[${i}].teamId`, `no team "${s.teamId}"`);
    s.linkedTo.forEach((l, j) => {
      if (!systems.has(l)) add('unknown_system', `systems[${i}].linkedTo[${j}]`, `no system "${l}"`);
    });
  });
  doc.sharingRules.forEach((r, i) => {
    text(r.description, `sharingRules[${i}].description`);
    if (!teams.has(r.knownTo)) add('unknown_team', `sharingRules[${i}].knownTo`, `no team "${r.knownTo}"`);
    r.notify.forEach((n, j) => {
      if (!teams.has(n)) add('unknown_team', `sharingRules[${i}].notify[${j}]`, `no team "${n}"`);
    });
  });

  const numbers = new Set<number>();
  doc.injects.forEach((inj, i) => {
    const p = `injects[${i}]`;
    if (numbers.has(inj.number)) add('duplicate_number', `${p}.number`, `inject number ${inj.number} is used twice`);
    numbers.add(inj.number);
    text(inj.title, `${p}.title`);
    text(inj.content, `${p}.content`);
    if (inj.offsetMinutes > doc.durationMinutes) {
      add(
        'offset_past_end',
        `${p}.offsetMinutes`,
        `released at ${formatOffset(inj.offsetMinutes)}, after the end (${formatOffset(doc.durationMinutes)})`,
      );
    }
    const r = inj.recipients;
    if (!r.everyone && r.teams.length === 0 && r.roles.length === 0) add('no_recipients', `${p}.recipients`, 'nobody receives this inject');
    r.teams.forEach((t, j) => {
      if (!teams.has(t)) add('unknown_team', `${p}.recipients.teams[${j}]`, `no team "${t}"`);
    });
    r.roles.forEach((role, j) => {
      if (!roles.has(role)) add('unknown_role', `${p}.recipients.roles[${j}]`, `no role "${role}" in any team`);
    });
    if (inj.personaId !== undefined && !personas.has(inj.personaId))
      add('unknown_persona', `${p}.personaId`, `no persona "${inj.personaId}"`);
    if (inj.personaId === undefined && CHANNELS_WITH_PERSONA.has(inj.channel)) {
      add('persona_missing', `${p}.personaId`, `a ${inj.channel.replace('_', ' ')} needs a persona`);
    }
    // Everyone who receives the inject must be able to read it.
    const receiving = r.everyone
      ? doc.teams
      : doc.teams.filter((t) => r.teams.includes(t.id) || t.roles.some((x) => r.roles.includes(x.id)));
    for (const t of receiving) {
      if (!clearedFor(t.screening, inj.marking.classification, ceilings) || !holdsCaveats(t.caveats, inj.marking.caveats)) {
        add(
          'recipients_not_cleared',
          `${p}.recipients`,
          `team "${t.id}" cannot read ${inj.marking.classification}${inj.marking.caveats.length ? ` with ${inj.marking.caveats.join(', ')}` : ''}`,
        );
      }
    }
    inj.attachments.forEach((a, j) => text(a.description, `${p}.attachments[${j}].description`));
    inj.incident?.compromised.forEach((sys, j) => {
      if (!systems.has(sys)) add('unknown_system', `${p}.incident.compromised[${j}]`, `no system "${sys}" in the scenario's inventory`);
    });
    inj.expectedActions.forEach((a, j) => {
      const ap = `${p}.expectedActions[${j}]`;
      text(a.description, `${ap}.description`);
      a.by.forEach((t, k) => {
        if (!teams.has(t)) add('unknown_team', `${ap}.by[${k}]`, `no team "${t}"`);
      });
      if (a.objectiveId !== undefined) {
        const tasks = objectives.get(a.objectiveId);
        if (!tasks) add('unknown_objective', `${ap}.objectiveId`, `no objective "${a.objectiveId}"`);
        else if (a.taskId !== undefined && !tasks.has(a.taskId))
          add('unknown_task', `${ap}.taskId`, `no critical task "${a.taskId}" under "${a.objectiveId}"`);
      } else if (a.taskId !== undefined) add('unknown_task', `${ap}.taskId`, 'a task needs its objective');
      if (a.sharingRuleId !== undefined && !rules.has(a.sharingRuleId))
        add('unknown_sharing_rule', `${ap}.sharingRuleId`, `no sharing rule "${a.sharingRuleId}"`);
    });
    const rel = inj.release;
    if (rel.kind === 'after_action' || rel.kind === 'on_missed' || rel.kind === 'model_threshold') {
      const target = injects.get(rel.injectId);
      if (!target) add('unknown_inject', `${p}.release.injectId`, `no inject "${rel.injectId}"`);
      else if (rel.kind !== 'model_threshold' && !target.expectedActions.some((a) => a.id === rel.expectedActionId)) {
        add(
          'unknown_expected_action',
          `${p}.release.expectedActionId`,
          `inject "${rel.injectId}" has no expected action "${rel.expectedActionId}"`,
        );
      }
    }
  });

  for (const cycle of conditionCycles(doc)) {
    const i = doc.injects.findIndex((x) => x.id === cycle[0]);
    add('condition_cycle', `injects[${i}].release`, `release conditions form a cycle: ${[...cycle, cycle[0]].join(' → ')}`);
  }
  return problems;
}

/** Cycles in "released by something that happens to inject X" dependencies, each reported once. */
function conditionCycles(doc: ScenarioDocument): string[][] {
  const dependsOn = new Map<string, string>();
  for (const inj of doc.injects) {
    if (inj.release.kind === 'after_action' || inj.release.kind === 'on_missed' || inj.release.kind === 'model_threshold') {
      dependsOn.set(inj.id, inj.release.injectId);
    }
  }
  const cycles: string[][] = [];
  const done = new Set<string>();
  for (const start of dependsOn.keys()) {
    const path: string[] = [];
    const onPath = new Set<string>();
    let node: string | undefined = start;
    while (node !== undefined && !done.has(node) && !onPath.has(node)) {
      path.push(node);
      onPath.add(node);
      node = dependsOn.get(node);
    }
    if (node !== undefined && onPath.has(node)) cycles.push(path.slice(path.indexOf(node)));
    for (const n of path) done.add(n);
  }
  return cycles;
}

/** The highest classification rank of anything in the scenario (for exports and listings). */
export function scenarioRank(doc: ScenarioDocument): number {
  return Math.max(
    CLASSIFICATION_RANK[doc.marking.classification],
    ...doc.injects.map((i) => CLASSIFICATION_RANK[i.marking.classification]),
  );
}

/** "D+1 H+02 M+30" for 1 day, 2 hours and 30 minutes. */
export function formatOffset(minutes: number): string {
  const d = Math.floor(minutes / 1440);
  const h = Math.floor((minutes % 1440) / 60);
  const m = minutes % 60;
  return `D+${d} H+${String(h).padStart(2, '0')} M+${String(m).padStart(2, '0')}`;
}

export type OffsetParse = { ok: true; minutes: number } | { ok: false; message: string };

/**
 * Parse an offset as planners write it: `D+1 H+2 M+30` (any part may be left out), `+90m`,
 * `+2h`, `+1d`, `02:30` (hours:minutes from start), or `@14:30` (a wall-clock time on the
 * exercise day, which needs the exercise's local start time as `startClock`, "HH:MM").
 */
export function parseOffset(text: string, startClock?: string): OffsetParse {
  const s = text.trim();
  const dhm = /^(?:D\s*\+\s*(\d+))?\s*(?:H\s*\+\s*(\d+))?\s*(?:M\s*\+\s*(\d+))?$/i.exec(s);
  if (s && dhm && (dhm[1] ?? dhm[2] ?? dhm[3]) !== undefined) {
    return { ok: true, minutes: Number(dhm[1] ?? 0) * 1440 + Number(dhm[2] ?? 0) * 60 + Number(dhm[3] ?? 0) };
  }
  const plus = /^\+\s*(\d+)\s*(m|min|h|d)$/i.exec(s);
  if (plus) {
    const n = Number(plus[1]);
    const unit = (plus[2] ?? 'm').toLowerCase();
    return { ok: true, minutes: unit === 'd' ? n * 1440 : unit === 'h' ? n * 60 : n };
  }
  const clock = /^(\d{1,3}):([0-5]\d)$/.exec(s);
  if (clock) return { ok: true, minutes: Number(clock[1]) * 60 + Number(clock[2]) };
  const wall = /^@\s*([01]?\d|2[0-3]):([0-5]\d)$/.exec(s);
  if (wall) {
    if (!startClock) return { ok: false, message: 'a wall-clock time needs the exercise start time' };
    const start = /^([01]?\d|2[0-3]):([0-5]\d)$/.exec(startClock);
    if (!start) return { ok: false, message: `start time "${startClock}" is not HH:MM` };
    const diff = Number(wall[1]) * 60 + Number(wall[2]) - (Number(start[1]) * 60 + Number(start[2]));
    if (diff < 0) return { ok: false, message: `${s} is before the exercise starts (${startClock})` };
    return { ok: true, minutes: diff };
  }
  return { ok: false, message: `"${s}" is not an offset: write D+1 H+2 M+30, +90m, 02:30 or @14:30` };
}

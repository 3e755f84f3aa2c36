/**
 * MISP's Common Exercise Format (CEXF) to our scenario format. CEXF describes a cyber exercise
 * as `exercise` metadata, an `inject_flow` (triggers: start of exercise, or the resolution of
 * another inject's evaluation), `inject_payloads` and `injects` with their evaluations. We map
 * the flow to release conditions and each evaluation to an expected action; CEXF has no French,
 * so the imported scenario lists the missing translations as problems to fix.
 */
import { z } from 'zod';
import { TLP_LABELS } from '../../../shared/markings.ts';
import type { Inject, ScenarioDocument } from '../../../shared/scenario-format.ts';

const uuidish = z.string().regex(/^[0-9a-fA-F-]{8,36}$/, 'must be a UUID');

export const cexfSchema = z.object({
  exercise: z.looseObject({
    name: z.string().min(1),
    description: z.string().default(''),
    expanded: z.string().default(''),
    total_duration: z.union([z.string(), z.number()]).optional(),
    tags: z.array(z.string()).default([]),
    uuid: z.string().optional(),
  }),
  inject_flow: z.array(
    z.looseObject({
      inject_uuid: uuidish,
      description: z.string().default(''),
      requirements: z
        .union([z.looseObject({ inject_uuid: uuidish.optional(), resolution_requirement: z.string().optional() }), z.array(z.unknown())])
        .default({}),
      sequence: z.looseObject({ trigger: z.union([z.string(), z.array(z.string())]).optional() }).optional(),
      trigger: z.union([z.string(), z.array(z.string())]).optional(),
    }),
  ),
  inject_payloads: z
    .array(
      z.looseObject({
        uuid: uuidish,
        name: z.string().default(''),
        type: z.string().default(''),
        parameters: z.record(z.string(), z.unknown()).default({}),
      }),
    )
    .default([]),
  injects: z.array(
    z.looseObject({
      uuid: uuidish,
      name: z.string().min(1),
      action: z.string().default(''),
      action_payload_resource_uuid: z.string().optional(),
      target_tool: z.string().default(''),
      inject_evaluation: z.array(z.looseObject({ result: z.string().default(''), parameters: z.unknown().optional() })).default([]),
    }),
  ),
});
export type Cexf = z.infer<typeof cexfSchema>;

/** True when a parsed file looks like CEXF rather than our own format. */
export function looksLikeCexf(value: unknown): boolean {
  return typeof value === 'object' && value !== null && 'inject_flow' in value && 'injects' in value && 'exercise' in value;
}

const slug = (text: string, fallback: string) => {
  const s = text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 56);
  return s || fallback;
};

const FOLLOW_UP_MINUTES = 15;

/** Convert a validated CEXF document; throws an Error naming the field when references do not resolve. */
export function cexfToScenario(cexf: Cexf): ScenarioDocument {
  const injects = new Map(cexf.injects.map((i) => [i.uuid.toLowerCase(), i]));
  const payloads = new Map(cexf.inject_payloads.map((p) => [p.uuid.toLowerCase(), p]));
  const tlpTag = cexf.exercise.tags.map((t) => /^tlp:(\w[\w+-]*)$/i.exec(t)?.[1]?.toUpperCase()).find(Boolean);
  const tlp = TLP_LABELS.find((l) => l === tlpTag || (tlpTag === 'WHITE' && l === 'CLEAR')) ?? 'AMBER';
  const seconds = Number(cexf.exercise.total_duration ?? 0);
  const idOf = (uuid: string) => `i-${uuid.toLowerCase()}`.slice(0, 64);
  const evalId = (k: number, result: string) => slug(`${k + 1}-${result}`, `evaluation-${k + 1}`);

  const offsets = new Map<string, number>();
  const result: Inject[] = [];
  cexf.inject_flow.forEach((step, index) => {
    const inj = injects.get(step.inject_uuid.toLowerCase());
    if (!inj) throw new Error(`inject_flow.${index}.inject_uuid: no inject ${step.inject_uuid}`);
    const req = Array.isArray(step.requirements) ? {} : step.requirements;
    let release: Inject['release'] = { kind: 'on_time' };
    let offsetMinutes = 0;
    if (req.inject_uuid) {
      const parent = injects.get(req.inject_uuid.toLowerCase());
      if (!parent) throw new Error(`inject_flow.${index}.requirements.inject_uuid: no inject ${req.inject_uuid}`);
      const k = Math.max(
        0,
        parent.inject_evaluation.findIndex((e) => e.result === req.resolution_requirement),
      );
      const evaluation = parent.inject_evaluation[k];
      offsetMinutes = (offsets.get(parent.uuid.toLowerCase()) ?? 0) + FOLLOW_UP_MINUTES;
      if (evaluation)
        release = { kind: 'after_action', injectId: idOf(parent.uuid), expectedActionId: evalId(k, evaluation.result), delayMinutes: 0 };
    }
    offsets.set(inj.uuid.toLowerCase(), offsetMinutes);
    const payload = inj.action_payload_resource_uuid ? payloads.get(inj.action_payload_resource_uuid.toLowerCase()) : undefined;
    const params = payload?.parameters ?? {};
    let content = step.description || inj.name;
    if (payload?.type === 'file' && typeof params.content === 'string') {
      const text = params['content-type'] === 'base64' ? Buffer.from(params.content, 'base64').toString('utf8') : params.content;
      if (!text.includes('\u0000')) content = text;
    }
    result.push({
      id: idOf(inj.uuid),
      number: index + 1,
      offsetMinutes,
      title: { en: inj.name, fr: '' },
      recipients: { everyone: true, teams: [], roles: [] },
      channel: /email|mail/i.test(inj.action) ? 'email' : 'system_alert',
      content: { en: content, fr: '' },
      marking: { classification: 'UNCLASSIFIED', tlp, caveats: [] },
      attachments:
        payload && typeof params.filename === 'string'
          ? [{ name: params.filename, description: { en: `CEXF payload ${payload.name}`, fr: '' }, mediaType: 'application/octet-stream' }]
          : [],
      controllerNotes: [
        inj.target_tool && `Target tool: ${inj.target_tool}`,
        inj.action && `CEXF action: ${inj.action}`,
        payload && `Payload ${payload.name} (${payload.type}): ${JSON.stringify(params).slice(0, 500)}`,
      ]
        .filter(Boolean)
        .join('\n'),
      expectedActions: inj.inject_evaluation.map((e, k) => ({
        id: evalId(k, e.result),
        description: { en: `${e.result}${e.parameters ? ` — ${JSON.stringify(e.parameters).slice(0, 300)}` : ''}`, fr: '' },
        by: ['participants'],
        withinMinutes: 30,
      })),
      release,
    });
  });

  const techniqueIds = [...new Set(JSON.stringify(cexf.injects).match(/\bT\d{4}(?:\.\d{3})?\b/g) ?? [])];
  const lastOffset = Math.max(0, ...result.map((i) => i.offsetMinutes));
  return {
    format: 'readyroom-scenario',
    formatVersion: 1,
    title: { en: cexf.exercise.name, fr: '' },
    summary: { en: cexf.exercise.description, fr: '' },
    kind: 'cyber',
    narrative: { en: cexf.exercise.expanded || cexf.exercise.description, fr: '' },
    marking: { classification: 'UNCLASSIFIED', tlp, caveats: [] },
    durationMinutes: Math.max(15, Math.ceil(seconds / 60) || 0, lastOffset + 30),
    objectives: [],
    planIds: [],
    sharingRules: [],
    techniques: techniqueIds.map((id) => ({ framework: 'attack' as const, id, name: '' })),
    teams: [
      {
        id: 'participants',
        name: { en: 'Participants', fr: 'Participants' },
        kind: 'organisation',
        screening: 'none',
        caveats: [],
        roles: [],
      },
    ],
    personas: [],
    injects: result,
  };
}

/**
 * Draft a scenario from a threat actor, intrusion set or campaign: one inject per technique it
 * uses, written in English from the technique's name and description. French is left empty on
 * purpose (the scenario rules report it as missing) so the planner translates rather than
 * receiving machine text. Nothing is saved: the editor saves the draft.
 */
import {
  SCENARIO_FORMAT,
  SCENARIO_FORMAT_VERSION,
  scenarioDocumentSchema,
  type ScenarioDocument,
} from '../../../shared/scenario-format.ts';
import { denyRead, loadMarkingDetails } from '../../platform/access/policy.ts';
import { requireActor, type Ctx } from '../../platform/context.ts';
import { invalid } from '../../platform/errors.ts';
import * as repo from './repository.ts';

const SOURCES = ['threat-actor', 'intrusion-set', 'campaign'];
const STEP_MINUTES = 30;

/** The first sentence of an ATT&CK/DISARM description, without citations and Markdown links. */
export function firstSentence(text: string): string {
  const plain = text
    .replace(/\(Citation:[^)]*\)/g, '')
    .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1')
    .replace(/<[^>]+>/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  const m = /^(.{20,400}?[.!?])(\s|$)/.exec(plain);
  return (m?.[1] ?? plain.slice(0, 400)).trim();
}

export async function draftScenarioFrom(ctx: Ctx, sourceId: string, maxInjects: number): Promise<ScenarioDocument> {
  const actor = requireActor(ctx);
  const ceilings = ctx.config.screeningCeilings;
  const source = await repo.findReadableStix(ctx.db, actor, ceilings, sourceId);
  if (!source) return denyRead(ctx, 'stix_objects', sourceId);
  if (!SOURCES.includes(source.type)) throw invalid('sourceId', 'choose a threat actor, intrusion set or campaign');
  const uses = await repo.listReadableRelationships(ctx.db, actor, ceilings, [sourceId], { relationshipType: 'uses', direction: 'out' });
  const techniques = (
    await repo.listReadableStixDocs(ctx.db, actor, ceilings, {
      ids: uses.map((u) => u.target_ref ?? ''),
      types: ['attack-pattern'],
    })
  )
    .filter((t) => t.external_id && /^T\d{4}(\.\d{3})?$/.test(t.external_id))
    .sort((a, b) => (a.external_id ?? '').localeCompare(b.external_id ?? ''))
    .slice(0, maxInjects);
  const marking = (await loadMarkingDetails(ctx.db, repo.STIX, [source])).get(source.id);
  const frameworks = new Set(techniques.map((t) => t.framework));
  const kind = frameworks.size > 1 ? 'hybrid' : frameworks.has('disarm') ? 'disinformation' : 'cyber';
  const sourceDoc = JSON.parse((await repo.findReadableStix(ctx.db, actor, ceilings, sourceId))?.doc ?? '{}') as { description?: string };
  const injects = techniques.map((t, i) => {
    const doc = JSON.parse(t.doc) as { description?: string };
    const what = doc.description ? firstSentence(doc.description) : '';
    const disarm = t.framework === 'disarm';
    return {
      id: `inject-${i + 1}`,
      number: i + 1,
      offsetMinutes: (i + 1) * STEP_MINUTES,
      title: { en: `${t.external_id} ${t.name}`, fr: '' },
      recipients: { everyone: true, teams: [], roles: [] },
      channel: disarm ? ('social_post' as const) : ('system_alert' as const),
      content: {
        en: `Reporting indicates that ${source.name} is using ${t.name} (${t.external_id}).${what ? ` ${what}` : ''} What do you do now, and whom do you tell?`,
        fr: '',
      },
      marking: marking
        ? { classification: marking.classification, tlp: marking.tlp, caveats: [...marking.caveats] }
        : { classification: 'UNCLASSIFIED' as const, tlp: 'CLEAR' as const, caveats: [] },
      attachments: [],
      controllerNotes: `Proposed from ${t.external_id} (${t.framework === 'disarm' ? 'DISARM' : 'ATT&CK'}) used by ${source.name}. Edit before saving.`,
      expectedActions: [],
      release: { kind: 'on_time' as const },
    };
  });
  const draft: ScenarioDocument = {
    format: SCENARIO_FORMAT,
    formatVersion: SCENARIO_FORMAT_VERSION,
    title: { en: `Exercise: ${source.name}`, fr: '' },
    summary: {
      en: `Draft from the ${source.type.replace('-', ' ')} ${source.name}: ${techniques.length} techniques it is known to use, one inject each.`,
      fr: '',
    },
    kind,
    narrative: { en: sourceDoc.description ? firstSentence(sourceDoc.description) : '', fr: '' },
    marking: marking
      ? { classification: marking.classification, tlp: marking.tlp, caveats: [...marking.caveats] }
      : { classification: 'UNCLASSIFIED', tlp: 'CLEAR', caveats: [] },
    durationMinutes: Math.max(60, (techniques.length + 1) * STEP_MINUTES),
    objectives: [],
    planIds: [],
    sharingRules: [],
    techniques: techniques.map((t) => ({
      framework: t.framework === 'disarm' ? ('disarm' as const) : ('attack' as const),
      id: t.external_id ?? '',
      name: t.name.slice(0, 200),
    })),
    teams: [],
    personas: [],
    injects,
  };
  return scenarioDocumentSchema.parse(draft);
}

/** Stored rows -> the scenario document and API shapes. */
import type { Scenario, ScenarioSummary } from '../../../shared/contracts/scenarios.ts';
import type { Marking } from '../../../shared/markings.ts';
import type { Inject, ScenarioDocument } from '../../../shared/scenario-format.ts';
import { validateScenario } from '../../../shared/scenario-rules.ts';
import type { ScreeningCeilings } from '../../../shared/markings.ts';
import type { StoredMarking } from '../../platform/access/policy.ts';
import type { ScenarioInjectTable, ScenarioTable } from '../../platform/db/schema.ts';

const asMarking = (m: StoredMarking): Marking => ({ classification: m.classification, tlp: m.tlp, caveats: [...m.caveats] });

/** Rebuild the document from its row, its marking and the injects the reader may see. */
export function assembleDocument(
  row: ScenarioTable,
  marking: StoredMarking,
  injects: readonly ScenarioInjectTable[],
  injectMarkings: Map<string, StoredMarking>,
): ScenarioDocument {
  const rest = JSON.parse(row.doc) as Omit<ScenarioDocument, 'marking' | 'injects'>;
  return {
    ...rest,
    marking: asMarking(marking),
    injects: injects.flatMap((i) => {
      const m = injectMarkings.get(i.id);
      return m ? [{ ...(JSON.parse(i.doc) as Omit<Inject, 'marking'>), marking: asMarking(m) }] : [];
    }),
  };
}

export function presentScenario(row: ScenarioTable, document: ScenarioDocument, ceilings: ScreeningCeilings): Scenario {
  return {
    id: row.id,
    libraryKey: row.library_key,
    ownerOrgId: row.owner_org_id,
    authorUserId: row.author_user_id,
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    document,
    problems: validateScenario(document, ceilings),
  };
}

export function presentScenarioSummary(row: ScenarioTable & { inject_count: number | null }, marking: StoredMarking): ScenarioSummary {
  return {
    id: row.id,
    libraryKey: row.library_key,
    kind: row.kind as ScenarioSummary['kind'],
    title: { en: row.title_en, fr: row.title_fr },
    marking: asMarking(marking),
    ownerOrgId: row.owner_org_id,
    version: row.version,
    injectCount: Number(row.inject_count ?? 0),
    updatedAt: row.updated_at,
  };
}

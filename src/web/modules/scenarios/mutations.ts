/** One hook per action of the scenarios module. */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { MselImport, MselPreview } from '../../../shared/contracts/msel-import.ts';
import type { Scenario } from '../../../shared/contracts/scenarios.ts';
import type { ScenarioDocument } from '../../../shared/scenario-format.ts';
import { api } from '../../lib/api.ts';
import { scenarioKeys } from './queries.ts';

const path = (id: string) => `/scenarios/${encodeURIComponent(id)}`;

function useRefresh() {
  const qc = useQueryClient();
  return (s: Scenario) => {
    qc.setQueryData(scenarioKeys.one(s.id), s);
    return qc.invalidateQueries({ queryKey: scenarioKeys.list });
  };
}

/** Create a scenario from a document (planner, admin). */
export function useCreateScenario() {
  const refresh = useRefresh();
  return useMutation({ mutationFn: (doc: ScenarioDocument) => api.post<Scenario>('/scenarios', doc), onSuccess: refresh });
}

/** Save the whole document as a new version; 409 when someone saved since baseVersion. */
export function useSaveScenario() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ id, baseVersion, doc }: { id: string; baseVersion: number; doc: ScenarioDocument }) =>
      api.put<Scenario>(path(id), doc, { baseVersion }),
    onSuccess: refresh,
  });
}

/** Import a scenario file (JSON or YAML) as a new scenario. */
export function useImportScenario() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ text, yaml }: { text: string; yaml: boolean }) =>
      api.postText<Scenario>('/scenarios/import', text, yaml ? 'application/yaml' : 'application/json'),
    onSuccess: refresh,
  });
}

/** Copy a library scenario into the user's organisation. */
export function useInstallLibraryScenario() {
  const refresh = useRefresh();
  return useMutation({ mutationFn: (key: string) => api.post<Scenario>('/scenario-library/install', { key }), onSuccess: refresh });
}

/** Read a spreadsheet and show what each row would become (nothing stored). */
export function useMselPreview() {
  return useMutation({
    mutationFn: ({ id, input }: { id: string; input: MselImport }) => api.post<MselPreview>(`${path(id)}/msel-import/preview`, input),
  });
}

/** Append every row of the spreadsheet as injects (all or nothing). */
export function useMselCommit() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ id, input }: { id: string; input: MselImport }) => api.post<Scenario>(`${path(id)}/msel-import/commit`, input),
    onSuccess: refresh,
  });
}

export type DryRunResult = {
  bots: string;
  seed: number;
  simulatedMs: number;
  eventCount: number;
  metrics: {
    injectsReleased: number;
    expectationTotals: { met: number; late: number; missed: number; notDue: number };
    medianAcknowledgeMs: number | null;
    sharing: { ruleId?: unknown; withinMs?: unknown; instances?: unknown }[];
  };
};

/** Rehearse the saved scenario on virtual time with bot players (nothing is stored). */
export function useDryRun() {
  return useMutation({
    mutationFn: ({ id, bots, seed }: { id: string; bots: 'prompt' | 'slow' | 'negligent'; seed: number }) =>
      api.post<DryRunResult>(`${path(id)}/dry-run`, { bots, seed }),
  });
}

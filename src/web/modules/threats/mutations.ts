/** One hook per action of the threat picture module. */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Scenario } from '../../../shared/contracts/scenarios.ts';
import type { ImportJob } from '../../../shared/contracts/threats.ts';
import type { ScenarioDocument } from '../../../shared/scenario-format.ts';
import { api } from '../../lib/api.ts';
import { scenarioKeys } from '../scenarios/queries.ts';
import { threatKeys } from './queries.ts';

/** The content type the server expects for a bundle file. */
export function uploadType(fileName: string): string {
  return /\.gz$/i.test(fileName) ? 'application/gzip' : 'application/json';
}

/** Upload a STIX bundle (JSON or gzip); answers with the import job. */
export function useStartImport() {
  return useMutation({
    mutationFn: (file: File) => api.postFile<ImportJob>('/threats/imports', file, uploadType(file.name)),
  });
}

/** Forget cached threat lists once an import is over. */
export function useRefreshThreats() {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: threatKeys.all });
}

/** Draft a scenario from an actor or campaign, then save it (planner, admin: else the server's 403). */
export function useDraftScenario() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (sourceId: string) => {
      const draft = await api.post<ScenarioDocument>('/threats/scenario-drafts', { sourceId });
      return api.post<Scenario>('/scenarios', draft);
    },
    onSuccess: () => qc.invalidateQueries({ queryKey: scenarioKeys.all }),
  });
}

/** One hook per action of the live module: clock and inject commands, player and evaluator actions. */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { clockCommandSchema, commandResultSchema, injectCommandSchema, playerActionSchema } from '../../../shared/contracts/live.ts';
import { api } from '../../lib/api.ts';
import { liveKeys } from './queries.ts';

type CommandResult = z.infer<typeof commandResultSchema>;
export type ClockCommand = z.infer<typeof clockCommandSchema>;
export type InjectCommand = z.infer<typeof injectCommandSchema>;
/** An action as sent: defaults (note, reason, tags…) may be left out. */
export type ActionInput = z.input<typeof playerActionSchema>;

const path = (id: string) => `/exercises/${encodeURIComponent(id)}`;

function useRefresh(id: string) {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: liveKeys.state(id) });
}

/** Start, pause, resume, end, set the speed or jump (controllers). */
export function useClockCommand(id: string) {
  const refresh = useRefresh(id);
  return useMutation({
    mutationFn: (cmd: ClockCommand) => api.post<CommandResult>(`${path(id)}/clock`, cmd),
    onSuccess: refresh,
  });
}

/** Release now, hold, skip or reschedule an inject (controllers). */
export function useInjectCommand(id: string) {
  const refresh = useRefresh(id);
  return useMutation({
    mutationFn: ({ injectId, cmd }: { injectId: string; cmd: InjectCommand }) =>
      api.post<CommandResult>(`${path(id)}/injects/${encodeURIComponent(injectId)}`, cmd),
    onSuccess: refresh,
  });
}

/** A player, evaluator or simulation-cell action; its event comes back over the live stream. */
export function useLiveAction(id: string) {
  return useMutation({ mutationFn: (action: ActionInput) => api.post<CommandResult>(`${path(id)}/actions`, action) });
}

export type InjectEdit = { title?: { en: string; fr: string }; content?: { en: string; fr: string } };

/** Change what an upcoming inject says (controllers; pending or held injects only). */
export function useEditInject(id: string) {
  const refresh = useRefresh(id);
  return useMutation({
    mutationFn: ({ injectId, edit }: { injectId: string; edit: InjectEdit }) =>
      api.patch<CommandResult>(`${path(id)}/injects/${encodeURIComponent(injectId)}`, edit),
    onSuccess: refresh,
  });
}

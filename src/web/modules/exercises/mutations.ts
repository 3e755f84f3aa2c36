/** One hook per action of the exercises module. */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { CreateExercise, Exercise, ExerciseState, updateExerciseSchema } from '../../../shared/contracts/exercises.ts';
import { api } from '../../lib/api.ts';
import { exerciseKeys } from './queries.ts';

type UpdateExercise = z.infer<typeof updateExerciseSchema>;
export type ParticipantInput = { userId: string; teamId: string; roleId?: string };
export type InvitationResult = { invited: number; emailed: number; emailFailed: number };

const path = (id: string) => `/exercises/${encodeURIComponent(id)}`;

function useStore() {
  const qc = useQueryClient();
  return (x: Exercise) => {
    qc.setQueryData(exerciseKeys.one(x.id), x);
    return qc.invalidateQueries({ queryKey: exerciseKeys.list });
  };
}

/** Schedule an exercise from a scenario (planner, admin). */
export function useCreateExercise() {
  const store = useStore();
  return useMutation({ mutationFn: (input: CreateExercise) => api.post<Exercise>('/exercises', input), onSuccess: store });
}

/** Change the schedule or mode of a draft exercise. */
export function useUpdateExercise() {
  const store = useStore();
  return useMutation({
    mutationFn: ({ id, changes }: { id: string; changes: UpdateExercise }) => api.patch<Exercise>(path(id), changes),
    onSuccess: store,
  });
}

/** Replace the participants of a draft exercise. */
export function useSetParticipants() {
  const store = useStore();
  return useMutation({
    mutationFn: ({ id, participants }: { id: string; participants: ParticipantInput[] }) =>
      api.put<Exercise>(`${path(id)}/participants`, { participants }),
    onSuccess: store,
  });
}

/** Invite the participants not yet invited. */
export function useSendInvitations() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.post<InvitationResult>(`${path(id)}/invitations`),
    onSuccess: (_r, id) => qc.invalidateQueries({ queryKey: exerciseKeys.one(id) }),
  });
}

/** Move the exercise to another state (409 with the reason when not allowed). */
export function useTransitionExercise() {
  const store = useStore();
  return useMutation({
    mutationFn: ({ id, to }: { id: string; to: ExerciseState }) => api.post<Exercise>(`${path(id)}/transition`, { to }),
    onSuccess: store,
  });
}

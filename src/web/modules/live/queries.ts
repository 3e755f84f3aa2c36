/** Query keys and read hooks of the live module. */
import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { liveStateSchema } from '../../../shared/contracts/live.ts';
import { api } from '../../lib/api.ts';

export type LiveState = z.infer<typeof liveStateSchema>;
export type LiveInject = NonNullable<LiveState['injects']>[number];
export type LiveExpectation = NonNullable<LiveState['expectations']>[number];

export const liveKeys = {
  all: ['live'] as const,
  state: (id: string) => ['live', 'state', id] as const,
};

/** The clock for everyone; inject and expectation states for staff. */
export function useLiveState(id: string) {
  return useQuery({
    queryKey: liveKeys.state(id),
    queryFn: () => api.get<LiveState>(`/exercises/${encodeURIComponent(id)}/live-state`),
  });
}

/** Actions of the audit module. */
import { useMutation } from '@tanstack/react-query';
import type { AuditVerifyResult } from '../../../shared/contracts/audit.ts';
import { api } from '../../lib/api.ts';

/** Recompute the hash chain on the server and report whether it is intact (admin). */
export function useVerifyAuditChain() {
  return useMutation({ mutationFn: () => api.get<AuditVerifyResult>('/audit/verify') });
}

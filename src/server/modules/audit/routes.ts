/** Admin browsing of the audit log, and an on-demand chain verification. */
import { auditPageSchema, auditVerifySchema, listAuditQuerySchema } from '../../../shared/contracts/audit.ts';
import type { Services } from '../../platform/context.ts';
import { ctxOf, type App } from '../../platform/http.ts';
import { listAudit, verifyAuditChain } from './use-cases.ts';

export async function auditRoutes(app: App, services: Services): Promise<void> {
  const tags = ['audit'];
  app.get(
    '/audit',
    {
      schema: {
        tags,
        summary: 'Browse the audit log, newest first (admin)',
        querystring: listAuditQuerySchema,
        response: { 200: auditPageSchema },
      },
    },
    async (req) => listAudit(ctxOf(services, req), req.query),
  );
  app.get(
    '/audit/verify',
    { schema: { tags, summary: 'Verify the hash chain (admin)', response: { 200: auditVerifySchema } } },
    async (req) => verifyAuditChain(ctxOf(services, req)),
  );
}

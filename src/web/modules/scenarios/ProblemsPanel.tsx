/** What must be fixed before an exercise can start: the live check in the browser, and the server's after saving. */
import { Alert, Anchor, List, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Problem } from '../../../shared/scenario-rules.ts';
import { problemTarget } from './design.ts';

function ProblemList({ problems, onGoTo }: { problems: readonly Problem[]; onGoTo: (path: string) => void }) {
  return (
    <List size="sm" spacing={2}>
      {problems.map((p, k) => {
        return (
          <List.Item key={`${p.path}-${k}`}>
            {problemTarget(p.path) === null ? (
              <Text span ff="monospace" size="sm">
                {p.path}
              </Text>
            ) : (
              <Anchor component="button" type="button" ff="monospace" size="sm" onClick={() => onGoTo(p.path)}>
                {p.path}
              </Anchor>
            )}
            {' — '}
            {p.message}
          </List.Item>
        );
      })}
    </List>
  );
}

/** The problems panel. */
export function ProblemsPanel({
  live,
  server,
  onGoTo,
}: {
  live: readonly Problem[];
  server: readonly Problem[] | null;
  /** Show the field a problem path points at. */
  onGoTo: (path: string) => void;
}) {
  const { t } = useTranslation();
  return (
    <Stack gap="xs" component="section" aria-labelledby="problems-heading">
      <Title order={2} size="h3" id="problems-heading">
        {t('scenarios.problems')}
      </Title>
      {live.length === 0 ? (
        <Alert color="green" variant="light" data-testid="no-problems">
          {t('scenarios.noProblems')}
        </Alert>
      ) : (
        <Alert color="orange" variant="light" title={t('scenarios.problemCount', { count: live.length })}>
          <ProblemList problems={live} onGoTo={onGoTo} />
        </Alert>
      )}
      {server !== null ? (
        <Text size="sm" data-testid="server-problems">
          {server.length === 0 ? t('scenarios.serverNoProblems') : t('scenarios.serverProblems', { count: server.length })}
        </Text>
      ) : null}
      {server !== null && server.length > 0 ? <ProblemList problems={server} onGoTo={onGoTo} /> : null}
    </Stack>
  );
}

/**
 * Rehearse the saved scenario before exercise day: a dry run on virtual time with bot players of
 * a chosen diligence, and the measures it produces (the same the after-action report will use).
 */
import { Button, Group, NumberInput, Paper, Select, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { useDryRun } from './mutations.ts';

type Bots = 'prompt' | 'slow' | 'negligent';
type SharingInstance = { knownAtMs: number; allInformedMs: number | null };
type SharingRule = { ruleId: string; withinMs: number; instances: SharingInstance[] };

const minutes = (ms: number | null) => (ms === null ? null : Math.round(ms / 6000) / 10);

/** The dry-run form and its results, for a saved scenario. */
export function DryRunPanel({ scenarioId, disabled }: { scenarioId: string; disabled: boolean }) {
  const { t } = useTranslation();
  const run = useDryRun();
  const [bots, setBots] = useState<Bots>('prompt');
  const [seed, setSeed] = useState<number>(1);
  const r = run.data;
  const sharing = (r?.metrics.sharing ?? []) as SharingRule[];
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="dry-run-heading">
      <Stack gap="sm">
        <Title order={2} size="h3" id="dry-run-heading">
          {t('dryRun.title')}
        </Title>
        <Text size="sm">{t('dryRun.intro')}</Text>
        <Group align="end">
          <Select
            label={t('dryRun.bots')}
            value={bots}
            onChange={(v) => setBots((v ?? 'prompt') as Bots)}
            allowDeselect={false}
            data={(['prompt', 'slow', 'negligent'] as const).map((b) => ({ value: b, label: t(`dryRun.profile.${b}`) }))}
          />
          <NumberInput
            label={t('dryRun.seed')}
            value={seed}
            min={0}
            max={2_147_483_647}
            onChange={(v) => setSeed(typeof v === 'number' ? v : 1)}
          />
          <Button onClick={() => run.mutate({ id: scenarioId, bots, seed })} loading={run.isPending} disabled={disabled}>
            {t('dryRun.run')}
          </Button>
        </Group>
        {disabled ? <Text size="sm">{t('scenarios.saveFirst')}</Text> : null}
        <ErrorAlert error={run.error} />
        {r ? (
          <Stack gap="xs" role="status" aria-live="polite" data-testid="dry-run-result">
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <Text>{t('dryRun.simulated', { minutes: minutes(r.simulatedMs), events: r.eventCount })}</Text>
              <Text>{t('dryRun.released', { count: r.metrics.injectsReleased })}</Text>
              <Text>
                {t('dryRun.expectations', {
                  met: r.metrics.expectationTotals.met,
                  late: r.metrics.expectationTotals.late,
                  missed: r.metrics.expectationTotals.missed,
                })}
              </Text>
              <Text>
                {r.metrics.medianAcknowledgeMs === null
                  ? t('dryRun.noAcknowledgement')
                  : t('dryRun.medianAck', { minutes: minutes(r.metrics.medianAcknowledgeMs) })}
              </Text>
            </SimpleGrid>
            {sharing.length ? (
              <Table>
                <Table.Caption>{t('dryRun.sharingCaption')}</Table.Caption>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('dryRun.rule')}</Table.Th>
                    <Table.Th>{t('dryRun.within')}</Table.Th>
                    <Table.Th>{t('dryRun.lastInformed')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {sharing.flatMap((rule) =>
                    rule.instances.map((i, k) => (
                      <Table.Tr key={`${rule.ruleId}-${k}`}>
                        <Table.Td>{rule.ruleId}</Table.Td>
                        <Table.Td>{t('dryRun.minutes', { minutes: minutes(rule.withinMs) })}</Table.Td>
                        <Table.Td>
                          {i.allInformedMs === null
                            ? t('dryRun.neverInformed')
                            : t('dryRun.minutes', { minutes: minutes(i.allInformedMs) })}
                        </Table.Td>
                      </Table.Tr>
                    )),
                  )}
                </Table.Tbody>
              </Table>
            ) : null}
          </Stack>
        ) : null}
      </Stack>
    </Paper>
  );
}

/**
 * One exercise: its schedule, state and allowed moves, what blocks it, its participants by team
 * and role, invitations, and the calendar file.
 */
import { Alert, Anchor, Button, Card, Group, List, Loader, Select, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { EXERCISE_TRANSITIONS, type Exercise } from '../../../shared/contracts/exercises.ts';
import { downloadUrl } from '../../lib/api.ts';
import { ErrorAlert, fieldError } from '../../ui/ErrorAlert.tsx';
import { MarkingBanner } from '../../ui/Marking.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { useLabels } from '../../ui/labels.ts';
import { usePeople } from '../accounts/queries.ts';
import { StateTag, useCanPlanExercises, useZonedDateTime } from './ExercisesPage.tsx';
import { useSendInvitations, useSetParticipants, useTransitionExercise, useUpdateExercise, type ParticipantInput } from './mutations.ts';
import { useExercise } from './queries.ts';
import { ScheduleFields, type Schedule } from './ScheduleFields.tsx';
import { localInput, zonedIso } from './time.ts';

function Transitions({ x }: { x: Exercise }) {
  const { t } = useTranslation();
  const transition = useTransitionExercise();
  const next = EXERCISE_TRANSITIONS[x.state];
  if (next.length === 0) return null;
  return (
    <Stack gap="xs">
      <Group>
        {next.map((to) => (
          <Button
            key={to}
            variant={to === 'draft' ? 'default' : 'filled'}
            loading={transition.isPending && transition.variables.to === to}
            onClick={() => transition.mutate({ id: x.id, to })}
          >
            {t(`exercises.moveTo.${to}`)}
          </Button>
        ))}
      </Group>
      <ErrorAlert error={transition.error} title={t('exercises.transitionRefused')} />
    </Stack>
  );
}

function Reschedule({ x }: { x: Exercise }) {
  const { t } = useTranslation();
  const update = useUpdateExercise();
  const [value, setValue] = useState<Schedule>({
    mode: x.mode,
    start: localInput(x.startsAt, x.timeZone),
    timeZone: x.timeZone,
    plannedMinutes: x.plannedMinutes,
  });
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const startsAt = zonedIso(value.start, value.timeZone);
    update.mutate({
      id: x.id,
      changes: {
        mode: value.mode,
        timeZone: value.timeZone,
        ...(startsAt ? { startsAt } : {}),
        ...(value.plannedMinutes ? { plannedMinutes: value.plannedMinutes } : {}),
      },
    });
  };
  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack gap="sm">
        <ErrorAlert error={update.error} />
        <ScheduleFields value={value} onChange={setValue} error={update.error} />
        <Group>
          <Button type="submit" variant="default" loading={update.isPending}>
            {t('exercises.saveSchedule')}
          </Button>
          {update.isSuccess ? (
            <Text size="sm" role="status">
              {t('exercises.scheduleSaved')}
            </Text>
          ) : null}
        </Group>
      </Stack>
    </form>
  );
}

type Row = ParticipantInput & { label: string };

function rowsOf(x: Exercise): Row[] {
  return x.participants.map((p) => ({
    userId: p.userId,
    teamId: p.teamId,
    ...(p.roleId ? { roleId: p.roleId } : {}),
    label: `${p.displayName} (${p.organisationName})`,
  }));
}

function Participants({ x, editable }: { x: Exercise; editable: boolean }) {
  const { t } = useTranslation();
  const labels = useLabels();
  const people = usePeople();
  const save = useSetParticipants();
  const invite = useSendInvitations();
  const [rows, setRows] = useState<Row[]>(() => rowsOf(x));
  const [adding, setAdding] = useState<string | null>(null);
  const teamOptions = x.teams.map((team) => ({ value: team.id, label: labels.pick(team.name) || team.id }));
  const rolesOf = (teamId: string) => x.teams.find((team) => team.id === teamId)?.roles ?? [];
  const invitedAt = (userId: string, teamId: string) =>
    x.participants.find((p) => p.userId === userId && p.teamId === teamId)?.invitedAt ?? null;
  const set = (i: number, patch: Partial<Row>) => setRows(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const userOptions = (people.data ?? []).map((u) => ({ value: u.id, label: `${u.displayName} (${u.organisationName})` }));

  return (
    <Stack gap="sm" component="section" aria-labelledby="participants-heading">
      <Title order={2} size="h3" id="participants-heading">
        {t('exercises.participants')}
      </Title>
      {rows.length === 0 ? <Text c="dimmed">{t('exercises.noParticipants')}</Text> : null}
      {rows.length > 0 ? (
        <Table.ScrollContainer minWidth={700}>
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('exercises.participant')}</Table.Th>
                <Table.Th scope="col">{t('exercises.team')}</Table.Th>
                <Table.Th scope="col">{t('exercises.role')}</Table.Th>
                <Table.Th scope="col">{t('exercises.invited')}</Table.Th>
                {editable ? <Table.Th scope="col">{t('common.actions')}</Table.Th> : null}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((r, i) => {
                const inv = invitedAt(r.userId, r.teamId);
                return (
                  <Table.Tr key={`${r.userId}-${i}`}>
                    <Table.Td>{r.label}</Table.Td>
                    <Table.Td>
                      <Select
                        aria-label={t('exercises.teamOf', { name: r.label })}
                        allowDeselect={false}
                        disabled={!editable}
                        data={teamOptions}
                        value={r.teamId}
                        onChange={(v) => {
                          if (v) set(i, { teamId: v, roleId: undefined });
                        }}
                        error={fieldError(save.error, `participants.${i}.teamId`) ?? fieldError(save.error, `participants.${i}.userId`)}
                      />
                    </Table.Td>
                    <Table.Td>
                      <Select
                        aria-label={t('exercises.roleOf', { name: r.label })}
                        clearable
                        disabled={!editable}
                        data={rolesOf(r.teamId).map((role) => ({ value: role.id, label: labels.pick(role.name) || role.id }))}
                        value={r.roleId ?? null}
                        onChange={(v) => set(i, { roleId: v ?? undefined })}
                      />
                    </Table.Td>
                    <Table.Td>{inv ? labels.dateTime(inv) : t('exercises.notInvited')}</Table.Td>
                    {editable ? (
                      <Table.Td>
                        <Button
                          size="compact-sm"
                          variant="default"
                          onClick={() => setRows(rows.filter((_, j) => j !== i))}
                          aria-label={t('exercises.removeNamed', { name: r.label })}
                        >
                          {t('common.remove')}
                        </Button>
                      </Table.Td>
                    ) : null}
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      ) : null}
      {editable ? (
        <>
          <ErrorAlert error={people.error} />
          {people.data ? (
            <Group align="flex-end">
              <Select label={t('exercises.addParticipant')} searchable data={userOptions} value={adding} onChange={setAdding} miw={320} />
              <Button
                variant="default"
                disabled={!adding || teamOptions.length === 0}
                onClick={() => {
                  const option = userOptions.find((o) => o.value === adding);
                  const team = teamOptions[0];
                  if (option && team) setRows([...rows, { userId: option.value, teamId: team.value, label: option.label }]);
                  setAdding(null);
                }}
              >
                {t('common.add')}
              </Button>
            </Group>
          ) : null}
          <ErrorAlert error={save.error} />
          <Group>
            <Button
              loading={save.isPending}
              onClick={() =>
                save.mutate(
                  { id: x.id, participants: rows.map(({ userId, teamId, roleId }) => ({ userId, teamId, ...(roleId ? { roleId } : {}) })) },
                  { onSuccess: (saved) => setRows(rowsOf(saved)) },
                )
              }
            >
              {t('exercises.saveParticipants')}
            </Button>
            {save.isSuccess ? (
              <Text size="sm" role="status">
                {t('exercises.participantsSaved')}
              </Text>
            ) : null}
          </Group>
        </>
      ) : null}
      {editable || x.participants.length > 0 ? (
        <Stack gap="xs">
          <Group>
            <Button variant="default" loading={invite.isPending} disabled={x.participants.length === 0} onClick={() => invite.mutate(x.id)}>
              {t('exercises.sendInvitations')}
            </Button>
          </Group>
          <ErrorAlert error={invite.error} />
          {invite.data ? (
            <Alert color="green" variant="light" role="status">
              {t('exercises.invitationResult', {
                invited: invite.data.invited,
                emailed: invite.data.emailed,
                failed: invite.data.emailFailed,
              })}
            </Alert>
          ) : null}
        </Stack>
      ) : null}
    </Stack>
  );
}

/** /exercises/:id */
export function ExercisePage() {
  const { t } = useTranslation();
  const labels = useLabels();
  const zoned = useZonedDateTime();
  const { id = '' } = useParams();
  const exercise = useExercise(id);
  const canPlan = useCanPlanExercises();
  if (!exercise.data) {
    return (
      <>
        <PageHeader title={t('exercises.exercise')} />
        <ErrorAlert error={exercise.error} />
        {exercise.isPending ? <Loader aria-label={t('app.loading')} /> : null}
      </>
    );
  }
  const x = exercise.data;
  const draft = x.state === 'draft';
  return (
    <>
      <PageHeader
        title={labels.pick(x.title)}
        actions={
          <Anchor href={downloadUrl(`/exercises/${x.id}/calendar.ics`)} download>
            {t('exercises.calendar')}
          </Anchor>
        }
      />
      <Stack gap="xl">
        <Group>
          <StateTag state={x.state} />
          <MarkingBanner marking={x.marking} />
          <Anchor component={Link} to="/exercises">
            {t('exercises.backToList')}
          </Anchor>
          {x.state === 'live' ? (
            <Button component={Link} to={`/exercises/${x.id}/live`}>
              {t('exercises.openLive')}
            </Button>
          ) : null}
        </Group>
        <SimpleGrid cols={{ base: 1, md: 2 }}>
          <Card withBorder component="section" aria-labelledby="schedule-heading">
            <Title order={2} size="h4" id="schedule-heading" mb="xs">
              {t('exercises.scheduleSummary')}
            </Title>
            <List spacing={2} size="sm">
              <List.Item>
                {t('exercises.start')}: {zoned(x.startsAt, x.timeZone)}
              </List.Item>
              <List.Item>
                {t('exercises.plannedMinutes')}: {x.plannedMinutes}
              </List.Item>
              <List.Item>
                {t('exercises.mode')}: {labels.exerciseMode(x.mode)}
              </List.Item>
              <List.Item>
                {t('exercises.scenario')}:{' '}
                <Anchor component={Link} to={`/scenarios/${x.scenarioId}`}>
                  {t('exercises.scenarioVersion', { version: x.scenarioVersion })}
                </Anchor>
              </List.Item>
              <List.Item>{t('exercises.injectCount', { count: x.injectCount })}</List.Item>
            </List>
          </Card>
          <Card withBorder component="section" aria-labelledby="state-heading">
            <Title order={2} size="h4" id="state-heading" mb="xs">
              {t('exercises.state')}
            </Title>
            <Stack gap="sm">
              <Text size="sm">{t(`exercises.stateHelp.${x.state}`)}</Text>
              {canPlan ? <Transitions x={x} /> : null}
            </Stack>
          </Card>
        </SimpleGrid>
        <Stack gap="xs" component="section" aria-labelledby="xproblems-heading">
          <Title order={2} size="h3" id="xproblems-heading">
            {t('exercises.problems')}
          </Title>
          {x.problems.length === 0 ? (
            <Text>{t('exercises.noProblems')}</Text>
          ) : (
            <List size="sm">
              {x.problems.map((p, i) => (
                <List.Item key={i}>
                  <Text span ff="monospace" size="sm">
                    {p.path}
                  </Text>
                  {' — '}
                  {p.message}
                </List.Item>
              ))}
            </List>
          )}
        </Stack>
        {canPlan && draft ? (
          <Stack gap="xs" component="section" aria-labelledby="reschedule-heading">
            <Title order={2} size="h3" id="reschedule-heading">
              {t('exercises.reschedule')}
            </Title>
            <Reschedule key={x.id} x={x} />
          </Stack>
        ) : null}
        <Participants key={x.id} x={x} editable={canPlan && draft} />
      </Stack>
    </>
  );
}

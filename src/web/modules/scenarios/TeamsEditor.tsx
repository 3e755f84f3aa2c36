/** The teams and personas of a scenario as simple editable tables. */
import { Button, Group, Select, Stack, Table, TextInput, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { SCREENINGS, type Screening } from '../../../shared/markings.ts';
import type { ScenarioDocument } from '../../../shared/scenario-format.ts';
import { useLabels } from '../../ui/labels.ts';
import { fieldError } from '../../ui/ErrorAlert.tsx';
import { fieldId } from './design.ts';
import { freshId } from './editing.ts';

const SLUG = /^[a-z0-9][a-z0-9-]{0,63}$/;

/** The live message for an identifier that the server would refuse, else the server's own message. */
function idError(id: string, error: unknown, field: string, message: string): string | undefined {
  return SLUG.test(id) ? fieldError(error, field) : message;
}

type Team = ScenarioDocument['teams'][number];
type Persona = ScenarioDocument['personas'][number];
const DISPOSITIONS = ['hostile', 'neutral', 'friendly', 'official', 'media'] as const;

/** Editable table of teams. */
export function TeamsEditor({ teams, onChange, error }: { teams: Team[]; onChange: (teams: Team[]) => void; error: unknown }) {
  const { t } = useTranslation();
  const labels = useLabels();
  const set = (i: number, patch: Partial<Team>) => onChange(teams.map((x, j) => (j === i ? { ...x, ...patch } : x)));
  return (
    <Stack gap="xs">
      <Title order={2} size="h3" id="teams-heading">
        {t('scenarios.teams')}
      </Title>
      {teams.length > 0 ? (
        <Table.ScrollContainer minWidth={800}>
          <Table aria-labelledby="teams-heading">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('scenarios.id')}</Table.Th>
                <Table.Th scope="col">{t('scenarios.nameEn')}</Table.Th>
                <Table.Th scope="col">{t('scenarios.nameFr')}</Table.Th>
                <Table.Th scope="col">{t('scenarios.teamKind')}</Table.Th>
                <Table.Th scope="col">{t('scenarios.screening')}</Table.Th>
                <Table.Th scope="col">{t('common.actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {teams.map((team, i) => (
                <Table.Tr key={i}>
                  <Table.Td>
                    <TextInput
                      id={fieldId(`teams[${i}].id`)}
                      aria-label={t('scenarios.teamIdN', { n: i + 1 })}
                      value={team.id}
                      onChange={(e) => set(i, { id: e.currentTarget.value })}
                      error={idError(team.id, error, `teams.${i}.id`, t('scenarios.idRule'))}
                    />
                  </Table.Td>
                  <Table.Td>
                    <TextInput
                      id={fieldId(`teams[${i}].name.en`)}
                      aria-label={t('scenarios.teamNameEnN', { n: i + 1 })}
                      lang="en"
                      value={team.name.en}
                      onChange={(e) => set(i, { name: { ...team.name, en: e.currentTarget.value } })}
                    />
                  </Table.Td>
                  <Table.Td>
                    <TextInput
                      id={fieldId(`teams[${i}].name.fr`)}
                      aria-label={t('scenarios.teamNameFrN', { n: i + 1 })}
                      lang="fr"
                      value={team.name.fr}
                      onChange={(e) => set(i, { name: { ...team.name, fr: e.currentTarget.value } })}
                    />
                  </Table.Td>
                  <Table.Td>
                    <Select
                      aria-label={t('scenarios.teamKindN', { n: i + 1 })}
                      allowDeselect={false}
                      data={[
                        { value: 'organisation', label: t('scenarios.teamKindOrganisation') },
                        { value: 'simcell', label: t('scenarios.teamKindSimcell') },
                      ]}
                      value={team.kind}
                      onChange={(v) => set(i, { kind: v === 'simcell' ? 'simcell' : 'organisation' })}
                    />
                  </Table.Td>
                  <Table.Td>
                    <Select
                      aria-label={t('scenarios.screeningN', { n: i + 1 })}
                      allowDeselect={false}
                      data={SCREENINGS.map((s) => ({ value: s, label: labels.screening(s) }))}
                      value={team.screening}
                      onChange={(v) => {
                        if (v) set(i, { screening: v as Screening });
                      }}
                    />
                  </Table.Td>
                  <Table.Td>
                    <Button variant="default" size="compact-sm" onClick={() => onChange(teams.filter((_, j) => j !== i))}>
                      {t('common.remove')}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      ) : null}
      <Group>
        <Button
          variant="default"
          onClick={() =>
            onChange([
              ...teams,
              { id: freshId('team', teams), name: { en: '', fr: '' }, kind: 'organisation', screening: 'none', caveats: [], roles: [] },
            ])
          }
        >
          {t('scenarios.addTeam')}
        </Button>
      </Group>
    </Stack>
  );
}

/** Editable table of simulated personas. */
export function PersonasEditor({ personas, onChange, error }: { personas: Persona[]; onChange: (p: Persona[]) => void; error: unknown }) {
  const { t } = useTranslation();
  const set = (i: number, patch: Partial<Persona>) => onChange(personas.map((x, j) => (j === i ? { ...x, ...patch } : x)));
  return (
    <Stack gap="xs">
      <Title order={2} size="h3" id="personas-heading">
        {t('scenarios.personas')}
      </Title>
      {personas.length > 0 ? (
        <Table.ScrollContainer minWidth={900}>
          <Table aria-labelledby="personas-heading">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('scenarios.id')}</Table.Th>
                <Table.Th scope="col">{t('scenarios.personaName')}</Table.Th>
                <Table.Th scope="col">{t('scenarios.handle')}</Table.Th>
                <Table.Th scope="col">{t('scenarios.affiliationEn')}</Table.Th>
                <Table.Th scope="col">{t('scenarios.affiliationFr')}</Table.Th>
                <Table.Th scope="col">{t('scenarios.disposition')}</Table.Th>
                <Table.Th scope="col">{t('common.actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {personas.map((p, i) => (
                <Table.Tr key={i}>
                  <Table.Td>
                    <TextInput
                      id={fieldId(`personas[${i}].id`)}
                      aria-label={t('scenarios.personaIdN', { n: i + 1 })}
                      value={p.id}
                      onChange={(e) => set(i, { id: e.currentTarget.value })}
                      error={idError(p.id, error, `personas.${i}.id`, t('scenarios.idRule'))}
                    />
                  </Table.Td>
                  <Table.Td>
                    <TextInput
                      aria-label={t('scenarios.personaNameN', { n: i + 1 })}
                      value={p.name}
                      onChange={(e) => set(i, { name: e.currentTarget.value })}
                      error={fieldError(error, `personas.${i}.name`)}
                    />
                  </Table.Td>
                  <Table.Td>
                    <TextInput
                      aria-label={t('scenarios.handleN', { n: i + 1 })}
                      value={p.handle}
                      onChange={(e) => set(i, { handle: e.currentTarget.value })}
                      error={fieldError(error, `personas.${i}.handle`)}
                    />
                  </Table.Td>
                  <Table.Td>
                    <TextInput
                      id={fieldId(`personas[${i}].affiliation.en`)}
                      aria-label={t('scenarios.affiliationEnN', { n: i + 1 })}
                      lang="en"
                      value={p.affiliation.en}
                      onChange={(e) => set(i, { affiliation: { ...p.affiliation, en: e.currentTarget.value } })}
                    />
                  </Table.Td>
                  <Table.Td>
                    <TextInput
                      id={fieldId(`personas[${i}].affiliation.fr`)}
                      aria-label={t('scenarios.affiliationFrN', { n: i + 1 })}
                      lang="fr"
                      value={p.affiliation.fr}
                      onChange={(e) => set(i, { affiliation: { ...p.affiliation, fr: e.currentTarget.value } })}
                    />
                  </Table.Td>
                  <Table.Td>
                    <Select
                      aria-label={t('scenarios.dispositionN', { n: i + 1 })}
                      allowDeselect={false}
                      data={DISPOSITIONS.map((d) => ({ value: d, label: t(`scenarios.dispositions.${d}`) }))}
                      value={p.disposition}
                      onChange={(v) => {
                        if (v) set(i, { disposition: v as Persona['disposition'] });
                      }}
                    />
                  </Table.Td>
                  <Table.Td>
                    <Button variant="default" size="compact-sm" onClick={() => onChange(personas.filter((_, j) => j !== i))}>
                      {t('common.remove')}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      ) : null}
      <Group>
        <Button
          variant="default"
          onClick={() =>
            onChange([
              ...personas,
              { id: freshId('persona', personas), name: '', handle: '', affiliation: { en: '', fr: '' }, disposition: 'neutral' },
            ])
          }
        >
          {t('scenarios.addPersona')}
        </Button>
      </Group>
    </Stack>
  );
}

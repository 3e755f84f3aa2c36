/** The ATT&CK and DISARM techniques a scenario plays out, typed by hand (a threat-register picker comes later). */
import { Button, Group, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ScenarioDocument } from '../../../shared/scenario-format.ts';
import { fieldError } from '../../ui/ErrorAlert.tsx';
import { TECHNIQUE_ID, fieldId } from './design.ts';
import { move } from './editing.ts';
import { RowButtons } from './ObjectivesEditor.tsx';

type Technique = ScenarioDocument['techniques'][number];
const FRAMEWORKS = ['attack', 'disarm'] as const;

/** The techniques editor. */
export function TechniquesEditor({
  techniques,
  onChange,
  error,
}: {
  techniques: Technique[];
  onChange: (t: Technique[]) => void;
  error: unknown;
}) {
  const { t } = useTranslation();
  const set = (i: number, patch: Partial<Technique>) => onChange(techniques.map((x, j) => (j === i ? { ...x, ...patch } : x)));
  return (
    <Stack gap="sm">
      <Text size="sm" c="dimmed">
        {t('scenarioDesign.techniquesIntro')}
      </Text>
      {techniques.length === 0 ? (
        <Text size="sm">{t('scenarioDesign.noTechniques')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={760}>
          <Table verticalSpacing="xs" captionSide="top">
            <Table.Caption>{t('scenarioDesign.techniquesCaption')}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('scenarioDesign.framework')}</Table.Th>
                <Table.Th scope="col">{t('scenarioDesign.techniqueId')}</Table.Th>
                <Table.Th scope="col">{t('scenarioDesign.techniqueName')}</Table.Th>
                <Table.Th scope="col">{t('common.actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {techniques.map((x, i) => {
                const path = `techniques[${i}]`;
                return (
                  <Table.Tr key={i}>
                    <Table.Td>
                      <Select
                        id={fieldId(`${path}.framework`)}
                        aria-label={t('scenarioDesign.frameworkN', { n: i + 1 })}
                        allowDeselect={false}
                        w={180}
                        data={FRAMEWORKS.map((f) => ({ value: f, label: t(`scenarioDesign.frameworks.${f}`) }))}
                        value={x.framework}
                        onChange={(v) => set(i, { framework: v === 'disarm' ? 'disarm' : 'attack' })}
                      />
                    </Table.Td>
                    <Table.Td>
                      <TextInput
                        id={fieldId(`${path}.id`)}
                        aria-label={t('scenarioDesign.techniqueIdN', { n: i + 1 })}
                        w={200}
                        value={x.id}
                        onChange={(e) => set(i, { id: e.currentTarget.value.trim().toUpperCase() })}
                        error={TECHNIQUE_ID.test(x.id) ? fieldError(error, `techniques.${i}.id`) : t('scenarioDesign.techniqueIdRule')}
                      />
                    </Table.Td>
                    <Table.Td>
                      <TextInput
                        id={fieldId(`${path}.name`)}
                        aria-label={t('scenarioDesign.techniqueNameN', { n: i + 1 })}
                        miw={220}
                        maxLength={200}
                        value={x.name}
                        onChange={(e) => set(i, { name: e.currentTarget.value })}
                        error={fieldError(error, `techniques.${i}.name`)}
                      />
                    </Table.Td>
                    <Table.Td>
                      <RowButtons
                        name={t('scenarioDesign.techniqueN', { n: i + 1 })}
                        index={i}
                        count={techniques.length}
                        onMove={(d) => onChange(move(techniques, i, d))}
                        onRemove={() => onChange(techniques.filter((_, j) => j !== i))}
                      />
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <Group>
        <Button variant="default" onClick={() => onChange([...techniques, { framework: 'attack', id: '', name: '' }])}>
          {t('scenarioDesign.addTechnique')}
        </Button>
      </Group>
    </Stack>
  );
}

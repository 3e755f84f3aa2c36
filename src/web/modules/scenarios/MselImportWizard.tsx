/**
 * MSEL spreadsheet import: choose a CSV or XLSX file, map its columns to inject fields (the
 * server suggests a mapping), preview every row with its errors, then commit all rows or none.
 */
import { Alert, Button, FileInput, Group, Modal, Select, SimpleGrid, Stack, Table, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  MSEL_FIELDS,
  REQUIRED_MSEL_FIELDS,
  type MselField,
  type MselImport,
  type MselPreview,
} from '../../../shared/contracts/msel-import.ts';
import type { Scenario } from '../../../shared/contracts/scenarios.ts';
import { formatOffset } from '../../../shared/scenario-rules.ts';
import { ErrorAlert, fieldError } from '../../ui/ErrorAlert.tsx';
import { useLabels } from '../../ui/labels.ts';
import { useMselCommit, useMselPreview } from './mutations.ts';

type Mapping = Partial<Record<MselField, string>>;

/** The file's bytes as base64 (without the data: prefix). */
function readBase64(file: File): Promise<string> {
  return new Promise((ok, fail) => {
    const reader = new FileReader();
    reader.onload = () => ok(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => fail(reader.error ?? new Error('cannot read the file'));
    reader.readAsDataURL(file);
  });
}

function Wizard({ scenarioId, onDone }: { scenarioId: string; onDone: (s: Scenario) => void }) {
  const { t } = useTranslation();
  const labels = useLabels();
  const preview = useMselPreview();
  const commit = useMselCommit();
  const [file, setFile] = useState<File | null>(null);
  const [content, setContent] = useState<string | null>(null);
  const [startClock, setStartClock] = useState('');
  const [sheet, setSheet] = useState<string | null>(null);
  const [mapping, setMapping] = useState<Mapping | null>(null);
  const [readError, setReadError] = useState<unknown>(null);
  const data: MselPreview | undefined = preview.data;

  const input = (base64: string, m: Mapping | null): MselImport => ({
    fileName: file?.name ?? 'msel.csv',
    contentBase64: base64,
    ...(m ? { mapping: m } : {}),
    ...(sheet ? { sheet } : {}),
    ...(startClock.trim() ? { startClock: startClock.trim() } : {}),
  });
  const runPreview = async (m: Mapping | null) => {
    if (!file) return;
    try {
      const base64 = content ?? (await readBase64(file));
      setContent(base64);
      setReadError(null);
      preview.mutate({ id: scenarioId, input: input(base64, m) }, { onSuccess: (p) => setMapping(p.mapping) });
    } catch (err) {
      setReadError(err);
    }
  };
  const badColumns = new Set((data?.rows ?? []).flatMap((r) => r.errors.map((e) => e.column)));
  const error = preview.error ?? commit.error ?? readError;

  return (
    <Stack>
      <ErrorAlert error={error} />
      <Group align="flex-end" grow>
        <FileInput
          label={t('msel.file')}
          description={t('msel.fileHint')}
          accept=".csv,.xlsx"
          value={file}
          onChange={(f) => {
            setFile(f);
            setContent(null);
            setMapping(null);
            preview.reset();
          }}
          error={fieldError(error, 'fileName')}
        />
        <TextInput
          label={t('msel.startClock')}
          description={t('msel.startClockHint')}
          placeholder="09:00"
          value={startClock}
          onChange={(e) => setStartClock(e.currentTarget.value)}
          error={fieldError(error, 'startClock')}
        />
      </Group>
      <Group>
        <Button disabled={!file} loading={preview.isPending} onClick={() => void runPreview(mapping)}>
          {data ? t('msel.refresh') : t('msel.preview')}
        </Button>
      </Group>
      {data ? (
        <>
          {data.sheets.length > 1 ? (
            <Select label={t('msel.sheet')} data={data.sheets} value={sheet ?? data.sheets[0] ?? null} onChange={setSheet} maw={300} />
          ) : null}
          <Text fw={600}>{t('msel.mapping')}</Text>
          <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }}>
            {MSEL_FIELDS.map((f) => {
              const col = mapping?.[f];
              return (
                <Select
                  key={f}
                  label={t(`msel.fields.${f}`)}
                  required={REQUIRED_MSEL_FIELDS.includes(f)}
                  clearable
                  data={data.columns}
                  value={col ?? null}
                  onChange={(v) => {
                    const next: Mapping = { ...(mapping ?? {}) };
                    if (v) next[f] = v;
                    else delete next[f];
                    setMapping(next);
                  }}
                  error={col && badColumns.has(col) ? t('msel.columnHasErrors') : undefined}
                />
              );
            })}
          </SimpleGrid>
          {data.ok ? (
            <Alert color="green" variant="light">
              {t('msel.allGood', { count: data.rows.length })}
            </Alert>
          ) : (
            <Alert color="orange" variant="light" role="status">
              {t('msel.rowsWithErrors', { count: data.rows.filter((r) => r.errors.length > 0).length })}
            </Alert>
          )}
          <Table.ScrollContainer minWidth={800} mah={360}>
            <Table>
              <Table.Caption>{t('msel.rowsCaption')}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('msel.row')}</Table.Th>
                  <Table.Th scope="col">{t('scenarios.number')}</Table.Th>
                  <Table.Th scope="col">{t('scenarios.offset')}</Table.Th>
                  <Table.Th scope="col">{t('scenarios.titleEn')}</Table.Th>
                  <Table.Th scope="col">{t('scenarios.channel')}</Table.Th>
                  <Table.Th scope="col">{t('msel.errors')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.rows.map((r) => (
                  <Table.Tr key={r.row} bg={r.errors.length ? 'red.0' : undefined}>
                    <Table.Td>{r.row}</Table.Td>
                    <Table.Td>{r.inject?.number ?? '—'}</Table.Td>
                    <Table.Td>{r.inject ? formatOffset(r.inject.offsetMinutes) : '—'}</Table.Td>
                    <Table.Td>{r.inject?.title.en ?? '—'}</Table.Td>
                    <Table.Td>{r.inject ? labels.channel(r.inject.channel) : '—'}</Table.Td>
                    <Table.Td>
                      {r.errors.map((e, k) => (
                        <Text key={k} size="sm" c="red.9">
                          <strong>{e.column}</strong>: {e.message}
                        </Text>
                      ))}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          <Group justify="flex-end">
            <Button
              disabled={!data.ok || content === null}
              loading={commit.isPending}
              onClick={() => {
                if (content !== null) commit.mutate({ id: scenarioId, input: input(content, mapping) }, { onSuccess: onDone });
              }}
            >
              {t('msel.commit', { count: data.rows.length })}
            </Button>
          </Group>
        </>
      ) : null}
    </Stack>
  );
}

/** The wizard in a dialog. */
export function MselImportWizard({
  scenarioId,
  opened,
  onClose,
  onDone,
}: {
  scenarioId: string;
  opened: boolean;
  onClose: () => void;
  onDone: (s: Scenario) => void;
}) {
  const { t } = useTranslation();
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={t('msel.title')}
      size="90%"
      closeButtonProps={{ 'aria-label': t('common.close') }}
      withinPortal={false}
    >
      {opened ? <Wizard scenarioId={scenarioId} onDone={onDone} /> : null}
    </Modal>
  );
}

/**
 * The scenario editor: header fields, teams, personas, the MSEL table with its timeline, and the
 * problems found live by the same rules the server runs. Saves the whole document with baseVersion.
 */
import {
  Accordion,
  Anchor,
  Button,
  Group,
  Loader,
  MultiSelect,
  NumberInput,
  Select,
  Stack,
  Tabs,
  Text,
  TextInput,
  Textarea,
} from '@mantine/core';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import type { Scenario } from '../../../shared/contracts/scenarios.ts';
import { SCENARIO_KINDS, type Inject, type ScenarioDocument } from '../../../shared/scenario-format.ts';
import { validateScenario, type Problem } from '../../../shared/scenario-rules.ts';
import { ApiError, downloadUrl } from '../../lib/api.ts';
import { ErrorAlert, fieldError } from '../../ui/ErrorAlert.tsx';
import { MarkingBanner, MarkingPicker } from '../../ui/Marking.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { useLabels } from '../../ui/labels.ts';
import { useMe } from '../accounts/queries.ts';
import { usePlans } from '../plans/queries.ts';
import { DESIGN_SECTIONS, fieldIdCandidates, problemTarget, type DesignSection } from './design.ts';
import { blankScenario } from './editing.ts';
import { InjectDrawer } from './InjectDrawer.tsx';
import { MselImportWizard } from './MselImportWizard.tsx';
import { DryRunPanel } from './DryRunPanel.tsx';
import { MselTable, injectFieldId } from './MselTable.tsx';
import { ObjectivesEditor } from './ObjectivesEditor.tsx';
import { ProblemsPanel } from './ProblemsPanel.tsx';
import { SharingRulesEditor } from './SharingRulesEditor.tsx';
import { TechniquesEditor } from './TechniquesEditor.tsx';
import { PersonasEditor, TeamsEditor } from './TeamsEditor.tsx';
import { Timeline } from './Timeline.tsx';
import { useCreateScenario, useSaveScenario } from './mutations.ts';
import { useScenario } from './queries.ts';

/** True when the user may write scenarios. */
export function useCanWriteScenarios(): boolean {
  const me = useMe();
  return me.roles.includes('planner') || me.roles.includes('admin');
}

function Header({ doc, onChange, error }: { doc: ScenarioDocument; onChange: (d: ScenarioDocument) => void; error: unknown }) {
  const { t } = useTranslation();
  const labels = useLabels();
  const plans = usePlans(null);
  const lang = (l: 'en' | 'fr') => (
    <Stack gap="sm" pt="sm">
      <TextInput
        label={t(`scenarios.title_${l}`)}
        required
        lang={l}
        value={doc.title[l]}
        onChange={(e) => onChange({ ...doc, title: { ...doc.title, [l]: e.currentTarget.value } })}
        error={fieldError(error, `title.${l}`)}
      />
      <Textarea
        label={t(`scenarios.summary_${l}`)}
        lang={l}
        autosize
        minRows={2}
        value={doc.summary[l]}
        onChange={(e) => onChange({ ...doc, summary: { ...doc.summary, [l]: e.currentTarget.value } })}
        error={fieldError(error, `summary.${l}`)}
      />
      <Textarea
        label={t(`scenarios.narrative_${l}`)}
        lang={l}
        autosize
        minRows={4}
        value={doc.narrative[l]}
        onChange={(e) => onChange({ ...doc, narrative: { ...doc.narrative, [l]: e.currentTarget.value } })}
        error={fieldError(error, `narrative.${l}`)}
      />
    </Stack>
  );
  return (
    <Stack gap="sm">
      <Tabs defaultValue="en">
        <Tabs.List>
          <Tabs.Tab value="en">{t('common.english')}</Tabs.Tab>
          <Tabs.Tab value="fr">{t('common.french')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="en">{lang('en')}</Tabs.Panel>
        <Tabs.Panel value="fr">{lang('fr')}</Tabs.Panel>
      </Tabs>
      <Group grow align="flex-start">
        <Select
          label={t('scenarios.kind')}
          allowDeselect={false}
          data={SCENARIO_KINDS.map((k) => ({ value: k, label: labels.scenarioKind(k) }))}
          value={doc.kind}
          onChange={(v) => {
            if (v) onChange({ ...doc, kind: v as ScenarioDocument['kind'] });
          }}
        />
        <NumberInput
          label={t('scenarios.duration')}
          min={15}
          value={doc.durationMinutes}
          onChange={(v) => onChange({ ...doc, durationMinutes: typeof v === 'number' ? v : 15 })}
          error={fieldError(error, 'durationMinutes')}
        />
      </Group>
      <MultiSelect
        label={t('scenarios.plansUnderTest')}
        description={t('scenarios.plansUnderTestHint')}
        searchable
        data={(plans.data ?? []).map((p) => ({ value: p.id, label: labels.pick(p.title) }))}
        value={doc.planIds}
        onChange={(planIds) => onChange({ ...doc, planIds })}
        error={error instanceof ApiError && error.field?.startsWith('planIds') ? error.message : undefined}
      />
      <MarkingPicker
        idPrefix="scenario"
        value={doc.marking}
        onChange={(marking) => onChange({ ...doc, marking })}
        error={fieldError(error, 'marking')}
      />
    </Stack>
  );
}

/**
 * Focus the field for a problem path once it is shown (a section may be opening, the inject
 * drawer sliding in), else scroll to its section. An opening drawer moves focus to its own first
 * field: while focus stays inside the drawer, it is moved back once to the field.
 */
function focusWhenShown(path: string, fallbackId: string | null): void {
  const find = () =>
    fieldIdCandidates(path)
      .map((id) => document.getElementById(id))
      .find((x): x is HTMLElement => x !== null && x.getClientRects().length > 0);
  let tries = 0;
  const attempt = () => {
    tries += 1;
    const el = find();
    if (el) {
      el.focus();
      el.scrollIntoView({ block: 'center' });
      const dialog = el.closest('[role="dialog"]');
      if (dialog) {
        window.setTimeout(() => {
          const now = document.activeElement;
          if (now !== el && now instanceof HTMLElement && dialog.contains(now)) el.focus();
        }, 300);
      }
    } else if (tries < 20) window.setTimeout(attempt, 50);
    else if (fallbackId) document.getElementById(fallbackId)?.scrollIntoView({ block: 'start' });
  };
  window.setTimeout(attempt, 0);
}

/** The design sections (objectives, sharing rules, techniques), each folding away. */
function DesignSections({
  doc,
  onChange,
  opened,
  onOpened,
  error,
}: {
  doc: ScenarioDocument;
  onChange: (d: ScenarioDocument) => void;
  opened: DesignSection[];
  onOpened: (s: DesignSection[]) => void;
  error: unknown;
}) {
  const { t } = useTranslation();
  const label = (s: DesignSection) => `${t(`scenarioDesign.section.${s}`)} (${doc[s].length})`;
  return (
    <Accordion
      multiple
      variant="separated"
      order={2}
      value={opened}
      onChange={(v) => onOpened(v.filter((x): x is DesignSection => (DESIGN_SECTIONS as readonly string[]).includes(x)))}
    >
      {DESIGN_SECTIONS.map((s) => (
        <Accordion.Item key={s} value={s} id={`section-${s}`}>
          <Accordion.Control>{label(s)}</Accordion.Control>
          <Accordion.Panel>
            {s === 'objectives' ? (
              <ObjectivesEditor objectives={doc.objectives} onChange={(objectives) => onChange({ ...doc, objectives })} error={error} />
            ) : s === 'sharingRules' ? (
              <SharingRulesEditor
                rules={doc.sharingRules}
                teams={doc.teams}
                onChange={(sharingRules) => onChange({ ...doc, sharingRules })}
                error={error}
              />
            ) : (
              <TechniquesEditor techniques={doc.techniques} onChange={(techniques) => onChange({ ...doc, techniques })} error={error} />
            )}
          </Accordion.Panel>
        </Accordion.Item>
      ))}
    </Accordion>
  );
}

function download(href: string) {
  const a = document.createElement('a');
  a.href = href;
  a.download = '';
  document.body.appendChild(a);
  a.click();
  a.remove();
}

function Editor({ saved }: { saved: Scenario | null }) {
  const { t } = useTranslation();
  const labels = useLabels();
  const navigate = useNavigate();
  const canWrite = useCanWriteScenarios();
  const create = useCreateScenario();
  const save = useSaveScenario();
  const [doc, setDoc] = useState<ScenarioDocument>(saved?.document ?? blankScenario());
  const [base, setBase] = useState<Scenario | null>(saved);
  const [open, setOpen] = useState<number | null>(null);
  const [highlighted, setHighlighted] = useState<number | null>(null);
  const [importing, setImporting] = useState(false);
  const [sections, setSections] = useState<DesignSection[]>(() => DESIGN_SECTIONS.filter((x) => doc[x].length > 0));
  const live: Problem[] = useMemo(() => validateScenario(doc), [doc]);
  const dirty = !base || JSON.stringify(base.document) !== JSON.stringify(doc);
  const error = create.error ?? save.error;
  const conflict = error instanceof ApiError && error.code === 'conflict';

  const onSaved = (s: Scenario) => {
    setBase(s);
    setDoc(s.document);
    if (!base) void navigate(`/scenarios/${s.id}`, { replace: true });
  };
  const onSave = () => {
    if (base) save.mutate({ id: base.id, baseVersion: base.version, doc }, { onSuccess: onSaved });
    else create.mutate(doc, { onSuccess: onSaved });
  };
  const goTo = (path: string) => {
    const target = problemTarget(path);
    if (!target) return;
    switch (target.kind) {
      case 'inject':
        setHighlighted(target.index);
        document.getElementById(injectFieldId(target.index))?.focus();
        return;
      case 'action':
        setHighlighted(target.index);
        setOpen(target.index);
        focusWhenShown(path, null);
        return;
      case 'section': {
        const section = target.section;
        if (section === 'teams' || section === 'personas') {
          focusWhenShown(path, `${section}-heading`);
          return;
        }
        if (!sections.includes(section)) setSections([...sections, section]);
        focusWhenShown(path, `section-${section}`);
        return;
      }
      default: {
        const never: never = target;
        throw new Error(`unknown target ${String(never)}`);
      }
    }
  };
  const setInjects = (injects: Inject[]) => setDoc({ ...doc, injects });

  return (
    <>
      <PageHeader
        title={base ? labels.pick(base.document.title) || t('scenarios.untitled') : t('scenarios.new')}
        description={
          base ? t('scenarios.versionInfo', { version: base.version, date: labels.dateTime(base.updatedAt) }) : t('scenarios.newIntro')
        }
        actions={
          <Group>
            {base ? (
              <>
                <Button variant="default" onClick={() => download(downloadUrl(`/scenarios/${base.id}/export`, { format: 'json' }))}>
                  {t('scenarios.exportJson')}
                </Button>
                <Button variant="default" onClick={() => download(downloadUrl(`/scenarios/${base.id}/export`, { format: 'yaml' }))}>
                  {t('scenarios.exportYaml')}
                </Button>
                {canWrite ? (
                  <Button
                    variant="default"
                    disabled={dirty}
                    title={dirty ? t('scenarios.saveFirst') : undefined}
                    onClick={() => setImporting(true)}
                  >
                    {t('msel.open')}
                  </Button>
                ) : null}
              </>
            ) : null}
            {canWrite ? (
              <Button onClick={onSave} loading={create.isPending || save.isPending} disabled={!dirty}>
                {t('common.save')}
              </Button>
            ) : null}
          </Group>
        }
      />
      <Stack gap="xl">
        <Group>
          <MarkingBanner marking={doc.marking} />
          <Anchor component={Link} to="/scenarios">
            {t('scenarios.backToList')}
          </Anchor>
          <Text size="sm" role="status" data-testid="save-state">
            {base && !dirty ? t('scenarios.saved', { version: base.version }) : t('scenarios.unsaved')}
          </Text>
        </Group>
        {conflict ? (
          <ErrorAlert error={error} title={t('common.conflictTitle')}>
            {t('scenarios.conflictBody')}
          </ErrorAlert>
        ) : (
          <ErrorAlert error={error} />
        )}
        <Header doc={doc} onChange={setDoc} error={error} />
        <TeamsEditor teams={doc.teams} onChange={(teams) => setDoc({ ...doc, teams })} error={error} />
        <PersonasEditor personas={doc.personas} onChange={(personas) => setDoc({ ...doc, personas })} error={error} />
        <DesignSections doc={doc} onChange={setDoc} opened={sections} onOpened={setSections} error={error} />
        <ProblemsPanel live={live} server={base && !dirty ? base.problems : null} onGoTo={goTo} />
        <MselTable doc={doc} onChange={setInjects} onOpen={setOpen} highlighted={highlighted} error={error} />
        <Timeline doc={doc} onOpen={setOpen} />
        {base ? <DryRunPanel scenarioId={base.id} disabled={dirty} /> : null}
      </Stack>
      <InjectDrawer
        doc={doc}
        index={open}
        onClose={() => setOpen(null)}
        onChange={(i, inj) => setInjects(doc.injects.map((x, j) => (j === i ? inj : x)))}
      />
      {base ? (
        <MselImportWizard
          scenarioId={base.id}
          opened={importing}
          onClose={() => setImporting(false)}
          onDone={(s) => {
            setImporting(false);
            onSaved(s);
          }}
        />
      ) : null}
    </>
  );
}

/** /scenarios/new */
export function NewScenarioPage() {
  return <Editor saved={null} />;
}

/** /scenarios/:id */
export function ScenarioEditorPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const scenario = useScenario(id);
  if (!scenario.data) {
    return (
      <>
        <PageHeader title={t('scenarios.scenario')} />
        <ErrorAlert error={scenario.error} />
        {scenario.isPending ? <Loader aria-label={t('app.loading')} /> : null}
      </>
    );
  }
  return <Editor key={scenario.data.id} saved={scenario.data} />;
}

/** Markings on screen: the banner shown with any marked record, and the picker that sets one. */
import { Badge, Select, SimpleGrid, TagsInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { CLASSIFICATIONS, TLP_LABELS, type Classification, type Marking, type TlpLabel } from '../../shared/markings.ts';
import { useLabels } from './labels.ts';

// Dark shades so the banner text passes WCAG AA contrast on white and on striped table rows.
const TLP_COLOURS: Record<TlpLabel, string> = {
  CLEAR: '#343a40',
  GREEN: '#1e6b30',
  AMBER: '#8f4a00',
  'AMBER+STRICT': '#8f4a00',
  RED: '#a61b1b',
};

/** "PROTECTED B // TLP:AMBER // CEO" as an outlined badge. */
export function MarkingBanner({ marking }: { marking: Marking }) {
  const labels = useLabels();
  return (
    <Badge variant="outline" color={TLP_COLOURS[marking.tlp]} tt="none" size="lg" styles={{ label: { overflow: 'visible' } }}>
      {labels.marking(marking)}
    </Badge>
  );
}

const CAVEAT = /^[A-Z][A-Z0-9_-]{1,31}$/;

/** Classification select, TLP select and caveat tags. */
export function MarkingPicker({
  value,
  onChange,
  idPrefix,
  error,
}: {
  value: Marking;
  onChange: (m: Marking) => void;
  idPrefix: string;
  error?: string | undefined;
}) {
  const { t } = useTranslation();
  const labels = useLabels();
  return (
    <SimpleGrid cols={{ base: 1, sm: 3 }}>
      <Select
        id={`${idPrefix}-classification`}
        label={t('marking.classification')}
        allowDeselect={false}
        data={CLASSIFICATIONS.map((c) => ({ value: c, label: labels.classification(c) }))}
        value={value.classification}
        onChange={(v) => {
          if (v) onChange({ ...value, classification: v as Classification });
        }}
        error={error}
      />
      <Select
        id={`${idPrefix}-tlp`}
        label={t('marking.tlp')}
        allowDeselect={false}
        data={TLP_LABELS.map((l) => ({ value: l, label: `TLP:${l}` }))}
        value={value.tlp}
        onChange={(v) => {
          if (v) onChange({ ...value, tlp: v as TlpLabel });
        }}
      />
      <TagsInput
        id={`${idPrefix}-caveats`}
        label={t('marking.caveats')}
        description={t('marking.caveatsHint')}
        value={value.caveats}
        onChange={(list) =>
          onChange({ ...value, caveats: [...new Set(list.map((c) => c.trim().toUpperCase()).filter((c) => CAVEAT.test(c)))] })
        }
      />
    </SimpleGrid>
  );
}

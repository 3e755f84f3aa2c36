/** A timeline of the MSEL: one lane per team (and one for "everyone"), a marker per inject at its offset. */
import { Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ScenarioDocument } from '../../../shared/scenario-format.ts';
import { formatOffset } from '../../../shared/scenario-rules.ts';
import { useLabels } from '../../ui/labels.ts';

const LANE = 28;
const LABEL = 160;
const WIDTH = 900;

/** The timeline figure; markers are clickable and open the inject. */
export function Timeline({ doc, onOpen }: { doc: ScenarioDocument; onOpen: (index: number) => void }) {
  const { t } = useTranslation();
  const labels = useLabels();
  const lanes = [
    { id: null as string | null, name: t('scenarios.everyone') },
    ...doc.teams.map((team) => ({ id: team.id, name: labels.pick(team.name) || team.id })),
  ];
  const end = Math.max(doc.durationMinutes, ...doc.injects.map((i) => i.offsetMinutes), 1);
  const x = (m: number) => LABEL + ((WIDTH - LABEL - 20) * m) / end;
  const height = lanes.length * LANE + 30;
  return (
    <Stack gap="xs">
      <Title order={2} size="h3" id="timeline-heading">
        {t('scenarios.timeline')}
      </Title>
      <Text size="sm" c="dimmed">
        {t('scenarios.timelineHint')}
      </Text>
      <div style={{ overflowX: 'auto' }}>
        <svg viewBox={`0 0 ${WIDTH} ${height}`} width="100%" style={{ minWidth: 600 }} role="group" aria-labelledby="timeline-heading">
          {lanes.map((lane, li) => (
            <g key={lane.id ?? '__everyone'}>
              <rect x={0} y={li * LANE} width={WIDTH} height={LANE} fill={li % 2 ? '#f1f3f5' : '#ffffff'} />
              <text x={6} y={li * LANE + 18} fontSize={12} fill="#212529">
                {lane.name}
              </text>
            </g>
          ))}
          <line
            x1={x(doc.durationMinutes)}
            x2={x(doc.durationMinutes)}
            y1={0}
            y2={lanes.length * LANE}
            stroke="#c92a2a"
            strokeDasharray="4 3"
          />
          {[0, 0.25, 0.5, 0.75, 1].map((f) => (
            <text key={f} x={x(end * f)} y={lanes.length * LANE + 18} fontSize={11} fill="#495057" textAnchor="middle">
              {formatOffset(Math.round(end * f))}
            </text>
          ))}
          {doc.injects.flatMap((inj, i) =>
            lanes
              .map((lane, li) => ({ lane, li }))
              .filter(({ lane }) => (lane.id === null ? inj.recipients.everyone : inj.recipients.teams.includes(lane.id)))
              .map(({ lane, li }) => (
                <a
                  key={`${inj.id}-${lane.id ?? 'all'}`}
                  href={`#inject-${i}`}
                  onClick={(e) => {
                    e.preventDefault();
                    onOpen(i);
                  }}
                  aria-label={t('scenarios.markerLabel', {
                    n: inj.number,
                    offset: formatOffset(inj.offsetMinutes),
                    lane: lane.name,
                    title: labels.pick(inj.title),
                  })}
                >
                  <circle cx={x(inj.offsetMinutes)} cy={li * LANE + LANE / 2} r={7} fill="#1c7ed6" stroke="#ffffff" strokeWidth={1.5} />
                  <text
                    x={x(inj.offsetMinutes)}
                    y={li * LANE + LANE / 2 + 4}
                    fontSize={9}
                    fill="#ffffff"
                    textAnchor="middle"
                    aria-hidden="true"
                  >
                    {inj.number}
                  </text>
                </a>
              )),
          )}
        </svg>
      </div>
    </Stack>
  );
}

/** The disinformation-reach curve of one narrative: model values over exercise time, as an SVG line chart. */
import { useTranslation } from 'react-i18next';
import { formatExerciseTime } from './store.ts';

const W = 560;
const H = 220;
const PAD = { left: 64, right: 16, top: 12, bottom: 32 };

function compact(n: number, locale: string): string {
  return new Intl.NumberFormat(locale, { notation: 'compact', maximumFractionDigits: 1 }).format(n);
}

export function ReachChart({
  id,
  title,
  points,
  countermeasures,
}: {
  id: string;
  title: string;
  points: readonly { ms: number; value: number }[];
  countermeasures: readonly number[];
}) {
  const { t, i18n } = useTranslation();
  const locale = i18n.resolvedLanguage === 'fr' ? 'fr-CA' : 'en-CA';
  const maxMs = Math.max(60_000, ...points.map((p) => p.ms), ...countermeasures);
  const maxValue = Math.max(1, ...points.map((p) => p.value));
  const x = (ms: number) => PAD.left + (ms / maxMs) * (W - PAD.left - PAD.right);
  const y = (v: number) => H - PAD.bottom - (v / maxValue) * (H - PAD.top - PAD.bottom);
  const last = points.at(-1);
  const desc = last
    ? t('live.reach.desc', { count: points.length, value: compact(last.value, locale), time: formatExerciseTime(last.ms) })
    : t('live.reach.noPoints');
  return (
    <svg
      viewBox={`0 0 ${W} ${H}`}
      width="100%"
      role="img"
      aria-labelledby={`${id}-title ${id}-desc`}
      data-testid="reach-chart"
      style={{ maxWidth: W, display: 'block' }}
    >
      <title id={`${id}-title`}>{t('live.reach.chartTitle', { title })}</title>
      <desc id={`${id}-desc`}>{desc}</desc>
      <line x1={PAD.left} y1={H - PAD.bottom} x2={W - PAD.right} y2={H - PAD.bottom} stroke="#495057" />
      <line x1={PAD.left} y1={PAD.top} x2={PAD.left} y2={H - PAD.bottom} stroke="#495057" />
      <text x={PAD.left - 6} y={PAD.top + 10} textAnchor="end" fontSize="11" fill="#212529">
        {compact(maxValue, locale)}
      </text>
      <text x={PAD.left - 6} y={H - PAD.bottom} textAnchor="end" fontSize="11" fill="#212529">
        0
      </text>
      <text x={PAD.left} y={H - 10} fontSize="11" fill="#212529">
        {formatExerciseTime(0)}
      </text>
      <text x={W - PAD.right} y={H - 10} textAnchor="end" fontSize="11" fill="#212529">
        {formatExerciseTime(maxMs)}
      </text>
      {countermeasures.map((ms, i) => (
        <line
          key={`c${i}`}
          x1={x(ms)}
          x2={x(ms)}
          y1={PAD.top}
          y2={H - PAD.bottom}
          stroke="#1e6b30"
          strokeDasharray="4 3"
          data-countermeasure
        />
      ))}
      {points.length > 1 ? (
        <polyline fill="none" stroke="#a61b1b" strokeWidth={2} points={points.map((p) => `${x(p.ms)},${y(p.value)}`).join(' ')} />
      ) : null}
      {points.map((p, i) => (
        <circle key={i} cx={x(p.ms)} cy={y(p.value)} r={2.5} fill="#a61b1b" data-point />
      ))}
    </svg>
  );
}

import { useId } from 'react';
import { useTranslation } from '../i18n';

export interface ChartPoint {
  /** What the point is, in full (a day, as a reader says it). */
  label: string;
  /** The same, short, for the axis. */
  shortLabel: string;
  valueMinor: bigint;
}

/** Height of a bar as a share of the tallest, from integers (geometry only; amounts are never rounded). */
function shareOf(value: bigint, maximum: bigint): number {
  if (maximum <= 0n || value <= 0n) return 0;
  return Number((value * 10_000n) / maximum) / 10_000;
}

/**
 * A bar per point, in inline SVG. Screen readers get a summary (the SVG's label) and the
 * numbers as a table, which everyone can open; the axis labels are HTML so they stay
 * legible at any width.
 */
export function BarChart({
  title,
  points,
  formatValue,
}: {
  title: string;
  points: readonly ChartPoint[];
  formatValue(valueMinor: bigint): string;
}) {
  const { t } = useTranslation('chart');
  const id = useId();
  const maximum = points.reduce(
    (largest, point) => (point.valueMinor > largest ? point.valueMinor : largest),
    0n,
  );
  const total = points.reduce((sum, point) => sum + point.valueMinor, 0n);
  const busiest = points.find((point) => point.valueMinor === maximum);
  const activeDays = points.filter((point) => point.valueMinor > 0n).length;
  const first = points[0];
  const last = points[points.length - 1];
  const summary =
    maximum === 0n || busiest === undefined
      ? t('summaryEmpty', { title })
      : t('summary', {
          title,
          total: formatValue(total),
          activeDays,
          count: points.length,
          most: formatValue(maximum),
          day: busiest.label,
        });

  const width = Math.max(points.length, 1) * 10;
  const height = 100;
  return (
    <figure className="chart" aria-labelledby={`${id}-title`}>
      <figcaption id={`${id}-title`} className="chart-title">
        {title}
      </figcaption>
      <div className="chart-body">
        <div className="chart-scale" aria-hidden="true">
          <span>{formatValue(maximum)}</span>
          <span>{formatValue(0n)}</span>
        </div>
        <svg
          className="chart-plot"
          viewBox={`0 0 ${width} ${height}`}
          preserveAspectRatio="none"
          role="img"
          aria-label={summary}
        >
          <line x1="0" y1={height} x2={width} y2={height} className="chart-axis" />
          {points.map((point, index) => {
            const barHeight = shareOf(point.valueMinor, maximum) * height;
            return (
              <rect
                key={point.label}
                x={index * 10 + 1.5}
                y={height - barHeight}
                width="7"
                height={barHeight}
                className="chart-bar"
              >
                <title>{t('point', { day: point.label, amount: formatValue(point.valueMinor) })}</title>
              </rect>
            );
          })}
        </svg>
      </div>
      {first === undefined || last === undefined ? null : (
        <div className="chart-days" aria-hidden="true">
          <span>{first.shortLabel}</span>
          <span>{last.shortLabel}</span>
        </div>
      )}
      <details className="chart-table">
        <summary>{t('showNumbers')}</summary>
        <div className="table-scroll">
          <table>
            <caption className="visually-hidden">{t('perDay', { title })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('day')}</th>
                <th scope="col" className="numeric">
                  {t('amount')}
                </th>
              </tr>
            </thead>
            <tbody>
              {points.map((point) => (
                <tr key={point.label}>
                  <th scope="row">{point.label}</th>
                  <td className="numeric">{formatValue(point.valueMinor)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}

/** The dashboard's charts (Recharts, loaded only with the dashboard route). */
import {
  Bar,
  BarChart,
  CartesianGrid,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';

import { useFormat } from '@/lib/use-format';

import { CHART_HEIGHT, columnChartHeight } from './chart-size';

const BRAND = '#0b4f6c';
const ACCENT = '#c75d12';

export function TimeSeriesChart({ data }: { data: { label: string; value: number }[] }) {
  const format = useFormat();
  const tooltipValue = (value: unknown) =>
    typeof value === 'number' ? format.number(value) : String(value);
  return (
    <ResponsiveContainer width="100%" height={CHART_HEIGHT}>
      <LineChart
        accessibilityLayer={false}
        data={data}
        margin={{ top: 8, right: 16, bottom: 8, left: 0 }}
      >
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis dataKey="label" tick={{ fontSize: 12 }} />
        <YAxis allowDecimals={false} width={40} tickFormatter={format.number} />
        <Tooltip formatter={tooltipValue} />
        <Line
          type="monotone"
          dataKey="value"
          stroke={BRAND}
          strokeWidth={2}
          dot={data.length < 40}
          isAnimationActive={false}
        />
      </LineChart>
    </ResponsiveContainer>
  );
}

export function ColumnChart({
  data,
  isHorizontal = false,
  maxValue,
}: {
  data: { label: string; value: number }[];
  isHorizontal?: boolean;
  maxValue?: number;
}) {
  const format = useFormat();
  const tooltipValue = (value: unknown) =>
    typeof value === 'number' ? format.number(value) : String(value);
  const domain: [number, number | 'auto'] = [0, maxValue ?? 'auto'];
  return (
    <ResponsiveContainer width="100%" height={columnChartHeight(data.length, isHorizontal)}>
      {isHorizontal ? (
        <BarChart
          accessibilityLayer={false}
          data={data}
          layout="vertical"
          margin={{ top: 8, right: 16, bottom: 8, left: 8 }}
        >
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis type="number" domain={domain} tickFormatter={format.number} />
          <YAxis type="category" dataKey="label" width={160} tick={{ fontSize: 12 }} />
          <Tooltip formatter={tooltipValue} />
          <Bar dataKey="value" fill={ACCENT} isAnimationActive={false} />
        </BarChart>
      ) : (
        <BarChart
          accessibilityLayer={false}
          data={data}
          margin={{ top: 8, right: 16, bottom: 8, left: 0 }}
        >
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="label" tick={{ fontSize: 12 }} />
          <YAxis allowDecimals={false} width={40} domain={domain} tickFormatter={format.number} />
          <Tooltip formatter={tooltipValue} />
          <Bar dataKey="value" fill={BRAND} isAnimationActive={false} />
        </BarChart>
      )}
    </ResponsiveContainer>
  );
}

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

const BRAND = '#0b4f6c';
const ACCENT = '#c75d12';
const HEIGHT = 260;

export function TimeSeriesChart({ data }: { data: { label: string; value: number }[] }) {
  return (
    <ResponsiveContainer width="100%" height={HEIGHT}>
      <LineChart
        accessibilityLayer={false}
        data={data}
        margin={{ top: 8, right: 16, bottom: 8, left: 0 }}
      >
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis dataKey="label" tick={{ fontSize: 12 }} />
        <YAxis allowDecimals={false} width={40} />
        <Tooltip />
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
  const domain: [number, number | 'auto'] = [0, maxValue ?? 'auto'];
  return (
    <ResponsiveContainer
      width="100%"
      height={isHorizontal ? Math.max(HEIGHT, data.length * 32) : HEIGHT}
    >
      {isHorizontal ? (
        <BarChart
          accessibilityLayer={false}
          data={data}
          layout="vertical"
          margin={{ top: 8, right: 16, bottom: 8, left: 8 }}
        >
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis type="number" domain={domain} />
          <YAxis type="category" dataKey="label" width={160} tick={{ fontSize: 12 }} />
          <Tooltip />
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
          <YAxis allowDecimals={false} width={40} domain={domain} />
          <Tooltip />
          <Bar dataKey="value" fill={BRAND} isAnimationActive={false} />
        </BarChart>
      )}
    </ResponsiveContainer>
  );
}

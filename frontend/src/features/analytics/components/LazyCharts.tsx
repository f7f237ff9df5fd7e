/**
 * The dashboard's charts, loaded after its figures and tables: Recharts is most of the dashboard's
 * code, so the page paints its numbers first, and each chart's space is kept empty meanwhile.
 */
import { lazy, Suspense, type ComponentProps } from 'react';

import { CHART_HEIGHT, columnChartHeight } from './chart-size';

const Charts = () => import('./Charts');
const LazyTimeSeriesChart = lazy(() =>
  Charts().then((module) => ({ default: module.TimeSeriesChart })),
);
const LazyColumnChart = lazy(() => Charts().then((module) => ({ default: module.ColumnChart })));

function ChartSpace({ height }: { height: number }) {
  return <div className="chart__placeholder" style={{ blockSize: height }} />;
}

export function TimeSeriesChart(props: ComponentProps<typeof LazyTimeSeriesChart>) {
  return (
    <Suspense fallback={<ChartSpace height={CHART_HEIGHT} />}>
      <LazyTimeSeriesChart {...props} />
    </Suspense>
  );
}

export function ColumnChart(props: ComponentProps<typeof LazyColumnChart>) {
  return (
    <Suspense
      fallback={
        <ChartSpace height={columnChartHeight(props.data.length, props.isHorizontal ?? false)} />
      }
    >
      <LazyColumnChart {...props} />
    </Suspense>
  );
}

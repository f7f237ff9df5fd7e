/** The charts' heights, known before Recharts loads, so that the page keeps their space meanwhile. */
export const CHART_HEIGHT = 260;
const BAR_ROW_HEIGHT = 32;

export function columnChartHeight(rows: number, isHorizontal: boolean): number {
  return isHorizontal ? Math.max(CHART_HEIGHT, rows * BAR_ROW_HEIGHT) : CHART_HEIGHT;
}

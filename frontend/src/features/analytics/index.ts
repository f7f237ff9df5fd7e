/** The analytics feature's public surface, used by the app layer only (lazily: it carries Recharts). */
export { DashboardPage } from './pages/DashboardPage';
export type { AnalyticsChoice } from './pages/DashboardPage';

/** /studio/analytics — a course's or the institution's enrolments, completion, grades and questions. */
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';

import { LoadingState } from '@/components/LoadingState';
import { RequestError } from '@/components/RequestError';
import { formatNumber, formatNumberRange, formatPercent, formatShortDate } from '@/lib/format';
import type { Language } from '@/lib/languages';
import { useDocumentTitle } from '@/lib/use-document-title';
import { useLanguage } from '@/lib/use-language';

import { courseAnalyticsCsvUrl, useCourseAnalytics } from '../api/get-course-analytics';
import {
  institutionAnalyticsCsvUrl,
  useInstitutionAnalytics,
} from '../api/get-institution-analytics';
import { ChartFigure } from '../components/ChartFigure';
import { ColumnChart, TimeSeriesChart } from '../components/LazyCharts';
import type { DailyCount, GradeBand } from '../types';

import './DashboardPage.css';

export interface AnalyticsChoice {
  slug: string;
  name: string;
}

function Kpi({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <div className="kpi">
      <dt className="kpi__label">{label}</dt>
      <dd className="kpi__value" data-testid={testId}>
        {value}
      </dd>
    </div>
  );
}

function sum(countsByStatus: Record<string, number>): number {
  return Object.values(countsByStatus).reduce((total, count) => total + count, 0);
}

function percentOrDash(share: number | null | undefined, language: Language): string {
  return share === null || share === undefined ? '—' : formatPercent(share * 100, language);
}

function EnrollmentsOverTime({ points, fileName }: { points: DailyCount[]; fileName: string }) {
  const { t } = useTranslation();
  const language = useLanguage();
  return (
    <ChartFigure
      title={t('analytics.enrollmentsOverTime')}
      fileName={fileName}
      table={{
        header: [t('analytics.date'), t('analytics.enrollments')],
        rows: points.map((point) => [point.date, point.count]),
      }}
    >
      <TimeSeriesChart
        data={points.map((point) => ({
          label: formatShortDate(point.date, language),
          value: point.count,
        }))}
      />
    </ChartFigure>
  );
}

/** Final grades of completed enrolments in ten bands; the last band includes 100. */
function GradeDistribution({ bands, fileName }: { bands: GradeBand[]; fileName: string }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const label = (band: GradeBand) => formatNumberRange(band.from_grade, band.to_grade, language);
  return (
    <ChartFigure
      title={t('analytics.gradeDistribution')}
      fileName={fileName}
      table={{
        header: [t('analytics.gradeRange'), t('analytics.learners')],
        rows: bands.map((band) => [label(band), band.count]),
      }}
    >
      <ColumnChart data={bands.map((band) => ({ label: label(band), value: band.count }))} />
    </ChartFigure>
  );
}

function ServerCsv({ href }: { href: string }) {
  const { t } = useTranslation();
  return (
    <p>
      <a className="button" href={href} download>
        {t('analytics.downloadAll')}
      </a>
    </p>
  );
}

function CourseDashboard({ slug }: { slug: string }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const analytics = useCourseAnalytics(slug, language);
  if (analytics.isPending) return <LoadingState />;
  if (analytics.isError)
    return <RequestError error={analytics.error} onRetry={() => void analytics.refetch()} isCard />;
  const data = analytics.data;
  const total = Object.values(data.enrollments).reduce((sum, count) => sum + count, 0);
  return (
    <div className="stack" data-testid="course-dashboard">
      <ServerCsv href={courseAnalyticsCsvUrl(slug)} />
      <dl className="kpis">
        <Kpi
          label={t('analytics.totalEnrollments')}
          value={formatNumber(total, language)}
          testId="kpi-enrollments"
        />
        <Kpi
          label={t('analytics.activeLearners')}
          value={formatNumber(data.active_learners_30_days, language)}
          testId="kpi-active"
        />
        <Kpi
          label={t('analytics.completionRate')}
          value={percentOrDash(data.completion_rate, language)}
          testId="kpi-completion"
        />
        <Kpi
          label={t('analytics.averageGrade')}
          value={
            data.average_grade === null ? '—' : formatPercent(Number(data.average_grade), language)
          }
          testId="kpi-grade"
        />
      </dl>
      <ChartFigure
        title={t('analytics.byStatus')}
        fileName={`${slug}-enrollments-by-status`}
        table={{
          header: [t('analytics.status'), t('analytics.enrollments')],
          rows: Object.entries(data.enrollments).map(([status, count]) => [status, count]),
        }}
      >
        <ColumnChart
          data={Object.entries(data.enrollments).map(([status, count]) => ({
            label: status,
            value: count,
          }))}
        />
      </ChartFigure>
      <EnrollmentsOverTime
        points={data.enrollments_over_time}
        fileName={`${slug}-enrollments-over-time`}
      />
      <ChartFigure
        title={t('analytics.funnel')}
        fileName={`${slug}-completion-funnel`}
        table={{
          header: [t('analytics.module'), t('analytics.learnersCompleted')],
          rows: data.funnel.map((step) => [
            `${formatNumber(step.number, language)}. ${step.title}`,
            step.learners_completed,
          ]),
        }}
      >
        <ColumnChart
          data={data.funnel.map((step) => ({
            label: `${formatNumber(step.number, language)}. ${step.title}`,
            value: step.learners_completed,
          }))}
          isHorizontal
        />
      </ChartFigure>
      <GradeDistribution bands={data.grade_distribution} fileName={`${slug}-grade-distribution`} />
      <ChartFigure
        title={t('analytics.questionDifficulty')}
        fileName={`${slug}-question-difficulty`}
        table={{
          header: [
            t('analytics.lesson'),
            t('analytics.question'),
            t('analytics.answers'),
            t('analytics.correctShare'),
          ],
          rows: data.questions.map((question) => [
            question.lesson,
            question.prompt,
            question.answers,
            percentOrDash(question.correct_share, language),
          ]),
        }}
      >
        <ColumnChart
          data={data.questions.map((question, index) => ({
            label: `${formatNumber(index + 1, language)}. ${question.prompt.slice(0, 24)}`,
            value: Math.round((question.correct_share ?? 0) * 100),
          }))}
          isHorizontal
          maxValue={100}
        />
      </ChartFigure>
    </div>
  );
}

function InstitutionDashboard({ organization }: { organization: string }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const analytics = useInstitutionAnalytics(organization, language);
  if (analytics.isPending) return <LoadingState />;
  if (analytics.isError)
    return <RequestError error={analytics.error} onRetry={() => void analytics.refetch()} isCard />;
  const data = analytics.data;
  const total = Object.values(data.enrollments).reduce((sum, count) => sum + count, 0);
  return (
    <div className="stack" data-testid="institution-dashboard">
      <ServerCsv href={institutionAnalyticsCsvUrl(organization)} />
      <dl className="kpis">
        <Kpi
          label={t('analytics.totalEnrollments')}
          value={formatNumber(total, language)}
          testId="kpi-enrollments"
        />
        <Kpi
          label={t('analytics.completions')}
          value={formatNumber(data.completions, language)}
          testId="kpi-completions"
        />
        <Kpi
          label={t('analytics.activeLearners')}
          value={formatNumber(data.active_learners_30_days, language)}
          testId="kpi-active"
        />
        <Kpi
          label={t('analytics.completionRate')}
          value={percentOrDash(data.completion_rate, language)}
          testId="kpi-completion"
        />
        <Kpi
          label={t('analytics.averageGrade')}
          value={
            data.average_grade === null ? '—' : formatPercent(Number(data.average_grade), language)
          }
          testId="kpi-grade"
        />
      </dl>
      <EnrollmentsOverTime
        points={data.enrollments_over_time}
        fileName={`${organization}-enrollments-over-time`}
      />
      <ChartFigure
        title={t('analytics.completionsOverTime')}
        fileName={`${organization}-completions-over-time`}
        table={{
          header: [t('analytics.date'), t('analytics.completions')],
          rows: data.completions_over_time.map((point) => [point.date, point.count]),
        }}
      >
        <TimeSeriesChart
          data={data.completions_over_time.map((point) => ({
            label: point.date,
            value: point.count,
          }))}
        />
      </ChartFigure>
      <GradeDistribution
        bands={data.grade_distribution}
        fileName={`${organization}-grade-distribution`}
      />
      <ChartFigure
        title={t('analytics.courses')}
        fileName={`${organization}-courses`}
        table={{
          header: [
            t('analytics.course'),
            t('analytics.enrollments'),
            t('analytics.completionRate'),
            t('analytics.averageGrade'),
          ],
          rows: data.courses.map((course) => [
            course.title,
            sum(course.enrollments),
            percentOrDash(course.completion_rate, language),
            course.average_grade,
          ]),
        }}
      >
        <ColumnChart
          data={data.courses.map((course) => ({
            label: course.title.slice(0, 28),
            value: sum(course.enrollments),
          }))}
          isHorizontal
        />
      </ChartFigure>
    </div>
  );
}

export function DashboardPage({
  organizations,
  courses,
}: {
  organizations: readonly AnalyticsChoice[];
  courses: readonly AnalyticsChoice[];
}) {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  useDocumentTitle(t('analytics.title'));
  const course = params.get('course') ?? '';
  const organization = params.get('institution') ?? organizations[0]?.slug ?? '';
  const scope = course ? `course:${course}` : `institution:${organization}`;

  return (
    <div className="stack">
      <header className="page-header">
        <h1>{t('analytics.title')}</h1>
        <p className="lead">{t('analytics.lead')}</p>
      </header>
      <div className="card">
        <label className="field__label" htmlFor="analytics-scope">
          {t('analytics.scope')}
        </label>
        <select
          id="analytics-scope"
          className="field__control"
          value={scope}
          onChange={(event) => {
            const [kind, slug] = event.target.value.split(':');
            setParams(kind === 'course' ? { course: slug ?? '' } : { institution: slug ?? '' }, {
              replace: true,
            });
          }}
        >
          <optgroup label={t('analytics.institutions')}>
            {organizations.map((item) => (
              <option key={item.slug} value={`institution:${item.slug}`}>
                {item.name}
              </option>
            ))}
          </optgroup>
          <optgroup label={t('analytics.courses')}>
            {courses.map((item) => (
              <option key={item.slug} value={`course:${item.slug}`}>
                {item.name}
              </option>
            ))}
          </optgroup>
        </select>
      </div>
      {course ? (
        <CourseDashboard key={course} slug={course} />
      ) : organization ? (
        <InstitutionDashboard key={organization} organization={organization} />
      ) : (
        <p className="muted">{t('analytics.nothing')}</p>
      )}
    </div>
  );
}

/** Analytics types: the course's from the generated schema; the institution's as agreed (pending). */
import type { components } from '@/api/schema';

export type CourseAnalytics = components['schemas']['CourseAnalytics'] & {
  /** Not in the API yet (grade distribution is a reported backend gap); shown when it arrives. */
  grade_distribution?: GradeBucket[];
};
export type DailyCount = components['schemas']['DailyCount'];
export type FunnelStep = components['schemas']['FunnelStep'];
export type QuestionDifficulty = components['schemas']['QuestionDifficulty'];

export interface GradeBucket {
  /** Lower bound of the bucket, in percent (0, 10, … 90). */
  from: number;
  to: number;
  count: number;
}

/**
 * GET /api/v1/analytics/institutions/<org slug>/, as agreed with the backend; replace with the
 * generated type when it lands. Every part is optional so that a smaller first version still shows.
 */
export interface InstitutionAnalytics {
  organization?: string;
  enrollments?: Record<string, number>;
  enrollments_over_time?: DailyCount[];
  active_learners_30_days?: number;
  completion_rate?: number | null;
  average_grade?: string | null;
  grade_distribution?: GradeBucket[];
  courses?: {
    slug: string;
    title: string;
    enrollments: number;
    completed?: number;
    completion_rate?: number | null;
    average_grade?: string | null;
    active_learners_30_days?: number;
  }[];
}

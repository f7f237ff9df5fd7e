/** Analytics types, from the generated OpenAPI schema. */
import type { components } from '@/api/schema';

export type CourseAnalytics = components['schemas']['CourseAnalytics'];
export type InstitutionAnalytics = components['schemas']['InstitutionAnalytics'];
export type DailyCount = components['schemas']['DailyCount'];
export type GradeBand = components['schemas']['GradeBand'];
export type FunnelStep = components['schemas']['FunnelStep'];
export type QuestionDifficulty = components['schemas']['QuestionDifficulty'];

/** Enrollment types, all taken from the generated OpenAPI schema. */
import type { components } from '@/api/schema';

export type Enrollment = components['schemas']['Enrollment'];
export type EnrollmentStatus = components['schemas']['EnrollmentStatusEnum'];
export type EnrollmentState = components['schemas']['EnrollmentState'];
export type MyEnrollment = components['schemas']['MyEnrollment'];
export type PrerequisiteState = components['schemas']['PrerequisiteState'];
export type Progress = components['schemas']['Progress'];
export type ProgressSummary = components['schemas']['ProgressSummary'];
export type MissingItem = components['schemas']['MissingItem'];
export type ModuleProgress = components['schemas']['ModuleProgress'];
export type LessonContent = components['schemas']['LessonContent'];
export type PreviewLesson = components['schemas']['PreviewLesson'];
export type LessonQuiz = components['schemas']['LessonQuiz'];
export type LessonQuestion = components['schemas']['LessonQuestion'];
export type EventInput = components['schemas']['EventInputRequest'];
export type EventKind = components['schemas']['EventInputKindEnum'];
export type EventResult = components['schemas']['EventResult'];
export type QuizAttempt = components['schemas']['QuizAttempt'];
/** The SCORM / cmi5 package a package lesson plays, and my attempt at it. */
export type LessonPackage = components['schemas']['LessonPackage'];
export type PackageAttempt = components['schemas']['PackageAttempt'];
/** A launch of a package lesson: the player page on the content origin. */
export type PackageLaunch = components['schemas']['PackageLaunch'];

/** What the learning view needs to name a lesson: the course outline's title and kind. */
export interface LessonTitle {
  key: string;
  title: string;
  kind: string;
}

/** Per-question feedback of a graded quiz attempt (the schema types it as a free-form object). */
export interface QuestionFeedback {
  question: string;
  correct: boolean;
  points: string;
  max_points: string;
  correct_answer?: unknown;
  explanation?: string;
}

/** An answer as the grader takes it: option key(s), true/false, a number, or text. */
export type QuizAnswer = string | string[] | boolean | number;

/**
 * The list endpoints answer a page (`count`, `next`, `previous`, `results`) although the schema
 * declares a bare array (backend: `extend_schema` on a hand-paginated APIView); the page frame is
 * taken from a generated paginated type so only `results` is ours to name.
 */
export type Page<Item> = Omit<components['schemas']['PaginatedOrganizationList'], 'results'> & {
  results: Item[];
};

export type Invitation = components['schemas']['Invitation'];
export type BulkEnrollReport = components['schemas']['BulkEnrollReport'];
export type BulkRow = components['schemas']['BulkRow'];
export type StaffInvitation = components['schemas']['StaffInvitation'];
export type StaffInvitationPage = components['schemas']['PaginatedStaffInvitationList'];

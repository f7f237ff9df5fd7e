/** Authoring types from the generated OpenAPI schema (the package itself is in course-package.ts). */
import type { components } from '@/api/schema';

export type AuthoringCourse = components['schemas']['AuthoringCourse'];
export type AuthoringCourseDetail = components['schemas']['AuthoringCourseDetail'];
export type Cover = components['schemas']['Cover'];
export type VersionSummary = components['schemas']['VersionSummary'];
export type ImportedVersion = components['schemas']['ImportedVersion'];
export type VersionState = components['schemas']['VersionStateEnum'];
export type Transition = components['schemas']['Transition'];
export type Diff = components['schemas']['Diff'];
export type Change = components['schemas']['Change'];
export type Problem = components['schemas']['Problem'];
export type PackageError = components['schemas']['PackageError'];
export type Resource = components['schemas']['Resource'];
export type Competency = components['schemas']['Competency'];
export type WorkflowAction = components['schemas']['ActionEnum'];
export type Organization = components['schemas']['Organization'];

export type ReviewComment = components['schemas']['ReviewComment'];
export type LessonVideoStatus = components['schemas']['LessonVideoStatus'];
export type VideoUpload = components['schemas']['VideoUpload'];

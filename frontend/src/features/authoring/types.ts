/** Authoring types from the generated OpenAPI schema, the course package's among them. */
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

/** A SCORM / cmi5 zip uploaded to a package lesson: what its manifest says and how storing it goes. */
export type ElearningPackageReport = components['schemas']['PackageReport'];
export type ElearningPackageProblem = components['schemas']['PackageProblem'];
export type ElearningPackageStandard = components['schemas']['PackageStandardEnum'];
/** A refused upload: the API's error with `code` "package_refused" and every blocking problem. */
export type ElearningPackageRefusal = components['schemas']['PackageRefusal'];

/**
 * The course package `icim-course/1` as the editor holds and saves it: the body of
 * PUT …/package (GET answers the same shape, with every key and default filled in).
 */
export type CoursePackage = components['schemas']['CoursePackageRequest'];
export type PackageCourse = components['schemas']['PackageCourseRequest'];
export type PackageModule = components['schemas']['PackageModuleRequest'];
/** One of the lesson kinds' shapes, told apart by `kind`. */
export type PackageLesson = components['schemas']['PackageLessonRequest'];
export type QuizSettings = components['schemas']['PackageQuizRequest'];
export type QuizQuestion = components['schemas']['PackageQuestionRequest'];
export type QuizOption = components['schemas']['PackageOptionRequest'];
export type CourseTexts = components['schemas']['PackageCourseTextsRequest'];
export type LessonTexts = components['schemas']['PackageLessonTextsRequest'];
export type QuestionTexts = components['schemas']['PackageQuestionTextsRequest'];
export type LessonKind = components['schemas']['LessonKindEnum'];
export type QuestionKind = components['schemas']['QuestionKindEnum'];
export type PackageLanguage = components['schemas']['LanguageEnum'];
/** Texts keyed by language code. */
export type Translations<T> = Record<string, T>;

/** An import from another platform's format: its state, progress and fidelity report. */
export type CourseImport = components['schemas']['CourseImport'];
export type CourseImportState = components['schemas']['CourseImportStateEnum'];
export type FidelityReport = components['schemas']['FidelityReport'];
export type FidelityReportItem = components['schemas']['ReportItem'];
export type FidelityStatus = components['schemas']['ReportItemStatusEnum'];

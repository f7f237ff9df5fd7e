/**
 * SCORM / cmi5 package lessons: the API shapes of /work/wt/CONTRACT-packages.md, written by hand
 * because the backend's OpenAPI schema did not have them yet.
 *
 * TODO(merge): replace with schema.d.ts types at merge — each alias below becomes
 * `components['schemas'][...]` once `make schema` has run on the merged backend, and this file goes.
 */

export type PackageStandard = 'scorm_1.2' | 'scorm_2004' | 'cmi5';

/** One problem the server found in an uploaded package (a warning when the package was accepted). */
export interface PackageProblem {
  code: string;
  /** In the request's language. */
  message: string;
  /** The file in the zip it is about, if any. */
  path: string | null;
}

/** A SCO (SCORM) or an AU (cmi5) of a package. */
export interface PackageItem {
  identifier: string;
  title: string;
  launch_path: string;
  /** Percent, 0..100. */
  mastery_score: number | null;
  /** cmi5 only: "Completed", "Passed", "CompletedAndPassed", "CompletedOrPassed", "NotApplicable". */
  move_on: string | null;
}

export type PackageState = 'storing' | 'ready' | 'failed';

/** GET/POST /api/v1/authoring/courses/<slug>/lessons/<key>/package */
export interface PackageReport {
  id: string;
  state: PackageState;
  progress_percent: number;
  standard: PackageStandard;
  /** "" | "2nd" | "3rd" | "4th" (SCORM 2004 only). */
  edition: string;
  title: string;
  launch_path: string;
  mastery_score: number | null;
  items: PackageItem[];
  file_count: number;
  /** Bytes, unpacked. */
  size: number;
  problems: PackageProblem[];
  uploaded_at: string;
}

/** The 400 body of a refused upload. */
export interface PackageRefusal {
  detail: string;
  problems: PackageProblem[];
}

/** The package of a package lesson, in the learner's lesson content. */
export interface LessonPackage {
  standard: PackageStandard;
  title: string;
  mastery_score: number | null;
}

/** The learner's attempt at a package lesson, in the lesson content (null before the first launch). */
export interface PackageAttempt {
  /** SCORM 1.2 lesson_status or SCORM 2004 / cmi5 completion: "completed", "incomplete", ... */
  completion_status: string;
  /** "passed" | "failed" | "unknown" */
  success_status: string;
  /** Percent. */
  score: number | null;
  is_complete: boolean;
  updated_at: string;
}

/** What GET …/lessons/<key>/ adds for a package lesson. */
export interface PackageLessonFields {
  package?: LessonPackage | null;
  package_attempt?: PackageAttempt | null;
}

/** POST /api/v1/enrollments/<id>/lessons/<key>/launch → 201 */
export interface PackageLaunch {
  launch_url: string;
  content_origin: string;
  standard: PackageStandard;
  expires_at: string;
}

/** The attempt as the commit endpoint answers it (`status` of a 200). */
export interface CommitStatus {
  completion_status: string;
  success_status: string;
  score: number | null;
  is_complete: boolean;
}

/** POST <content>/p/<token>/commit → 200 or 400 */
export interface CommitAnswer {
  result: boolean;
  errorCode: number;
  status?: CommitStatus;
  detail?: string;
}

/** The JSON in the player page's <script id="icim-player-config">. */
export interface PlayerConfig {
  standard: PackageStandard;
  sco_url: string;
  commit_url: string;
  platform_origin: string;
  /** The stored CMI in the shape scorm-again's loadFromJSON takes; {} on the first launch. */
  cmi: Record<string, unknown>;
  learner_id: string;
  learner_name: string;
  language: string;
  mastery_score: number | null;
}

/** What the player page posts to the platform (window.parent), only to platform_origin. */
export interface PlayerMessage {
  type: 'icim:package';
  event: 'committed' | 'terminated';
  status: CommitStatus | null;
}

export const PLAYER_MESSAGE_TYPE = 'icim:package';

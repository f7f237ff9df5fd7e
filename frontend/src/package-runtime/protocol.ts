/**
 * What the player page on the content origin, the backend's commit endpoint and the platform's
 * page say to each other (CONTRACT-packages.md): not API endpoints, so not in the OpenAPI schema.
 */
import type { components } from '@/api/schema';

export type PackageStandard = components['schemas']['PackageStandardEnum'];

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

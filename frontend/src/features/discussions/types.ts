/** Discussion types, all taken from the generated OpenAPI schema. */
import type { components } from '@/api/schema';

export type Thread = components['schemas']['Thread'];
export type ThreadDetail = components['schemas']['ThreadDetail'];
export type ThreadKind = components['schemas']['ThreadKindEnum'];
export type ThreadInput = components['schemas']['ThreadInputRequest'];
export type Post = components['schemas']['Post'];
export type PostState = components['schemas']['PostStateEnum'];
export type ThreadPage = components['schemas']['PaginatedThreadList'];
export type PostPage = components['schemas']['PaginatedPostList'];
export type QueueItem = components['schemas']['QueueItem'];
export type QueuePage = components['schemas']['PaginatedQueueList'];
export type PostModerationAction = components['schemas']['PostModerationActionEnum'];
export type ThreadModerationAction = components['schemas']['ThreadModerationActionEnum'];
export type Mute = components['schemas']['Mute'];
export type MuteInput = components['schemas']['MuteInputRequest'];
export type BackendLanguage = components['schemas']['LanguageEnum'];

export interface ThreadFilters {
  kind?: ThreadKind | undefined;
  language?: BackendLanguage | undefined;
  is_answered?: boolean | undefined;
  lesson_key?: string | undefined;
  q?: string | undefined;
  page?: number | undefined;
}

/** The seats feature's types, generated from the OpenAPI schema. */
import type { components } from '@/api/schema';

export type SeatPool = components['schemas']['SeatPool'];
export type SeatPoolPage = components['schemas']['PaginatedSeatPoolList'];
export type SeatPoolLearner = components['schemas']['SeatPoolLearner'];
export type SeatPoolLearnerPage = components['schemas']['PaginatedSeatPoolLearnerList'];
export type SeatUploadReport = components['schemas']['SeatUploadReport'];
export type SeatUploadResult = components['schemas']['SeatUploadRow']['result'];
export type MySeat = components['schemas']['MySeat'];
export type MySeatPage = components['schemas']['PaginatedMySeatList'];
export type SeatConsent = components['schemas']['SeatConsentEnum'];

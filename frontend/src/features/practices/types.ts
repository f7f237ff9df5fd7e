/** Best-practice library types, all taken from the generated OpenAPI schema. */
import type { components } from '@/api/schema';

export type CaseStudyListItem = components['schemas']['CaseStudyListItem'];
export type CaseStudyList = components['schemas']['PaginatedCaseStudyListItemList'];
export type CaseStudyDetail = components['schemas']['CaseStudyDetail'];
export type AuthoringCaseStudy = components['schemas']['AuthoringCaseStudy'];
export type CaseStudyAttachment = components['schemas']['CaseStudyAttachment'];
export type AuthoringListItem = components['schemas']['AuthoringListItem'];
export type CaseStudyInput = components['schemas']['CaseStudyInputRequest'];
export type CreateCaseStudy = components['schemas']['CreateCaseStudyRequest'];
export type CaseStudyTexts = components['schemas']['CaseStudyTextsRequest'];
export type Sector = components['schemas']['CaseStudySectorEnum'];
export type CaseStudyState = components['schemas']['CaseStudyStateEnum'];
export type ReviewAction = components['schemas']['CaseStudyTransitionInputRequest']['action'];
export type Standard = components['schemas']['Standard'];
export type Competency = components['schemas']['Competency'];

export const SECTORS = [
  'automotive',
  'electronics',
  'machinery',
  'process',
  'food',
  'aerospace',
  'energy',
  'other',
] as const satisfies readonly Sector[];

/** The library's filters, as the URL and the catalog's case-study section give them. */
export interface LibraryQuery {
  search: string;
  standard: string;
  competency: string;
  page?: number;
}

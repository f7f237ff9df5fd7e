/** Catalog types, all taken from the generated OpenAPI schema. */
import type { components, operations } from '@/api/schema';

export type CatalogCourse = components['schemas']['CatalogCourse'];
export type CourseList = components['schemas']['PaginatedCatalogCourseList'];
export type CourseDetail = components['schemas']['CourseDetail'];
export type CourseInstitution = components['schemas']['Institution'];
export type OutlineModule = components['schemas']['OutlineModule'];
export type OutlineLesson = components['schemas']['OutlineLesson'];
export type LessonKind = components['schemas']['LessonKindEnum'];
export type CourseLevel = components['schemas']['LevelEnum'];
export type Competency = components['schemas']['Competency'];
export type Standard = components['schemas']['Standard'];
export type Organization = components['schemas']['Organization'];

type CourseListQuery = NonNullable<operations['courses_list']['parameters']['query']>;
export type CourseLanguage = NonNullable<CourseListQuery['language']>;
export type CourseOrdering = NonNullable<CourseListQuery['ordering']>[number];
export type CourseCountry = NonNullable<CourseListQuery['country']>;
export type InstitutionPage = components['schemas']['InstitutionPage'];

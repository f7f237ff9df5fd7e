/** The courses feature's public surface, used by the app layer only. */
export { CatalogPage, type CatalogQuery } from './pages/CatalogPage';
export { CoursePage } from './pages/CoursePage';
export { useCourse } from './api/get-course';
export type { CourseDetail } from './types';
export { InstitutionPage } from './pages/InstitutionPage';

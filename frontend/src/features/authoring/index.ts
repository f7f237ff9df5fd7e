/** The authoring feature's public surface (the institution studio), used by the app layer only. */
export { StudioPage } from './pages/StudioPage';
export { CourseImportPage } from './pages/CourseImportPage';
export { useAuthoringCourses } from './api/list-authoring-courses';
export type { InstitutionChoice } from './components/DetailsPanel';
export type { StaffRole } from './workflow';

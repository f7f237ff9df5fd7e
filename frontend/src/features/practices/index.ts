/** The best-practice library's public surface, used by the app layer only. */
export { CaseStudySection } from './components/CaseStudySection';
export { CaseStudyEditorPage } from './pages/CaseStudyEditorPage';
export { CaseStudyPage } from './pages/CaseStudyPage';
export { LibraryPage } from './pages/LibraryPage';
export { MyCaseStudiesPage } from './pages/MyCaseStudiesPage';

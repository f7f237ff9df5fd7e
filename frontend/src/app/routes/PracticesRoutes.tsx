/** The catalog with its programs and case-study sections, and the best-practice library's staff routes:
 * the app layer composes the courses and practices features. */
import { CatalogPage } from '@/features/courses';
import { CaseStudyEditorPage, CaseStudySection, MyCaseStudiesPage } from '@/features/practices';
import { ProgramsSection } from '@/features/programs';

import { Guard } from './StaffGuard';

export function CatalogRoute() {
  return (
    <CatalogPage
      relatedResults={(query) => (
        <>
          <ProgramsSection />
          <CaseStudySection query={query} />
        </>
      )}
    />
  );
}

export function MyCaseStudiesRoute() {
  return (
    <Guard allow={(access) => access.canUseStudio}>
      {(access) => <MyCaseStudiesPage canAuthor={access.canAuthor} />}
    </Guard>
  );
}

export function CaseStudyEditorRoute() {
  return (
    <Guard allow={(access) => access.canUseStudio}>
      {(access) => <CaseStudyEditorPage organizations={access.authoringInstitutions} />}
    </Guard>
  );
}

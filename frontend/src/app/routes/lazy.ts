/** The pages loaded with their first visit, so the catalog does not wait for the quiz player. */
import { lazy } from 'react';

import { loadStaffTranslations } from '@/lib/i18n';

/** A staff page's module, once its texts are there too. */
function withStaffTexts<T>(load: () => Promise<T>): Promise<T> {
  return Promise.all([load(), loadStaffTranslations()]).then(([module]) => module);
}

export const CatalogPage = lazy(() =>
  import('./PracticesRoutes').then((module) => ({ default: module.CatalogRoute })),
);
export const LibraryPage = lazy(() =>
  import('@/features/practices').then((module) => ({ default: module.LibraryPage })),
);
export const CaseStudyPage = lazy(() =>
  import('@/features/practices').then((module) => ({ default: module.CaseStudyPage })),
);
export const MyCaseStudiesRoute = lazy(() =>
  withStaffTexts(() => import('./PracticesRoutes')).then((module) => ({
    default: module.MyCaseStudiesRoute,
  })),
);
export const CaseStudyEditorRoute = lazy(() =>
  withStaffTexts(() => import('./PracticesRoutes')).then((module) => ({
    default: module.CaseStudyEditorRoute,
  })),
);
export const InstitutionPage = lazy(() =>
  import('@/features/courses').then((module) => ({ default: module.InstitutionPage })),
);
export const CourseRoute = lazy(() =>
  import('./CourseRoute').then((module) => ({ default: module.CourseRoute })),
);
export const LearnRoute = lazy(() =>
  import('./LearnRoute').then((module) => ({ default: module.LearnRoute })),
);
export const PreviewLessonPage = lazy(() =>
  import('@/features/enrollment').then((module) => ({ default: module.PreviewLessonPage })),
);
export const MyLearningRoute = lazy(() =>
  import('./MyLearningRoute').then((module) => ({ default: module.MyLearningRoute })),
);
export const CertificatesPage = lazy(() =>
  import('@/features/certificates').then((module) => ({ default: module.CertificatesPage })),
);
export const VerifyPage = lazy(() =>
  import('@/features/certificates').then((module) => ({ default: module.VerifyPage })),
);
export const StudioRoute = lazy(() =>
  withStaffTexts(() => import('./StaffRoutes')).then((module) => ({ default: module.StudioRoute })),
);
export const CourseImportRoute = lazy(() =>
  withStaffTexts(() => import('./StaffRoutes')).then((module) => ({
    default: module.CourseImportRoute,
  })),
);
export const InstitutionCertificatesRoute = lazy(() =>
  withStaffTexts(() => import('./StaffRoutes')).then((module) => ({
    default: module.InstitutionCertificatesRoute,
  })),
);
export const CertificateTemplateRoute = lazy(() =>
  withStaffTexts(() => import('./StaffRoutes')).then((module) => ({
    default: module.CertificateTemplateRoute,
  })),
);
export const SsoProvidersRoute = lazy(() =>
  withStaffTexts(() => import('./StaffRoutes')).then((module) => ({
    default: module.SsoProvidersRoute,
  })),
);
export const BulkVerifyRoute = lazy(() =>
  withStaffTexts(() => import('./StaffRoutes')).then((module) => ({
    default: module.BulkVerifyRoute,
  })),
);
export const WebhooksRoute = lazy(() =>
  withStaffTexts(() => import('./StaffRoutes')).then((module) => ({
    default: module.WebhooksRoute,
  })),
);
export const NewWebhookEndpointRoute = lazy(() =>
  withStaffTexts(() => import('./StaffRoutes')).then((module) => ({
    default: module.NewWebhookEndpointRoute,
  })),
);
export const WebhookEndpointRoute = lazy(() =>
  withStaffTexts(() => import('./StaffRoutes')).then((module) => ({
    default: module.WebhookEndpointRoute,
  })),
);
export const StudioLayout = lazy(() =>
  withStaffTexts(() => import('./StaffRoutes')).then((module) => ({
    default: module.StudioLayout,
  })),
);
export const CourseEditorRoute = lazy(() =>
  withStaffTexts(() => import('./CourseEditorRoute')).then((module) => ({
    default: module.CourseEditorRoute,
  })),
);
export const BulkEnrolmentRoute = lazy(() =>
  withStaffTexts(() => import('./BulkEnrolmentRoute')).then((module) => ({
    default: module.BulkEnrolmentRoute,
  })),
);
export const EmployerSeatsRoute = lazy(() =>
  import('./EmployerSeatsRoute').then((module) => ({ default: module.EmployerSeatsRoute })),
);
export const InvitationPage = lazy(() =>
  import('@/features/enrollment').then((module) => ({ default: module.InvitationPage })),
);
export const DashboardRoute = lazy(() =>
  withStaffTexts(() => import('./DashboardRoute')).then((module) => ({
    default: module.DashboardRoute,
  })),
);
export const ProgramRoute = lazy(() =>
  import('./ProgramRoutes').then((module) => ({ default: module.ProgramRoute })),
);
export const EventsRoute = lazy(() =>
  import('./EventRoutes').then((module) => ({ default: module.EventsRoute })),
);
export const EventRoute = lazy(() =>
  import('./EventRoutes').then((module) => ({ default: module.EventRoute })),
);
export const EditEventRoute = lazy(() =>
  import('./EventRoutes').then((module) => ({ default: module.EditEventRoute })),
);
export const StaffEventsRoute = lazy(() =>
  import('./EventRoutes').then((module) => ({ default: module.StaffEventsRoute })),
);
export const CertificatesRoute = lazy(() =>
  import('./CertificatesRoute').then((module) => ({ default: module.CertificatesRoute })),
);
export const DiscussionListRoute = lazy(() =>
  import('./DiscussionRoutes').then((module) => ({ default: module.DiscussionListRoute })),
);
export const ThreadRoute = lazy(() =>
  import('./DiscussionRoutes').then((module) => ({ default: module.ThreadRoute })),
);
export const ModerationRoute = lazy(() =>
  import('./DiscussionRoutes').then((module) => ({ default: module.ModerationRoute })),
);
export const MutesRoute = lazy(() =>
  import('./DiscussionRoutes').then((module) => ({ default: module.MutesRoute })),
);
export const WordFilterRoute = lazy(() =>
  import('./DiscussionRoutes').then((module) => ({ default: module.WordFilterRoute })),
);
export const NotificationsRoute = lazy(() =>
  import('./DiscussionRoutes').then((module) => ({ default: module.NotificationsRoute })),
);

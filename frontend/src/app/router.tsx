/** The SPA's routes. Django serves index.html for each of these paths. */
import { createBrowserRouter, type RouteObject } from 'react-router';

import {
  ConfirmEmailPage,
  ForgotPasswordPage,
  LoginPage,
  ProfilePage,
  RegisterPage,
  ResetPasswordPage,
} from '@/features/accounts';

import { AppLayout } from './layout/AppLayout';
import { HomePage } from './routes/HomePage';
import {
  BulkEnrolmentRoute,
  BulkVerifyRoute,
  CaseStudyEditorRoute,
  CaseStudyPage,
  CatalogPage,
  CertificatesRoute,
  CertificateTemplateRoute,
  CourseEditorRoute,
  CourseImportRoute,
  CourseRoute,
  DashboardRoute,
  EditEventRoute,
  EventRoute,
  EventsRoute,
  DiscussionListRoute,
  InstitutionCertificatesRoute,
  InstitutionPage,
  InvitationPage,
  LearnRoute,
  LibraryPage,
  MyCaseStudiesRoute,
  ModerationRoute,
  MutesRoute,
  MyLearningRoute,
  NotificationsRoute,
  PreviewLessonPage,
  ProgramRoute,
  StudioLayout,
  StaffEventsRoute,
  StudioRoute,
  ThreadRoute,
  VerifyPage,
  WordFilterRoute,
} from './routes/lazy';
import { NotFoundPage } from './routes/NotFoundPage';

export const routes: RouteObject[] = [
  {
    element: <AppLayout />,
    children: [
      { index: true, element: <HomePage /> },
      { path: 'courses', element: <CatalogPage /> },
      { path: 'courses/:slug', element: <CourseRoute /> },
      { path: 'programs/:slug', element: <ProgramRoute /> },
      { path: 'courses/:slug/preview/:lessonKey', element: <PreviewLessonPage /> },
      { path: 'courses/:slug/discussions', element: <DiscussionListRoute /> },
      { path: 'courses/:slug/discussions/:threadId', element: <ThreadRoute /> },
      { path: 'moderation', element: <ModerationRoute /> },
      { path: 'moderation/:organization/mutes', element: <MutesRoute /> },
      { path: 'moderation/:organization/word-filter', element: <WordFilterRoute /> },
      { path: 'notifications', element: <NotificationsRoute /> },
      { path: 'institutions/:slug', element: <InstitutionPage /> },
      { path: 'practices', element: <LibraryPage /> },
      { path: 'practices/:slug', element: <CaseStudyPage /> },
      { path: 'learning', element: <MyLearningRoute /> },
      { path: 'invitations/:token', element: <InvitationPage /> },
      { path: 'learn/:enrollmentId/:lessonKey?', element: <LearnRoute /> },
      { path: 'certificates', element: <CertificatesRoute /> },
      { path: 'events', element: <EventsRoute /> },
      { path: 'events/manage', element: <StaffEventsRoute /> },
      { path: 'events/:slug', element: <EventRoute /> },
      { path: 'events/:slug/edit', element: <EditEventRoute /> },
      { path: 'verify', element: <VerifyPage /> },
      { path: 'verify/bulk', element: <BulkVerifyRoute /> },
      { path: 'verify/:certificateId', element: <VerifyPage /> },
      {
        path: 'studio',
        element: <StudioLayout />,
        children: [
          { index: true, element: <StudioRoute /> },
          { path: 'new', element: <CourseEditorRoute /> },
          { path: 'import', element: <CourseImportRoute /> },
          { path: 'courses/:slug', element: <CourseEditorRoute /> },
          { path: 'analytics', element: <DashboardRoute /> },
          { path: 'invitations', element: <BulkEnrolmentRoute /> },
          { path: 'certificates', element: <InstitutionCertificatesRoute /> },
          { path: 'certificate-template', element: <CertificateTemplateRoute /> },
          { path: 'practices', element: <MyCaseStudiesRoute /> },
          { path: 'practices/new', element: <CaseStudyEditorRoute /> },
          { path: 'practices/:slug', element: <CaseStudyEditorRoute /> },
        ],
      },
      { path: 'register', element: <RegisterPage /> },
      { path: 'confirm-email', element: <ConfirmEmailPage /> },
      { path: 'login', element: <LoginPage /> },
      { path: 'profile', element: <ProfilePage /> },
      { path: 'forgot-password', element: <ForgotPasswordPage /> },
      { path: 'reset-password', element: <ResetPasswordPage /> },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
];

export function createAppRouter() {
  return createBrowserRouter(routes);
}

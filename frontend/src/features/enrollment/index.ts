/** The enrollment feature's public surface, used by the app layer only. */
export { useEnrollment } from './api/get-enrollment';
export { EnrolmentPanel } from './components/EnrolmentPanel';
export { InvitationPage } from './pages/InvitationPage';
export { LearnPage } from './pages/LearnPage';
export { MyLearningPage } from './pages/MyLearningPage';
export { PreviewLessonPage } from './pages/PreviewLessonPage';
export type { Enrollment, LessonTitle } from './types';
export { findEnrollment, useEnrollments } from './api/list-enrollments';

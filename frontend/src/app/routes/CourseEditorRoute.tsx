/** /studio/new and /studio/courses/:slug — the course editor (lazy: it brings the drag-and-drop and Markdown libraries). */
import { useParams } from 'react-router';

import { CourseEditorPage } from '@/features/authoring/editor';

import { Guard } from './StaffGuard';

export function CourseEditorRoute() {
  const { slug } = useParams();
  return (
    <Guard allow={(access) => (slug ? access.canUseStudio : access.canAuthor)}>
      {(access) => (
        <CourseEditorPage
          slug={slug}
          roles={access.roles}
          institutions={slug ? access.institutions : access.authoringInstitutions}
        />
      )}
    </Guard>
  );
}

/** /learn/:enrollmentId/:lessonKey? — the learning view, with lesson titles from the course outline. */
import { useMemo } from 'react';
import { useParams } from 'react-router';

import { EnrollmentCertificate } from '@/features/certificates';
import { useCourse } from '@/features/courses';
import { LearnPage, useEnrollment, type LessonTitle } from '@/features/enrollment';
import { useLanguage } from '@/lib/use-language';

import { NotFoundPage } from './NotFoundPage';

export function LearnRoute() {
  const { enrollmentId = '', lessonKey } = useParams();
  const language = useLanguage();
  const id = Number(enrollmentId);
  const isValidId = Number.isInteger(id) && id > 0;
  const enrollment = useEnrollment(id, language, { enabled: isValidId });
  // Titles follow lessons by their stable keys, so the published outline names them all.
  const course = useCourse(enrollment.data?.course ?? '', language, {
    enabled: enrollment.isSuccess,
  });
  const lessonTitles = useMemo(() => {
    const titles = new Map<string, LessonTitle>();
    for (const module of course.data?.modules ?? [])
      for (const lesson of module.lessons)
        titles.set(lesson.key, { key: lesson.key, title: lesson.title, kind: lesson.kind });
    return titles;
  }, [course.data]);

  if (!isValidId) return <NotFoundPage />;
  return (
    <LearnPage
      enrollmentId={id}
      lessonKey={lessonKey}
      lessonTitles={lessonTitles}
      renderCertificate={(completed) => <EnrollmentCertificate enrollmentId={completed} />}
    />
  );
}

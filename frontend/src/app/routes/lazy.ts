/** The pages loaded with their first visit, so the catalog does not wait for the quiz player. */
import { lazy } from 'react';

export const CatalogPage = lazy(() =>
  import('@/features/courses').then((module) => ({ default: module.CatalogPage })),
);
export const CourseRoute = lazy(() =>
  import('./CourseRoute').then((module) => ({ default: module.CourseRoute })),
);
export const LearnRoute = lazy(() =>
  import('./LearnRoute').then((module) => ({ default: module.LearnRoute })),
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

/** The learning view's URLs: /learn/<enrollment>[/<lesson key>]. */
export function learnPath(enrollmentId: number, lessonKey?: string | null): string {
  return lessonKey
    ? `/learn/${String(enrollmentId)}/${lessonKey}`
    : `/learn/${String(enrollmentId)}`;
}

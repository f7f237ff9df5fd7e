/** Certificate settings of a course: pass mark, validity period, and whether the grade is printed. */
import { useTranslation } from 'react-i18next';

import type { PackageCourse } from '../types';
import { CheckboxInput, NumberInput } from './inputs';

export function CertificatePanel({
  course,
  onChange,
}: {
  course: PackageCourse;
  onChange: (course: PackageCourse) => void;
}) {
  const { t } = useTranslation();
  return (
    <div className="stack">
      <NumberInput
        label={t('studio.coursePassMark')}
        hint={t('studio.coursePassMarkHint')}
        value={course.pass_mark}
        min={0}
        max={100}
        onChange={(value) => {
          onChange({ ...course, pass_mark: value ?? 0 });
        }}
      />
      <NumberInput
        label={t('studio.validityMonths')}
        hint={t('studio.validityMonthsHint')}
        value={course.certificate_validity_months}
        min={1}
        max={240}
        isNullable
        onChange={(value) => {
          onChange({ ...course, certificate_validity_months: value });
        }}
      />
      <CheckboxInput
        label={t('studio.showGrade')}
        checked={course.show_grade_on_certificate}
        onChange={(show_grade_on_certificate) => {
          onChange({ ...course, show_grade_on_certificate });
        }}
      />
    </div>
  );
}

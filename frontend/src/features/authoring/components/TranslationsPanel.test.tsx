/** Side-by-side translation saves half-done work: missing texts are marked and counted, the count
 * follows the typing, and the review panel shows each incomplete language. */
import { screen } from '@testing-library/react';
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';

import { renderComponent } from '@/testing/render';

import { addLanguage, newPackage } from '../course-package';
import type { PackageCourse } from '../types';
import { TranslationsPanel } from './TranslationsPanel';
import { WorkflowPanel } from './WorkflowPanel';

function germanStarted(): PackageCourse {
  const { course } = newPackage({
    slug: 'plc-basics',
    code: 'PLC-101',
    title: 'PLC Basics',
    institution: 'rhine',
    primaryLanguage: 'en',
  });
  course.translations.en = {
    title: 'PLC Basics',
    summary: 'Learn the scan cycle.',
    description: 'Timers and counters.',
  };
  const lesson = course.modules[0]?.lessons[0];
  if (lesson) lesson.translations.en = { title: 'Inputs, logic, outputs', body: 'A PLC reads.' };
  const module = course.modules[0];
  if (module) module.translations.en = { title: 'The scan cycle' };
  const translated = addLanguage(course, 'de');
  translated.translations.de = { title: 'SPS-Grundlagen', summary: '', description: '' };
  return translated;
}

function Harness({ onCourse }: { onCourse: (course: PackageCourse) => void }) {
  const [course, setCourse] = useState(germanStarted);
  return (
    <TranslationsPanel
      course={course}
      onChange={(changed) => {
        setCourse(changed);
        onCourse(changed);
      }}
    />
  );
}

describe('TranslationsPanel', () => {
  it('counts and marks the texts not translated yet, and keeps a partial translation', async () => {
    const onCourse = vi.fn();
    const { user } = renderComponent(<Harness onCourse={onCourse} />);

    // Course title, summary, description, module title, lesson title and text: one written.
    expect(screen.getByTestId('translation-missing')).toHaveTextContent(
      '5 texts are not translated into German yet. You can save and go on later; learners read them in English meanwhile.',
    );
    const summary = screen.getByRole('textbox', { name: 'Summary in German' });
    expect(summary).toHaveClass('field__control--missing');
    expect(summary).toHaveAccessibleDescription('Not translated yet');
    expect(screen.getByRole('textbox', { name: 'Course title in German' })).not.toHaveClass(
      'field__control--missing',
    );

    await user.type(summary, 'Der Zyklus.');

    expect(summary).not.toHaveClass('field__control--missing');
    expect(screen.getByTestId('translation-missing')).toHaveTextContent(
      '4 texts are not translated into German yet.',
    );
    const latest = onCourse.mock.lastCall?.[0] as PackageCourse;
    expect(latest.translations.de).toEqual({
      title: 'SPS-Grundlagen',
      summary: 'Der Zyklus.',
      description: '',
    });
  });
});

describe('WorkflowPanel', () => {
  it('shows the reviewer each incomplete translation', () => {
    renderComponent(
      <WorkflowPanel
        slug="plc-basics"
        state="in_review"
        roles={['reviewer']}
        hasUnsavedChanges={false}
        completeness={{ en: 100, de: 63, 'zh-hans': 100 }}
        primaryLanguage="en"
      />,
    );

    expect(screen.getByTestId('incomplete-translations')).toHaveTextContent(
      'Translations of this version' +
        'German: 63% translated. Publishing is allowed; learners read the missing texts in English.',
    );
  });
});

/** The review diff groups what changed by item, marks each change, and names the changed fields. */
import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { renderComponent } from '@/testing/render';

import type { Diff } from '../types';
import { DiffView } from './DiffView';

const DIFF: Diff = {
  from_version: 1,
  to_version: 2,
  changes: [
    {
      change: 'changed',
      item: 'lesson',
      key: 'l1',
      title: 'Scan cycle',
      fields: ['title', 'body'],
    },
    { change: 'added', item: 'question', key: 'q9', title: 'What is a PLC?', fields: [] },
    { change: 'removed', item: 'module', key: 'm3', title: 'Old module', fields: [] },
    {
      change: 'changed',
      item: 'course',
      key: 'c',
      title: 'PLC Programming',
      fields: ['pass_mark'],
    },
  ],
};

describe('DiffView', () => {
  it('lists the changes against the published version, grouped course, module, lesson, question', () => {
    renderComponent(<DiffView diff={DIFF} />);
    expect(
      screen.getByRole('heading', { name: 'Changes from version 1 (published) to version 2' }),
    ).toBeInTheDocument();
    expect(screen.getByText('4 changes')).toBeInTheDocument();
    expect(
      screen.getAllByRole('heading', { level: 4 }).map((heading) => heading.textContent),
    ).toEqual(['Course', 'Modules', 'Lessons', 'Questions']);
    const lesson = screen.getByText('Scan cycle').closest('li');
    expect(lesson).toHaveAttribute('data-change', 'changed');
    expect(within(lesson as HTMLElement).getByText('Changed')).toBeInTheDocument();
    expect(lesson).toHaveTextContent('(changed: title, body)');
    expect(screen.getByText('What is a PLC?').closest('li')).toHaveAttribute(
      'data-change',
      'added',
    );
    expect(screen.getByText('Old module').closest('li')).toHaveAttribute('data-change', 'removed');
  });

  it('says when a first version is all new, and when nothing changed', () => {
    const { unmount } = renderComponent(
      <DiffView diff={{ from_version: null, to_version: 1, changes: [] }} />,
    );
    expect(
      screen.getByRole('heading', { name: 'Version 1: everything is new' }),
    ).toBeInTheDocument();
    expect(screen.getByText('No changes.')).toBeInTheDocument();
    unmount();
  });
});

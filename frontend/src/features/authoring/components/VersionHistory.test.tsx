/** The version table's downloads: each version as JSON, as a zip and as a Common Cartridge. */
import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { renderComponent } from '@/testing/render';

import type { AuthoringCourseDetail, VersionSummary } from '../types';
import { VersionHistory } from './VersionHistory';

function version(number: number, state: VersionSummary['state']): VersionSummary {
  return {
    number,
    state,
    code: 'RC-1',
    primary_language: 'en',
    languages: ['en'],
    created_at: '2026-12-01T09:00:00Z',
    updated_at: '2026-12-02T09:00:00Z',
    published_at: state === 'published' ? '2026-12-03T09:00:00Z' : null,
  };
}

describe('VersionHistory', () => {
  it('offers every version as a Common Cartridge download', () => {
    // Only what the table reads: the slug, the versions and an empty history.
    const course = {
      slug: 'robot cells',
      versions: [version(1, 'published'), version(2, 'draft')],
      history: [],
    } as unknown as AuthoringCourseDetail;
    renderComponent(<VersionHistory course={course} />);

    const rows = within(screen.getByRole('table')).getAllByRole('row').slice(1);
    expect(
      rows.map((row) =>
        within(row)
          .getByRole('link', { name: /Common Cartridge of version/ })
          .getAttribute('href'),
      ),
    ).toEqual([
      '/api/v1/authoring/courses/robot%20cells/cartridge?version=2',
      '/api/v1/authoring/courses/robot%20cells/cartridge?version=1',
    ]);
    expect(
      within(rows[0] as HTMLElement).getByRole('link', { name: 'Common Cartridge of version 2' }),
    ).toHaveAttribute('download');
  });
});

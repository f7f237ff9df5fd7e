/** The employer's seats page on a program pool: the program's title and label, each consenting
 * learner's courses done and the program credential; nothing for those who did not consent. */
import { screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { jsonResponse, mockFetch } from '@/testing/fetch-mock';
import { renderRoute } from '@/testing/render';

import type { SeatPool, SeatPoolLearner } from '../types';
import { EmployerSeatsPage } from './EmployerSeatsPage';

const POOL: SeatPool = {
  id: 3,
  course: null,
  course_title: null,
  target: { kind: 'program', slug: 'smart-factory-engineer', title: 'Smart Factory Engineer' },
  seat_count: 3,
  used_seats: 2,
  free_seats: 1,
  source: 'granted',
  order_reference: '',
  valid_from: null,
  valid_until: null,
  created_at: '2026-11-01T09:00:00Z',
};

function learner(id: number, email: string, rest: Partial<SeatPoolLearner>): SeatPoolLearner {
  return {
    id,
    email,
    full_name: '',
    assigned_at: '2026-11-02T09:00:00Z',
    consent: 'granted',
    consent_changed_at: '2026-11-03T09:00:00Z',
    progress: null,
    program_progress: null,
    ...rest,
  };
}

const LEARNERS = [
  learner(1, 'ada@acme.example', {
    program_progress: {
      done_count: 3,
      required_count: 3,
      is_complete: true,
      next_course: null,
      completed_at: '2026-11-20T09:00:00Z',
      credential_id: '0b6c5d2e-8f3a-4c1b-9d7e-2a1f0e3b4c5d',
      credential_url: 'https://academy.example/verify/0b6c5d2e-8f3a-4c1b-9d7e-2a1f0e3b4c5d',
    },
  }),
  learner(2, 'bob@acme.example', {
    program_progress: {
      done_count: 1,
      required_count: 3,
      is_complete: false,
      next_course: 'opc-ua',
      completed_at: null,
      credential_id: null,
      credential_url: null,
    },
  }),
  learner(3, 'cem@acme.example', { consent: 'refused' }),
];

function page<T>(results: T[]) {
  return { count: results.length, next: null, previous: null, results };
}

describe('EmployerSeatsPage on a program pool', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('shows the program, courses done and the program credential of consenting learners', async () => {
    mockFetch({
      'GET /api/v1/organizations/acme/seats/pools': () => jsonResponse(page([POOL])),
      'GET /api/v1/organizations/acme/seats/pools/3/learners': () => jsonResponse(page(LEARNERS)),
    });
    renderRoute('/organizations/:slug/seats', '/organizations/acme/seats', <EmployerSeatsPage />);

    const pools = await screen.findByTestId('seat-pools');
    expect(pools).toHaveTextContent('Smart Factory Engineer');
    expect(within(pools).getByTestId('seat-pool-program')).toHaveTextContent('Program');
    const rows = await screen.findByTestId('seat-learners');
    const ada = within(rows).getByText('ada@acme.example').closest('tr') as HTMLElement;
    expect(ada).toHaveTextContent('3 of 3 courses done');
    expect(within(ada).getByRole('link', { name: 'Verify program credential' })).toHaveAttribute(
      'href',
      'https://academy.example/verify/0b6c5d2e-8f3a-4c1b-9d7e-2a1f0e3b4c5d',
    );
    const bob = within(rows).getByText('bob@acme.example').closest('tr') as HTMLElement;
    expect(bob).toHaveTextContent('1 of 3 courses done');
    expect(within(bob).queryByRole('link')).toBeNull();
    const cem = within(rows).getByText('cem@acme.example').closest('tr') as HTMLElement;
    expect(cem).toHaveTextContent('Not shown without consent');
    expect(cem).not.toHaveTextContent('courses done');
  });
});

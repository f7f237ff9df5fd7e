import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import type { Post } from '../types';
import { PostCard } from './PostCard';

const POST: Post = {
  id: 7,
  parent_id: null,
  is_opening: false,
  author: { id: 3, name: 'Anna' },
  body: '',
  body_html: '<p>Use <strong>TON</strong></p>',
  state: 'visible',
  is_endorsed: true,
  upvote_count: 2,
  is_upvoted: false,
  is_mine: false,
  attachments: [],
  created_at: '2026-12-07T10:00:00Z',
  edited_at: null,
};

function show(post: Post, isModerator = false) {
  render(
    <QueryClientProvider client={new QueryClient()}>
      <PostCard post={post} isModerator={isModerator} canEndorse={isModerator} />
    </QueryClientProvider>,
  );
}

describe('PostCard', () => {
  it('shows the sanitised text, the endorsement and the actions of a reader', () => {
    show(POST);
    expect(screen.getByRole('article', { name: 'Post by Anna' })).toHaveTextContent('Use TON');
    expect(screen.getByText('Endorsed by staff')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: '▲ 2 upvotes' })).toBeEnabled();
    expect(screen.getByRole('button', { name: 'Report' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Hide' })).not.toBeInTheDocument();
  });

  it('leaves a placeholder for a deleted post, without its text or actions', () => {
    show({ ...POST, state: 'deleted', body_html: '' });
    expect(screen.getByText('This post was deleted by its author.')).toBeInTheDocument();
    expect(screen.queryByRole('button')).not.toBeInTheDocument();
  });

  it('shows a hidden post to moderators, with Restore', () => {
    show({ ...POST, state: 'hidden' }, true);
    expect(screen.getByText('Hidden')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Restore' })).toBeInTheDocument();
  });
});

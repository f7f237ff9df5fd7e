/** Separation of duties in the workflow panel: no Approve or Publish on my own work, and a note why. */
import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { renderComponent } from '@/testing/render';

import { WorkflowPanel } from './WorkflowPanel';

describe('WorkflowPanel', () => {
  it('offers a reviewer Approve on a colleague’s version', () => {
    renderComponent(
      <WorkflowPanel slug="plc" state="in_review" roles={['reviewer']} hasUnsavedChanges={false} />,
    );
    expect(screen.getByRole('button', { name: 'Approve' })).toBeInTheDocument();
    expect(screen.queryByTestId('own-work')).not.toBeInTheDocument();
  });

  it('withholds Approve from a reviewer who edited or submitted the version, and says why', () => {
    renderComponent(
      <WorkflowPanel
        slug="plc"
        state="in_review"
        roles={['author', 'reviewer']}
        hasUnsavedChanges={false}
        isOwnWork
      />,
    );
    expect(screen.queryByRole('button', { name: 'Approve' })).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Request changes' })).toBeInTheDocument();
    expect(screen.getByTestId('own-work')).toHaveTextContent(
      'You edited or submitted this version, so you cannot approve or publish it',
    );
  });

  it('withholds Publish from an approver who worked on the version', () => {
    renderComponent(
      <WorkflowPanel
        slug="plc"
        state="approved"
        roles={['approver']}
        hasUnsavedChanges={false}
        isOwnWork
      />,
    );
    expect(screen.queryByRole('button', { name: 'Publish' })).not.toBeInTheDocument();
    expect(screen.getByTestId('own-work')).toBeInTheDocument();
  });

  it('says nothing about own work where no sign-off is at stake', () => {
    renderComponent(
      <WorkflowPanel
        slug="plc"
        state="draft"
        roles={['author']}
        hasUnsavedChanges={false}
        isOwnWork
      />,
    );
    expect(screen.getByRole('button', { name: 'Submit for review' })).toBeInTheDocument();
    expect(screen.queryByTestId('own-work')).not.toBeInTheDocument();
  });
});

/** The signatory list as edited: rows of saved and new signatories, merged with the saved list. */
import type { CertificateSignatory } from '../types';

/** The backend's limit per template. */
export const MAX_SIGNATORIES = 3;

/** A row as edited: a saved signatory (`id`) or a new one not saved yet (`id` null). */
export interface SignatoryDraft {
  key: string;
  id: number | null;
  name: string;
  title: string;
}

export function draftOf(signatory: CertificateSignatory): SignatoryDraft {
  return {
    key: `saved-${String(signatory.id)}`,
    id: signatory.id,
    name: signatory.name,
    title: signatory.title,
  };
}

/** The saved list in its order, each row keeping its unsaved edits; new rows stay at the end. */
export function mergeDrafts(
  previous: readonly SignatoryDraft[],
  saved: readonly CertificateSignatory[],
): SignatoryDraft[] {
  const edited = new Map(previous.map((draft) => [draft.key, draft]));
  return [
    ...saved.map((signatory) => edited.get(draftOf(signatory).key) ?? draftOf(signatory)),
    ...previous.filter((draft) => draft.id === null),
  ];
}

/** The saved ids with the one at `index` moved by `offset` (-1 up, +1 down). */
export function movedOrder(ids: readonly number[], index: number, offset: -1 | 1): number[] {
  const order = [...ids];
  const target = index + offset;
  if (target < 0 || target >= order.length) return order;
  [order[index], order[target]] = [order[target] as number, order[index] as number];
  return order;
}

/** The files chosen for one post, each uploaded as soon as it is chosen; the post claims the
 * uploaded ones by their keys. */
import { useCallback, useRef, useState } from 'react';

import { uploadAttachment, type UploadedAttachment } from '../api/attachments';

export interface ChosenFile {
  id: number;
  file: File;
  progress: number;
  uploaded: UploadedAttachment | null;
  error: unknown;
}

export interface AttachmentUploads {
  files: readonly ChosenFile[];
  /** Keys of the files uploaded, for the post's `attachment_keys`. */
  keys: string[];
  isUploading: boolean;
  add: (files: readonly File[]) => void;
  remove: (id: number) => void;
  clear: () => void;
}

/** The files chosen for one post in a course, each uploaded as soon as it is chosen. */
export function useAttachmentUploads(courseSlug: string): AttachmentUploads {
  const [files, setFiles] = useState<ChosenFile[]>([]);
  const nextId = useRef(1);
  // A file removed while uploading: its late answer must not bring it back.
  const removed = useRef(new Set<number>());

  const update = useCallback((id: number, change: Partial<ChosenFile>) => {
    if (removed.current.has(id)) return;
    setFiles((current) => current.map((item) => (item.id === id ? { ...item, ...change } : item)));
  }, []);

  const add = useCallback(
    (chosen: readonly File[]) => {
      const fresh = chosen.map((file) => ({
        id: nextId.current++,
        file,
        progress: 0,
        uploaded: null,
        error: null,
      }));
      setFiles((current) => [...current, ...fresh]);
      for (const item of fresh) {
        uploadAttachment(courseSlug, item.file, (share) => {
          update(item.id, { progress: share });
        }).then(
          (uploaded) => {
            update(item.id, { uploaded, progress: 1 });
          },
          (error: unknown) => {
            update(item.id, { error });
          },
        );
      }
    },
    [courseSlug, update],
  );

  const remove = useCallback((id: number) => {
    removed.current.add(id);
    setFiles((current) => current.filter((item) => item.id !== id));
  }, []);

  const clear = useCallback(() => {
    setFiles((current) => {
      for (const item of current) removed.current.add(item.id);
      return [];
    });
  }, []);

  return {
    files,
    keys: files.flatMap((item) => (item.uploaded ? [item.uploaded.key] : [])),
    isUploading: files.some((item) => !item.uploaded && !item.error),
    add,
    remove,
    clear,
  };
}

/** The one way an author's file goes to a course's upload endpoint (cover, resources), with progress. */
import { uploadFile } from '@/lib/http';

/** What an upload of a file to one of a course's authoring endpoints takes. */
export interface CourseFileUpload {
  slug: string;
  file: File;
  onProgress: (share: number) => void;
}

/** Send `file` to `/api/v1/authoring/courses/<slug>/<endpoint>` by `method`, reporting the share sent. */
export function uploadCourseFile<Result>(
  endpoint: 'cover' | 'resources',
  { slug, file, onProgress }: CourseFileUpload,
  method: 'POST' | 'PUT' = 'POST',
): Promise<Result> {
  return uploadFile<Result>(
    `/api/v1/authoring/courses/${encodeURIComponent(slug)}/${endpoint}`,
    file,
    onProgress,
    {},
    { method },
  );
}

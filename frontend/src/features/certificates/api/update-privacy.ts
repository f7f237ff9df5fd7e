/** PATCH /api/v1/certificates/<id>/ — whether verification by id shows my name and the details. */
import { useMutation, useQueryClient } from '@tanstack/react-query';

import { apiClient, unwrap } from '@/lib/api-client';

import type { Certificate } from '../types';
import { CERTIFICATES_QUERY_KEY } from './list-certificates';

export interface PrivacyChange {
  certificateId: string;
  isPrivate: boolean;
}

export function updatePrivacy({ certificateId, isPrivate }: PrivacyChange): Promise<Certificate> {
  return unwrap(
    apiClient.PATCH('/api/v1/certificates/{certificate_id}/', {
      params: { path: { certificate_id: certificateId } },
      body: { is_private: isPrivate },
    }),
  );
}

export function useUpdatePrivacy() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updatePrivacy,
    onSuccess: (updated) => {
      queryClient.setQueryData<Certificate[]>(CERTIFICATES_QUERY_KEY, (certificates) =>
        certificates?.map((certificate) => (certificate.id === updated.id ? updated : certificate)),
      );
    },
  });
}

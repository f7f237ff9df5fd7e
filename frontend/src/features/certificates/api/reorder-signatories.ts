/** PUT /api/v1/institution/<org>/certificate-template/signatories/order — every id, in the new order. */
import { useMutation, useQueryClient } from '@tanstack/react-query';

import { apiClient, unwrap } from '@/lib/api-client';

import type { CertificateSignatory } from '../types';
import { certificateTemplateQueryOptions } from './get-certificate-template';

export function reorderSignatories({
  organization,
  order,
}: {
  organization: string;
  order: number[];
}): Promise<CertificateSignatory[]> {
  return unwrap(
    apiClient.PUT(
      '/api/v1/institution/{organization_slug}/certificate-template/signatories/order',
      {
        params: { path: { organization_slug: organization } },
        body: { order },
      },
    ),
  );
}

export function useReorderSignatories(organization: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (order: number[]) => reorderSignatories({ organization, order }),
    onSuccess: () =>
      queryClient.invalidateQueries({
        queryKey: certificateTemplateQueryOptions(organization).queryKey,
      }),
  });
}

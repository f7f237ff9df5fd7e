/** DELETE /api/v1/institution/<org>/certificate-template/signatories/<id>. */
import { useMutation, useQueryClient } from '@tanstack/react-query';

import { apiClient, unwrap } from '@/lib/api-client';

import { certificateTemplateQueryOptions } from './get-certificate-template';

export async function deleteSignatory({
  organization,
  id,
}: {
  organization: string;
  id: number;
}): Promise<void> {
  await unwrap(
    apiClient.DELETE(
      '/api/v1/institution/{organization_slug}/certificate-template/signatories/{signatory_id}',
      { params: { path: { organization_slug: organization, signatory_id: id } } },
    ),
  );
}

export function useDeleteSignatory(organization: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => deleteSignatory({ organization, id }),
    onSuccess: () =>
      queryClient.invalidateQueries({
        queryKey: certificateTemplateQueryOptions(organization).queryKey,
      }),
  });
}

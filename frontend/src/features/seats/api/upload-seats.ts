/** POST /api/v1/organizations/<slug>/seats/pools/<id>/learners — give seats from a CSV file
 * (`email`, optional `full_name`); one result per row. Multipart, through `uploadFile`. */
import { useMutation, useQueryClient } from '@tanstack/react-query';

import { uploadFile } from '@/lib/http';

import type { SeatUploadReport } from '../types';
import { SEAT_POOL_LEARNERS_QUERY_KEY } from './list-pool-learners';
import { SEAT_POOLS_QUERY_KEY } from './list-pools';

export function uploadSeats({
  organization,
  poolId,
  file,
}: {
  organization: string;
  poolId: number;
  file: File;
}): Promise<SeatUploadReport> {
  return uploadFile<SeatUploadReport>(
    `/api/v1/organizations/${encodeURIComponent(organization)}/seats/pools/${String(poolId)}/learners`,
    file,
    () => undefined,
  );
}

export function useUploadSeats() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: uploadSeats,
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: SEAT_POOLS_QUERY_KEY });
      await queryClient.invalidateQueries({ queryKey: SEAT_POOL_LEARNERS_QUERY_KEY });
    },
  });
}

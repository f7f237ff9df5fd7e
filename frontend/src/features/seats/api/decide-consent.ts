/** PUT /api/v1/me/seats/<id>/consent — let the employer see my progress and certificates, or not. */
import { useMutation, useQueryClient } from '@tanstack/react-query';

import { apiClient, unwrap } from '@/lib/api-client';

import type { MySeat } from '../types';
import { MY_SEATS_QUERY_KEY } from './list-my-seats';

export function decideConsent({
  seatId,
  consent,
}: {
  seatId: number;
  consent: 'granted' | 'refused';
}): Promise<MySeat> {
  return unwrap(
    apiClient.PUT('/api/v1/me/seats/{assignment_id}/consent', {
      params: { path: { assignment_id: seatId } },
      body: { consent },
    }),
  );
}

export function useDecideConsent() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: decideConsent,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: MY_SEATS_QUERY_KEY }),
  });
}

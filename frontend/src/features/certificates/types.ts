/** Certificate and verification types, all taken from the generated OpenAPI schema. */
import type { components } from '@/api/schema';

export type Certificate = components['schemas']['Certificate'];
export type Verification = components['schemas']['Verification'];
export type VerificationStatus = components['schemas']['VerificationStatusEnum'];
export type VerificationCheck = components['schemas']['Check'];

/**
 * The list endpoint answers a page although the schema declares a bare array (backend:
 * `extend_schema` on a hand-paginated APIView); the frame is a generated paginated type's.
 */
export type Page<Item> = Omit<components['schemas']['PaginatedOrganizationList'], 'results'> & {
  results: Item[];
};

export type IssuedCertificate = components['schemas']['StaffCertificate'];
export type CertificateTemplate = components['schemas']['CertificateTemplate'];

export interface InstitutionCertificateFilters {
  course: string;
  status: '' | IssuedCertificate['status'];
  issuedFrom: string;
  issuedUntil: string;
  search: string;
  page: number;
}
export type CertificateSignatory = components['schemas']['CertificateSignatory'];
export type PreviewSignatory = components['schemas']['PreviewSignatoryRequest'];
export type EnrollmentCertificateState = components['schemas']['EnrollmentCertificateState'];

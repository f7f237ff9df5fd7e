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

/**
 * A certificate in the staff register (GET /api/v1/institution/certificates/), as agreed with the
 * backend; replace with the generated type once the endpoint is in openapi.yaml.
 */
export interface IssuedCertificate {
  id: string;
  status: string;
  state?: string;
  course: string;
  course_title: string;
  learner_name: string;
  learner_email?: string;
  grade: string | null;
  issued_at: string | null;
  expires_at: string | null;
  revoked_at: string | null;
  revocation_reason: string;
}

export interface InstitutionCertificateFilters {
  course: string;
  status: string;
  issuedAfter: string;
  issuedBefore: string;
  search: string;
  page: number;
}

export interface Signatory {
  name: string;
  title: string;
  /** URL of the uploaded signature image, or null. */
  signature: string | null;
}

/**
 * An institution's certificate template (GET/PATCH /api/v1/institution/<org>/certificate-template),
 * as agreed with the backend; replace with the generated type once the endpoint is in openapi.yaml.
 */
export interface CertificateTemplate {
  logo: string | null;
  primary_color: string;
  accent_color: string;
  signatories: Signatory[];
}

/** The certificates feature's staff and employer pages, a separate door so learners never load them. */
export { BulkVerifyPage } from './pages/BulkVerifyPage';
export { CertificateTemplatePage } from './pages/CertificateTemplatePage';
export { InstitutionCertificatesPage } from './pages/InstitutionCertificatesPage';

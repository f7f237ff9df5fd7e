/** The certificates feature's public surface, used by the app layer only. */
export { CourseCertificate } from './components/CourseCertificate';
export { EnrollmentCertificate } from './components/EnrollmentCertificate';
export { CertificatesPage } from './pages/CertificatesPage';
export { VerifyPage } from './pages/VerifyPage';

/** The certificates feature's public surface, used by the app layer only. */
export { CourseCertificate } from './components/CourseCertificate';
export { CertificatesPage } from './pages/CertificatesPage';
export { VerifyPage } from './pages/VerifyPage';

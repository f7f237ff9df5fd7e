/** The accounts feature's public surface, used by the app layer only. */
export { useMe, meQueryOptions } from './api/get-session';
export { useLogout } from './api/logout';
export { useUpdateMe } from './api/update-me';
export { ConfirmEmailPage } from './pages/ConfirmEmailPage';
export { ForgotPasswordPage } from './pages/ForgotPasswordPage';
export { LoginPage } from './pages/LoginPage';
export { ProfilePage } from './pages/ProfilePage';
export { RegisterPage } from './pages/RegisterPage';
export { ResetPasswordPage } from './pages/ResetPasswordPage';
export type { Me } from './types';
export { NotificationBell } from './components/NotificationBell';
export { NotificationsPage } from './pages/NotificationsPage';

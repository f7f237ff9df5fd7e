/** The sso feature's public surface for every visitor (the log-in page), used by the app layer only. */
export { OrganizationSignIn } from './components/OrganizationSignIn';

/** The sso feature's staff pages, loaded with the studio (not in the first bundle). */
export { SsoProvidersPage } from './pages/SsoProvidersPage';

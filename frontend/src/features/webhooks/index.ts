/** The webhooks feature's public surface, used by the app layer only. */
export { EndpointPage } from './pages/EndpointPage';
export { NewEndpointPage } from './pages/NewEndpointPage';
export { WebhooksPage } from './pages/WebhooksPage';
export type { AdministeredOrganization } from './organizations';

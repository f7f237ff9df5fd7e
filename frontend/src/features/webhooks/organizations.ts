/** The organisations whose webhooks I may manage, as the app layer passes them in. */
export interface AdministeredOrganization {
  slug: string;
  name: string;
}

export function webhooksPath(organizationSlug: string, ...rest: string[]): string {
  return ['/studio/webhooks', organizationSlug, ...rest].join('/');
}

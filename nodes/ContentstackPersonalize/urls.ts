import type { ICredentialDataDecryptedObject, INodePropertyOptions } from 'n8n-workflow';

import { choiceUrlExpression, trimTrailingSlashes } from '../common/urls';

/** Every message about a failed login starts with this, so the node can recognise it. */
export const CONTENTSTACK_LOGIN_ERROR_PREFIX = 'Contentstack login failed';

/**
 * The 7 documented regions (ids as in @contentstack/utils regions.json). Each service host is
 * `<region>-<service>`, except North America, which has no prefix (and whose CMA host ends in .io).
 */
export const CONTENTSTACK_REGIONS: INodePropertyOptions[] = [
	{ name: 'AWS Australia (AU)', value: 'au' },
	{ name: 'AWS Europe (EU)', value: 'eu' },
	{ name: 'AWS North America (NA)', value: 'na' },
	{ name: 'Azure Europe', value: 'azure-eu' },
	{ name: 'Azure North America', value: 'azure-na' },
	{
		name: 'Custom Hosts',
		value: 'custom',
		description: 'For a proxy, a private region or a test server',
	},
	{ name: 'GCP Europe', value: 'gcp-eu' },
	{ name: 'GCP North America', value: 'gcp-na' },
];

export type ContentstackService = 'management' | 'edge' | 'cma' | 'app' | 'developerHub';

const SERVICE_HOSTS: Record<ContentstackService, string> = {
	management: 'personalize-api.contentstack.com',
	edge: 'personalize-edge.contentstack.com',
	cma: 'api.contentstack.com',
	app: 'app.contentstack.com',
	developerHub: 'developerhub-api.contentstack.com',
};

/** The credential field that holds each service's URL when the region is "custom". */
const CUSTOM_URL_FIELDS: Partial<Record<ContentstackService, string>> = {
	management: 'managementUrl',
	edge: 'edgeUrl',
	cma: 'cmaUrl',
};

/** Base URL of one Contentstack service for a region (no trailing slash). */
export function contentstackRegionUrl(region: string, service: ContentstackService): string {
	if (region === 'na' || region === '') {
		return service === 'cma' ? 'https://api.contentstack.io' : `https://${SERVICE_HOSTS[service]}`;
	}
	return `https://${region}-${SERVICE_HOSTS[service]}`;
}

/** Base URL of a service for these credentials: the region's host, or the custom URL. */
export function contentstackUrl(
	credentials: ICredentialDataDecryptedObject,
	service: ContentstackService,
): string {
	const region = String(credentials.region || 'na');
	if (region !== 'custom') return contentstackRegionUrl(region, service);
	const field = CUSTOM_URL_FIELDS[service];
	return field ? trimTrailingSlashes(credentials[field]) : '';
}

/** The same choice of host as an n8n expression, for the credential test and the OAuth2 URLs. */
export function regionUrlExpression(
	variable: '$credentials' | '$self',
	service: ContentstackService,
	customField: string,
): string {
	return choiceUrlExpression(
		variable,
		{ field: 'region', values: CONTENTSTACK_REGIONS.map(({ value }) => value), fallback: 'na' },
		customField,
		(region) => contentstackRegionUrl(region, service),
	);
}

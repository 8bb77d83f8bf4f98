import type { ICredentialTestRequest, ICredentialType, INodeProperties, Icon } from 'n8n-workflow';

import { ALGONOMY_DEFAULT_RECS_URL as DEFAULT_RECS_URL } from '../nodes/Algonomy/urls';

/**
 * The runtime keys alone: recsForPlacements takes apiKey and apiClientKey in the query and no token,
 * so a user who has no gateway client ID and secret can still get recommendations.
 */
export class AlgonomyRecsApi implements ICredentialType {
	name = 'algonomyRecsApi';

	displayName = 'Algonomy Recommendations API';

	icon: Icon = { light: 'file:../icons/algonomy.svg', dark: 'file:../icons/algonomy.dark.svg' };

	documentationUrl =
		'https://help.richrelevance.com/Integration_Guide/Core_Integration_recsForPlacements_API/Core_Integration_recsForPlacements_API';

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: "The site API key, from Algonomy's dashboard",
		},
		{
			displayName: 'API Client Key',
			name: 'apiClientKey',
			type: 'string',
			default: '',
			required: true,
			description: 'The key of the channel (web, app) the recommendations are for',
		},
		{
			displayName: 'Recommendation URL',
			name: 'recsBaseUrl',
			type: 'string',
			default: DEFAULT_RECS_URL,
			description:
				'Host of the recommendation API: https://recs.algorecs.com, the legacy https://recs.richrelevance.com, or https://integration.algorecs.com for testing',
		},
	];

	/**
	 * A "listening" request for the home page (a page type without a placement name, as Algonomy's
	 * mobile SDKs send to log a page view): it proves both keys and asks for no recommendations. The
	 * API answers bad keys with HTTP 200 and status "error". Algonomy records it as a home page view.
	 */
	test: ICredentialTestRequest = {
		request: {
			method: 'GET',
			url: '={{ (String($credentials.recsBaseUrl || "https://recs.algorecs.com").trim().replace(/\\/+$/, "")) + "/rrserver/api/rrPlatform/recsForPlacements" }}',
			qs: {
				apiKey: '={{ $credentials.apiKey }}',
				apiClientKey: '={{ $credentials.apiClientKey }}',
				placements: 'home_page',
				excludeHtml: true,
			},
		},
		rules: [
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'status',
					value: 'error',
					message: 'Algonomy refused the keys: check the API Key and the API Client Key',
				},
			},
		],
	};
}

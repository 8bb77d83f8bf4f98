import type { INodeProperties } from 'n8n-workflow';

import { requestOptionsCollection, resourceField } from '../../common/descriptions';
import type { ResourceOperations } from '../../common/router';
import { algonomyProfile } from '../transport';
import * as content from './content';
import * as recommendation from './recommendation';

export const resources: ResourceOperations = {
	content: content.operations,
	recommendation: recommendation.operations,
};

export const properties: INodeProperties[] = [
	resourceField(
		[
			{ name: 'Content', value: 'content' },
			{ name: 'Recommendation', value: 'recommendation' },
		],
		'content',
	),
	{
		displayName: 'Authentication',
		name: 'authentication',
		type: 'options',
		noDataExpression: true,
		// Hidden for content rather than shown for recommendations: n8n's editor hides every parameter
		// named in an authentication field's `show`, which took the Resource selector away.
		displayOptions: { hide: { resource: ['content'] } },
		options: [
			{
				name: 'Gateway Credential',
				value: 'gatewayCredential',
				description:
					'The Algonomy (RichRelevance) API credential; only its API key, API client key and recommendation URL are used, and no token is requested',
			},
			{
				name: 'Recommendation Keys Only',
				value: 'recommendationKeys',
				description:
					'The Algonomy Recommendations API credential: API key and API client key, no client ID or secret',
			},
		],
		default: 'gatewayCredential',
	},
	...content.description,
	...recommendation.description,
	requestOptionsCollection(
		algonomyProfile.defaultRequestsPerSecond,
		'Algonomy documents no rate limit; each content request carries a whole batch.',
		'learned',
	),
];

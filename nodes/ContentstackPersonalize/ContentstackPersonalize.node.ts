import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { routeOperation } from '../common/router';
import { properties, resources } from './actions/description';
import { NODE_VERSIONS } from './actions/shared/nodeVersion';
import * as listSearch from './methods/listSearch';
import * as loadOptions from './methods/loadOptions';

export class ContentstackPersonalize implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Contentstack Personalize',
		name: 'contentstackPersonalize',
		icon: {
			light: 'file:../../icons/contentstack-personalize.svg',
			dark: 'file:../../icons/contentstack-personalize.dark.svg',
		},
		group: ['transform'],
		version: NODE_VERSIONS,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			'Manage Contentstack Personalize audiences, experiences, A/B tests and analytics, and send visitor data to its Edge API',
		defaults: { name: 'Contentstack Personalize' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{
				name: 'contentstackPersonalizeApi',
				required: true,
				displayOptions: { show: { authentication: ['accessToken'] } },
			},
			{
				name: 'contentstackPersonalizeOAuth2Api',
				required: true,
				displayOptions: { show: { authentication: ['oAuth2'] } },
			},
		],
		properties,
	};

	methods = { loadOptions, listSearch };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await routeOperation(this, resources);
	}
}

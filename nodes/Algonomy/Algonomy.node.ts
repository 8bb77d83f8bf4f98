import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { routeOperation } from '../common/router';
import { properties, resources } from './actions/description';

export class Algonomy implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Algonomy',
		name: 'algonomy',
		icon: { light: 'file:../../icons/algonomy.svg', dark: 'file:../../icons/algonomy.dark.svg' },
		group: ['transform'],
		// 1.1: placements as a list (Define Placements); version 1 keeps the text field alone.
		version: [1, 1.1],
		defaultVersion: 1.1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			'Sync content catalog items to Algonomy (RichRelevance) in batches and get recommendations for placements',
		defaults: { name: 'Algonomy' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			// Content always, and recommendations unless the keys-only credential is chosen (the choice
			// is shown for recommendations only, so n8n drops it for content, which never hides this one).
			{
				name: 'algonomyApi',
				required: true,
				displayOptions: { hide: { authentication: ['recommendationKeys'] } },
			},
			// Only `authentication` in `show`: n8n's editor treats every parameter a credential's `show`
			// names as an authentication field and hides it from the list, the Resource selector too.
			{
				name: 'algonomyRecsApi',
				required: true,
				displayOptions: { show: { authentication: ['recommendationKeys'] } },
			},
		],
		properties,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await routeOperation(this, resources);
	}
}

import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { getAt } from '../shared/crud';
import { CAMPAIGN, idLocator, readLocatorId } from '../shared/ids';
import { PATH } from './fields';

export const description: INodeProperties[] = [
	idLocator(CAMPAIGN, 'campaign', ['get']),
	{
		displayName: 'Full View',
		name: 'fullView',
		type: 'boolean',
		default: true,
		displayOptions: { show: { resource: ['campaign'], operation: ['get'] } },
		description:
			'Whether to return the whole campaign, messages and targeting included (view=full)',
	},
];

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const id = readLocatorId(this, itemIndex, CAMPAIGN);
	const full = this.getNodeParameter('fullView', itemIndex, true) as boolean;
	return await getAt(this, itemIndex, PATH, id, 'campaign', full ? { view: 'full' } : undefined);
}

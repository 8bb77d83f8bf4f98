import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { showFor } from '../../../common/descriptions';
import { locatorField, readLocator } from '../../../common/locator';
import { getObject } from '../../../common/resource';
import { LOCATOR, RESOURCE } from './fields';

const show = showFor('campaign', 'get');

export const description: INodeProperties[] = [
	locatorField(LOCATOR, show),
	{
		displayName: 'Full View',
		name: 'fullView',
		type: 'boolean',
		default: true,
		displayOptions: { show },
		description: 'Whether to return the whole campaign, messages and targeting included',
	},
];

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const id = readLocator(this, LOCATOR, itemIndex);
	const full = this.getNodeParameter('fullView', itemIndex, true) as boolean;
	return await getObject(this, itemIndex, RESOURCE, id, full ? { view: 'full' } : undefined);
}

import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { showFor } from '../../../common/descriptions';
import { toList } from '../../../common/validation';
import { getObject } from '../../../common/resource';
import { profileIdField, readProfileId, RESOURCE } from './fields';

export const description: INodeProperties[] = [
	profileIdField(['get']),
	{
		displayName: 'Options',
		name: 'getOptions',
		type: 'collection',
		placeholder: 'Add option',
		displayOptions: { show: showFor('profile', 'get') },
		default: {},
		options: [
			{
				displayName: 'Fields',
				name: 'fields',
				type: 'string',
				default: '',
				placeholder: 'e.g. email,full_name,custom_properties',
				description: 'Comma-separated fields to return; all default fields when empty',
			},
			{
				displayName: 'Full View',
				name: 'fullView',
				type: 'boolean',
				default: false,
				description: 'Whether to return the whole representation (view=full)',
			},
		],
	},
];

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const id = readProfileId(this, itemIndex);
	const options = this.getNodeParameter('getOptions', itemIndex, {}) as IDataObject;
	const fields = toList(options.fields);
	const qs: IDataObject = {};
	if (fields.length) qs.fields = fields.join(',');
	if (options.fullView) qs.view = 'full';
	// Inferred path: Ocamba documents updating and deleting /profiles/{id}, not reading it.
	return await getObject(this, itemIndex, RESOURCE, id, qs);
}

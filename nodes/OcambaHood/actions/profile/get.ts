import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { collectionOf, optionsCollection, showFor } from '../../../common/descriptions';
import { getObject } from '../../../common/resource';
import { toList } from '../../../common/validation';
import { profileIdField, readProfileId, RESOURCE } from './fields';

export const description: INodeProperties[] = [
	profileIdField(['get']),
	optionsCollection(
		showFor('profile', 'get'),
		[
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
				description: 'Whether to return every field of the profile, not only the default ones',
			},
		],
		'getOptions',
	),
];

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const id = readProfileId(this, itemIndex);
	const options = collectionOf(this, 'getOptions', itemIndex);
	const fields = toList(options.fields);
	const qs: IDataObject = {};
	if (fields.length) qs.fields = fields.join(',');
	if (options.fullView) qs.view = 'full';
	// Inferred path: Ocamba documents updating and deleting /profiles/{id}, not reading it.
	return await getObject(this, itemIndex, RESOURCE, id, qs);
}

import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { campaignUpdateSchema } from '../../schemas';
import { updateAt } from '../shared/crud';
import { CAMPAIGN, idLocator, readLocatorId } from '../shared/ids';
import { campaignBody, updateFieldOptions, PATH } from './fields';

export const description: INodeProperties[] = [
	idLocator(CAMPAIGN, 'campaign', ['update']),
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		displayOptions: { show: { resource: ['campaign'], operation: ['update'] } },
		default: {},
		description:
			'Sent as a JSON Merge Patch: objects are merged, null removes a field. Ocamba refuses changes while a campaign is running, canceled, sent or needs a decision.',
		options: updateFieldOptions,
	},
];

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const id = readLocatorId(this, itemIndex, CAMPAIGN);
	const fields = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
	return await updateAt(
		this,
		itemIndex,
		PATH,
		id,
		campaignUpdateSchema,
		campaignBody(this, itemIndex, fields, true),
	);
}

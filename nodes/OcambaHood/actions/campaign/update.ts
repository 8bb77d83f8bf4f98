import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { collectionOf, showFor, updateFieldsCollection } from '../../../common/descriptions';
import { locatorField, readLocator } from '../../../common/locator';
import { updateObject } from '../../../common/resource';
import { campaignUpdateSchema } from '../../schemas';
import { campaignBody, LOCATOR, RESOURCE, updateFieldOptions } from './fields';

const show = showFor('campaign', 'update');

export const description: INodeProperties[] = [
	locatorField(LOCATOR, show),
	{
		...updateFieldsCollection(show, updateFieldOptions),
		description:
			'Objects are merged into what the campaign has, and null removes a field, e.g. {"utm_tracking": null}. Ocamba refuses changes while a campaign is running, canceled, sent or needs a decision.',
	},
];

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const id = readLocator(this, LOCATOR, itemIndex);
	const changes = campaignBody(
		this,
		itemIndex,
		collectionOf(this, 'updateFields', itemIndex),
		true,
	);
	return await updateObject(this, itemIndex, RESOURCE, id, campaignUpdateSchema, changes);
}

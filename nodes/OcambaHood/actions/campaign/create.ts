import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { additionalFieldsCollection, collectionOf, showFor } from '../../../common/descriptions';
import { createObject } from '../../../common/resource';
import { parseJsonParameter } from '../../../common/validation';
import { campaignCreateSchema } from '../../schemas';
import { toHoodTime } from '../shared/time';
import { nameField } from '../shared/fields';
import { campaignBody, createFieldOptions, MESSAGES_EXAMPLE, RESOURCE } from './fields';

const show = showFor('campaign', 'create');

export const description: INodeProperties[] = [
	nameField(show),
	{
		displayName: 'Messages (JSON)',
		name: 'messages',
		type: 'json',
		default: MESSAGES_EXAMPLE,
		displayOptions: { show },
		description:
			'The messages in the API format: name, channel (push, email or sms), integration_id (email and SMS), push {title, body, image per language, icon, landing_url}',
	},
	{
		displayName: 'Execution',
		name: 'execution',
		type: 'options',
		options: [
			{ name: 'Draft', value: 'draft', description: 'Save it as a draft' },
			{ name: 'Manual', value: 'manual', description: 'Created ready; you start it yourself' },
			{ name: 'Run Immediately', value: 'runImmediately', description: 'Send it at once' },
			{ name: 'Scheduled', value: 'scheduled', description: 'Send it at a set time' },
		],
		default: 'draft',
		displayOptions: { show },
	},
	{
		displayName: 'Scheduled Time',
		name: 'scheduledTime',
		type: 'dateTime',
		default: '',
		required: true,
		displayOptions: { show: { ...show, execution: ['scheduled'] } },
		description: "When to send it, in the workflow's time zone",
	},
	additionalFieldsCollection(show, createFieldOptions),
];

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const node = this.getNode();
	const execution = this.getNodeParameter('execution', itemIndex, 'draft') as string;
	const body: IDataObject = {
		...campaignBody(this, itemIndex, collectionOf(this, 'additionalFields', itemIndex), false),
		name: this.getNodeParameter('name', itemIndex, ''),
	};
	const messages = parseJsonParameter(
		node,
		this.getNodeParameter('messages', itemIndex, ''),
		'Messages (JSON)',
		itemIndex,
	);
	if (messages !== undefined) body.messages = messages as IDataObject[];
	if (execution === 'draft') body.is_draft = true;
	if (execution === 'runImmediately') body.run_immediately = true;
	if (execution === 'scheduled')
		body.scheduled_time = toHoodTime(
			node,
			this.getNodeParameter('scheduledTime', itemIndex, ''),
			this.getTimezone(),
			'Scheduled Time',
			itemIndex,
		);
	return await createObject(this, itemIndex, RESOURCE, campaignCreateSchema, body);
}

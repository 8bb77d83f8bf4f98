import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { invalidInput, parseJsonParameter } from '../../../common/validation';
import { hoodResource } from '../../api';
import type { FieldSpec } from '../shared/fields';
import { toApiFields } from '../shared/fields';
import { hoodLocator } from '../shared/ids';

export const PATH = '/campaigns';
export const LOCATOR = hoodLocator('campaignId', 'Campaign', 'searchCampaigns');
export const RESOURCE = hoodResource('campaign', 'campaign', 'campaigns', PATH, LOCATOR);

/** What Simplify keeps of a campaign (the whole object has over 20 fields). */
export const CAMPAIGN_SIMPLE = [
	'id',
	'name',
	'description',
	'status',
	'labels',
	'scheduled_time',
	'next_run_time',
	'run_counter',
	'create_time',
	'update_time',
];

/** Campaign fields offered in Additional Fields (create) and Update Fields (update). */
export const CAMPAIGN_FIELDS: Record<string, FieldSpec> = {
	abTest: { api: 'ab_test', label: 'A/B Test (JSON)', kind: 'json' },
	description: { api: 'description', label: 'Description' },
	labels: { api: 'labels', label: 'Labels', kind: 'list' },
	messages: { api: 'messages', label: 'Messages (JSON)', kind: 'json' },
	metadata: { api: 'metadata', label: 'Metadata (JSON)', kind: 'json' },
	name: { api: 'name', label: 'Name' },
	scheduledTime: { api: 'scheduled_time', label: 'Scheduled Time', kind: 'time' },
	targeting: { api: 'targeting', label: 'Targeting (JSON)', kind: 'json' },
};

export const MESSAGES_EXAMPLE =
	'[\n  {\n    "name": "Push",\n    "channel": "push",\n    "push": {\n      "title": { "en": "Summer sale" },\n      "body": { "en": "20% off until Sunday" },\n      "landing_url": "https://example.com/sale"\n    }\n  }\n]';

const OPTIONS: Record<string, INodeProperties> = {
	abTest: {
		displayName: 'A/B Test (JSON)',
		name: 'abTest',
		type: 'json',
		default: '{}',
		description: 'Required when several messages share a channel (up to 4 variants)',
	},
	description: {
		displayName: 'Description',
		name: 'description',
		type: 'string',
		typeOptions: { rows: 2 },
		default: '',
	},
	labels: {
		displayName: 'Labels',
		name: 'labels',
		type: 'string',
		default: '',
		description: 'Comma-separated labels',
	},
	messages: { displayName: 'Messages (JSON)', name: 'messages', type: 'json', default: '[]' },
	metadata: { displayName: 'Metadata (JSON)', name: 'metadata', type: 'json', default: '{}' },
	name: { displayName: 'Name', name: 'name', type: 'string', default: '' },
	otherFields: {
		displayName: 'Other Fields (JSON)',
		name: 'otherFields',
		type: 'json',
		default: '{}',
		description:
			'Any further campaign fields in the API format, e.g. recurrence, quiet_hours, utm_tracking, send_in_profile_time_zone, send_if_profile_time_passed, deal_id',
	},
	scheduledTime: {
		displayName: 'Scheduled Time',
		name: 'scheduledTime',
		type: 'dateTime',
		default: '',
		description: "When to send it, in the workflow's time zone",
	},
	targeting: {
		displayName: 'Targeting (JSON)',
		name: 'targeting',
		type: 'json',
		default: '{}',
		description: 'Who receives the campaign, e.g. {"segments": {"op": "in", "items": ["1000105"]}}',
	},
};

/** Additional Fields of create (name, messages and the schedule have their own parameters). */
export const createFieldOptions: INodeProperties[] = [
	OPTIONS.abTest,
	OPTIONS.description,
	OPTIONS.labels,
	OPTIONS.metadata,
	OPTIONS.otherFields,
	OPTIONS.targeting,
];

export const updateFieldOptions: INodeProperties[] = [
	OPTIONS.abTest,
	OPTIONS.description,
	OPTIONS.labels,
	OPTIONS.messages,
	OPTIONS.metadata,
	OPTIONS.name,
	OPTIONS.otherFields,
	OPTIONS.scheduledTime,
	OPTIONS.targeting,
];

/** Maps the collection and merges Other Fields (JSON) under the named fields. */
export function campaignBody(
	context: IExecuteFunctions,
	itemIndex: number,
	values: IDataObject,
	keepEmpty: boolean,
): IDataObject {
	const { otherFields, ...named } = values;
	const other = parseJsonParameter(
		context.getNode(),
		otherFields,
		'Other Fields (JSON)',
		itemIndex,
	);
	if (other !== undefined && (typeof other !== 'object' || other === null || Array.isArray(other)))
		throw invalidInput(
			context.getNode(),
			'Other Fields (JSON)',
			itemIndex,
			'must be a JSON object',
		);
	const body = toApiFields(context, itemIndex, named, CAMPAIGN_FIELDS, { keepEmpty });
	// An untouched JSON field ({}) is not a change.
	for (const key of ['ab_test', 'metadata', 'targeting'])
		if (
			body[key] &&
			typeof body[key] === 'object' &&
			Object.keys(body[key] as IDataObject).length === 0
		)
			delete body[key];
	return { ...((other as IDataObject) ?? {}), ...body };
}

export const reasonField = (operation: string, description: string): INodeProperties => ({
	displayName: 'Reason',
	name: 'reason',
	type: 'string',
	default: '',
	displayOptions: { show: { resource: ['campaign'], operation: [operation] } },
	description,
});

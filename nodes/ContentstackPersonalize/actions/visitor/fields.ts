import type { INodeProperties } from 'n8n-workflow';

import { fieldsOrJsonSelector, showFor, textField } from '../../../common/descriptions';

/** The visitor's UID as the Edge API knows it (the x-cs-personalize-user-uid header). */
export function userUidField(
	operations: string[],
	required: boolean,
	description: string,
): INodeProperties {
	return {
		displayName: 'User UID',
		name: 'userUid',
		type: 'string',
		default: '',
		required,
		placeholder: 'e.g. 3c2f0f46-8e52-4e7e-9d4a-6a2b1f0c9d11',
		displayOptions: { show: { resource: ['visitor'], operation: operations } },
		description,
	};
}

const trackShow = showFor('visitor', 'trackEvents');
export const DEFAULT_BATCH_SIZE = 100;

export const eventsInputField = fieldsOrJsonSelector('Define Events', 'eventsInput', trackShow);

export const impressionsField: INodeProperties = {
	displayName: 'Impressions',
	name: 'impressions',
	type: 'fixedCollection',
	typeOptions: { multipleValues: true },
	displayOptions: { show: { ...trackShow, eventsInput: ['fields'] } },
	default: {},
	placeholder: 'Add Impression',
	description: 'The visitor saw a variant (analytics count impressions per variant)',
	options: [
		{
			displayName: 'Impression',
			name: 'impression',
			values: [
				{
					displayName: 'Experience Short UID',
					name: 'experienceShortUid',
					type: 'string',
					default: '',
					description: "The experience's shortUid, e.g. 0",
				},
				{
					displayName: 'Variant Short UID',
					name: 'variantShortUid',
					type: 'string',
					default: '',
					description: "The variant's shortUid, e.g. 1",
				},
			],
		},
	],
};

export const eventsField: INodeProperties = {
	displayName: 'Events',
	name: 'events',
	type: 'fixedCollection',
	typeOptions: { multipleValues: true },
	displayOptions: { show: { ...trackShow, eventsInput: ['fields'] } },
	default: {},
	placeholder: 'Add Event',
	description: 'The visitor did something an A/B test counts as a conversion',
	options: [
		{
			displayName: 'Event',
			name: 'event',
			values: [
				{
					displayName: 'Event Key',
					name: 'eventKey',
					type: 'string',
					default: '',
					description: "The event's key (not its UID)",
				},
			],
		},
	],
};

export const eventsJsonField: INodeProperties = {
	displayName: 'Events (JSON)',
	name: 'eventsJson',
	type: 'json',
	displayOptions: { show: { ...trackShow, eventsInput: ['json'] } },
	default:
		'[\n  { "type": "IMPRESSION", "experienceShortUid": "0", "variantShortUid": "1" },\n  { "type": "EVENT", "eventKey": "purchase" }\n]',
	description:
		'The list the Edge API takes: IMPRESSION with experienceShortUid and variantShortUid, EVENT with eventKey',
};

export const trackOptions: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add option',
	displayOptions: { show: trackShow },
	default: {},
	options: [
		{
			displayName: 'Batch Size',
			name: 'batchSize',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: DEFAULT_BATCH_SIZE,
			description:
				"Most events per request, e.g. 100. One request carries one visitor's events; an item's events are never split.",
		},
	],
};

export const manifestOptions: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add option',
	displayOptions: { show: showFor('visitor', 'getManifest') },
	default: {},
	options: [
		textField(
			'ipAddress',
			'IP Address',
			"The visitor's IP address, for location rules, e.g. 203.0.113.7",
		),
		{
			displayName: 'Live Attributes (JSON)',
			name: 'liveAttributes',
			type: 'json',
			default: '{}',
			description:
				'Attributes that count for this request only and are not stored, e.g. { "plan": "gold" }',
		},
		{
			displayName: 'Lytics ID Field',
			name: 'lyticsIdField',
			type: 'string',
			default: '',
			placeholder: 'e.g. _uid',
			description:
				'With Lytics: the identity field the Lytics ID Value belongs to, e.g. _uid for the seerid cookie. Give both or neither.',
		},
		{
			displayName: 'Lytics ID Value',
			name: 'lyticsIdValue',
			type: 'string',
			default: '',
			description:
				"With Lytics: the visitor's value of that identity field, e.g. the seerid cookie",
		},
		textField(
			'pageUrl',
			'Page URL',
			'The page the visitor is on, for rules on URL parameters, e.g. https://example.com/?utm_campaign=summer',
		),
		textField('referer', 'Referrer', 'The page the visitor came from'),
		textField(
			'tags',
			'Tags',
			'Comma-separated, at most 10: only experiences with at least one of these tags',
		),
		textField('userAgent', 'User Agent', "The visitor's browser, for device and OS rules"),
	],
};

const attributesShow = showFor('visitor', 'setAttributes');

export const attributesInputField = fieldsOrJsonSelector(
	'Define Attributes',
	'attributesInput',
	attributesShow,
);

export const attributesField: INodeProperties = {
	displayName: 'Attributes',
	name: 'attributes',
	type: 'fixedCollection',
	typeOptions: { multipleValues: true },
	displayOptions: { show: { ...attributesShow, attributesInput: ['fields'] } },
	default: {},
	placeholder: 'Add Attribute',
	options: [
		{
			displayName: 'Attribute',
			name: 'attribute',
			values: [
				{
					displayName: 'Key',
					name: 'key',
					type: 'string',
					default: '',
					description: "The attribute's key (not its UID)",
				},
				{
					displayName: 'Type',
					name: 'type',
					type: 'options',
					options: [
						{ name: 'Boolean', value: 'boolean' },
						{ name: 'Number', value: 'number' },
						{ name: 'String', value: 'string' },
					],
					default: 'string',
					description: 'Number conditions in audiences compare numbers, so send numbers as numbers',
				},
				{ displayName: 'Value', name: 'value', type: 'string', default: '' },
			],
		},
	],
};

export const attributesJsonField: INodeProperties = {
	displayName: 'Attributes (JSON)',
	name: 'attributesJson',
	type: 'json',
	displayOptions: { show: { ...attributesShow, attributesInput: ['json'] } },
	default: '{\n  "loyalty_tier": "gold",\n  "orders": 3\n}',
	description: 'Attribute key → value (text, number, true/false)',
};

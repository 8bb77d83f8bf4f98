import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { toCalendarDate } from '../../../common/schemas';
import {
	entryLabel,
	invalidInput,
	refuseUnsafeKeys,
	toList,
	validateInput,
} from '../../../common/validation';
import type { ContentCandidate, ContentOperation } from '../../schemas';
import {
	CONTENT_SCHEMAS,
	FIELD_LABELS,
	JSON_LABELS,
	STANDARD_FIELDS,
	toPayload,
} from '../../schemas';

export type ContentInput = 'fields' | 'inputItem';

const CONTENT_OPERATIONS = ['replace', 'update', 'delete'];
const fromFields = (operation: string[]) => ({
	resource: ['content'],
	operation,
	contentInput: ['fields'],
});

function standardFields(dateHint: string): INodeProperties[] {
	return [
		{
			displayName: 'End Date',
			name: 'endDate',
			type: 'dateTime',
			default: '',
			description: `Last day the content is valid, e.g. 2025-06-30. Only the date counts; a time is dropped. ${dateHint}`,
		},
		{
			displayName: 'Name',
			name: 'name',
			type: 'string',
			default: '',
			description: 'Display name, up to 255 characters',
		},
		{
			displayName: 'Rating',
			name: 'rating',
			type: 'number',
			typeOptions: { numberPrecision: 2 },
			default: 0,
		},
		{
			displayName: 'Start Date',
			name: 'startDate',
			type: 'dateTime',
			default: '',
			description:
				'First day the content is valid, e.g. 2025-06-01 (only the date counts; a time is dropped)',
		},
		{
			displayName: 'Tags',
			name: 'tags',
			type: 'string',
			default: '',
			placeholder: 'e.g. summer, homepage',
			description:
				'Comma-separated tags, each up to 100 characters (longer ones are refused here: the API would silently truncate them)',
		},
	];
}

/** Parameters shared by replace, update and delete: where the content comes from, and its fields. */
/** Name → values pairs; the same for replace and update except for what the description warns. */
function attributesField(operation: string, note: string): INodeProperties {
	return {
		displayName: 'Attributes',
		name: 'attributes',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Attribute',
		default: {},
		displayOptions: { show: fromFields([operation]) },
		description: `Custom attributes: each a name and its values, which the API stores as a list of texts. Values are comma-separated; for values that contain a comma, use an expression that returns a list. ${note}`,
		options: [
			{
				displayName: 'Attribute',
				name: 'attribute',
				values: [
					{
						displayName: 'Name',
						name: 'name',
						type: 'string',
						default: '',
						placeholder: 'e.g. color',
					},
					{
						displayName: 'Values',
						name: 'values',
						type: 'string',
						default: '',
						placeholder: 'e.g. red, blue',
					},
				],
			},
		],
	};
}

export const contentFields: INodeProperties[] = [
	{
		displayName: 'Define Content',
		name: 'contentInput',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['content'], operation: CONTENT_OPERATIONS } },
		options: [
			{ name: 'Using Fields Below', value: 'fields' },
			{
				name: "From Each Input Item's JSON",
				value: 'inputItem',
				description:
					'Each input item is a content object in the API format: ID, name, tags, rating, start_date, end_date, and every other key a custom attribute (a list of texts). Keys whose value is null are left out. For Delete only its ID is used.',
			},
		],
		default: 'fields',
	},
	{
		displayName: 'Content ID',
		name: 'contentId',
		type: 'string',
		required: true,
		default: '',
		displayOptions: { show: fromFields(CONTENT_OPERATIONS) },
		description: 'Unique ID of the content item: up to 100 characters, no "/"',
	},
	attributesField(
		'replace',
		'At least one is required: the API silently drops content without attributes.',
	),
	attributesField(
		'update',
		'Attributes not given stay as they are; Algonomy does not document whether a list given here replaces or extends the stored one.',
	),
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show: fromFields(['replace']) },
		options: standardFields('Must not be before the start date.'),
	},
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show: fromFields(['update']) },
		description: 'Only the fields given here change; the others keep their stored values',
		options: standardFields('Must not be before the start date.'),
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		displayOptions: { show: { resource: ['content'], operation: CONTENT_OPERATIONS } },
		options: [
			{
				displayName: 'Batch Size',
				name: 'batchSize',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 1000 },
				default: 100,
				description:
					'Input items sent per request. Algonomy documents no maximum; lower it if the API answers 413 (too large).',
			},
			{
				displayName: 'Use POST Form',
				name: 'usePostForm',
				type: 'boolean',
				default: false,
				description:
					'Whether to send every change as a POST, for networks or proxies that block the other request methods',
			},
		],
	},
];

interface AttributeFields {
	name?: string;
	values?: unknown;
}

function attributesFromFields(
	context: IExecuteFunctions,
	itemIndex: number,
): Record<string, unknown> {
	const entries =
		(context.getNodeParameter('attributes.attribute', itemIndex, []) as AttributeFields[]) ?? [];
	const attributes: Record<string, unknown> = {};
	entries.forEach((entry, position) => {
		const name = String(entry.name ?? '').trim();
		const label = `${entryLabel('Attribute', position)} › Name`;
		if (!name) throw invalidInput(context.getNode(), label, itemIndex, 'is required');
		if (name in attributes)
			throw invalidInput(context.getNode(), label, itemIndex, `"${name}" is given twice`);
		// An object from an expression would otherwise become the text "[object Object]".
		if (entry.values !== null && typeof entry.values === 'object' && !Array.isArray(entry.values))
			throw invalidInput(
				context.getNode(),
				`${entryLabel('Attribute', position)} › Values`,
				itemIndex,
				'must be text or a list of texts, not an object',
			);
		// A list from an expression is kept as it is (its numbers are converted during validation).
		attributes[name] = Array.isArray(entry.values) ? entry.values : toList(entry.values);
	});
	return attributes;
}

function candidateFromFields(
	context: IExecuteFunctions,
	itemIndex: number,
	operation: ContentOperation,
): ContentCandidate | { id: unknown } {
	const id = context.getNodeParameter('contentId', itemIndex, '');
	if (operation === 'delete') return { id };
	const extra = context.getNodeParameter(
		operation === 'replace' ? 'additionalFields' : 'updateFields',
		itemIndex,
		{},
	) as IDataObject;
	const candidate: ContentCandidate = { id, attributes: attributesFromFields(context, itemIndex) };
	if (extra.name !== undefined && extra.name !== '') candidate.name = extra.name;
	if (extra.tags !== null && typeof extra.tags === 'object' && !Array.isArray(extra.tags))
		throw invalidInput(
			context.getNode(),
			'Tags',
			itemIndex,
			'must be text or a list of texts, not an object',
		);
	if (extra.tags !== undefined) {
		const tags = Array.isArray(extra.tags) ? extra.tags : toList(extra.tags);
		if (tags.length) candidate.tags = tags;
	}
	if (extra.rating !== undefined && extra.rating !== '') candidate.rating = extra.rating;
	if (extra.startDate) candidate.start_date = toCalendarDate(extra.startDate);
	if (extra.endDate) candidate.end_date = toCalendarDate(extra.endDate);
	return candidate;
}

function candidateFromItem(
	context: IExecuteFunctions,
	itemIndex: number,
	operation: ContentOperation,
): ContentCandidate | { id: unknown } {
	const json = context.getInputData()[itemIndex]?.json;
	if (!json || typeof json !== 'object' || Array.isArray(json))
		throw invalidInput(context.getNode(), 'Input Item JSON', itemIndex, 'must be a JSON object');
	// A "__proto__" key would be copied into the content object as its prototype, so its keys would be
	// sent as attributes the user never saw.
	refuseUnsafeKeys(context.getNode(), json, 'Input Item JSON', itemIndex);
	if (operation === 'delete') return { id: json.id ?? undefined };
	const candidate: ContentCandidate = { attributes: {} };
	for (const [key, value] of Object.entries(json)) {
		// A null (an empty cell in a sheet) means "not given", as a key that is left out.
		if (value === null) continue;
		if ((STANDARD_FIELDS as readonly string[]).includes(key))
			(candidate as unknown as IDataObject)[key] = value;
		else candidate.attributes[key] = value;
	}
	return candidate;
}

/** Reads one content object (from the fields or the input item) and validates it before anything is sent. */
export function readContent(
	context: IExecuteFunctions,
	itemIndex: number,
	operation: ContentOperation,
	input: ContentInput,
): Record<string, unknown> & { id: string } {
	const fromItem = input === 'inputItem';
	const candidate = fromItem
		? candidateFromItem(context, itemIndex, operation)
		: candidateFromFields(context, itemIndex, operation);
	const valid = validateInput(
		context.getNode(),
		CONTENT_SCHEMAS[operation],
		candidate,
		itemIndex,
		fromItem ? JSON_LABELS : FIELD_LABELS,
	);
	return toPayload(valid as Parameters<typeof toPayload>[0]) as Record<string, unknown> & {
		id: string;
	};
}

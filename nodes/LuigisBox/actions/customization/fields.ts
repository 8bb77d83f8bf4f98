import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { toUtcIso } from '../../../common/dates';
import type { SortSpec } from '../../../common/list';
import { pageSizeOption, sortRulesField } from '../../../common/list';
import {
	entryLabel,
	invalidInput,
	parseJsonParameter,
	refuseUnsafeKeys,
	toList,
	validateInput,
} from '../../../common/validation';
import type { Customization } from '../../schemas';
import { customizationSchema, LABELS, READ_ONLY_FIELDS } from '../../schemas';
import { fieldsOrJsonSelector } from '../../../common/descriptions';
import { canonicalJson } from '../../../common/sync';
import { withoutUndefined } from '../../../common/values';
import { luigisBoxApi, MAX_PAGE_SIZE } from '../../transport';

/** Parameters shared by create, update, createMany and sync: one customization, as fields or JSON. */
const WRITE_OPERATIONS = ['create', 'update', 'createMany', 'sync'];
const fromFields = {
	resource: ['customization'],
	operation: WRITE_OPERATIONS,
	customizationInput: ['fields'],
};

export const customizationFields: INodeProperties[] = [
	{
		displayName: 'Define Customization',
		name: 'customizationInput',
		type: 'options',
		displayOptions: { show: { resource: ['customization'], operation: WRITE_OPERATIONS } },
		options: [
			{ name: 'Using Fields Below', value: 'fields' },
			{ name: 'Using JSON', value: 'json' },
			{
				name: "From Each Input Item's JSON",
				value: 'inputItem',
				description:
					'Each input item already is a customization in the API format (e.g. from an export). Its ID, creator, created_at and available fields are ignored.',
			},
		],
		default: 'fields',
	},
	{
		displayName: 'Customization (JSON)',
		name: 'customizationJson',
		type: 'json',
		displayOptions: {
			show: {
				resource: ['customization'],
				operation: ['createMany', 'sync'],
				customizationInput: ['json'],
			},
		},
		default: '={{ $json }}',
		description:
			"The customization in the API's own format (model, target_type, pin_definitions, ...). By default each input item's JSON is used, so exported customizations can be sent back unchanged: ID, creator, created_at and available are ignored.",
	},
	{
		displayName: 'Customization (JSON)',
		name: 'customizationJson',
		type: 'json',
		displayOptions: {
			show: {
				resource: ['customization'],
				operation: ['create', 'update'],
				customizationInput: ['json'],
			},
		},
		default:
			'{\n  "model": "basket",\n  "target_type": "item",\n  "target_identity": "/p/123/",\n  "pin_definitions": [\n    { "position": 1, "pin_type": "item", "pin_identity": "/p/234/" }\n  ]\n}',
		description:
			"The customization in the API's own format (model, target_type, pin_definitions, ...)",
	},
	{
		displayName: 'Model',
		name: 'model',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		displayOptions: { show: fromFields },
		description:
			"The recommender model the customization applies to, e.g. basket. The list shows the models that already have customizations, then the ones Luigi's Box's docs name; for another model of your site, choose By Name.",
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: 'searchModels', searchable: true },
			},
			{ displayName: 'By Name', name: 'name', type: 'string', placeholder: 'e.g. basket' },
		],
	},
	{
		displayName: 'Target Type',
		name: 'targetType',
		type: 'options',
		displayOptions: { show: fromFields },
		options: [
			{ name: 'All', value: 'all', description: 'Applies to every recommendation of the model' },
			{
				name: 'Criteria',
				value: 'criteria',
				description: 'Applies when the input item matches criteria',
			},
			{ name: 'Item', value: 'item', description: 'Applies when one specific item is the input' },
		],
		default: 'item',
		description: 'When the customization fires. Item beats criteria beats all when several match.',
	},
	{
		displayName: 'Target Identity',
		name: 'targetIdentity',
		type: 'string',
		displayOptions: { show: { ...fromFields, targetType: ['item'] } },
		default: '',
		required: true,
		placeholder: 'e.g. /p/123/',
		description: 'Catalog identity of the input item that triggers the customization',
	},
	{
		displayName: 'Target Criteria (JSON)',
		name: 'targetCriteria',
		type: 'json',
		displayOptions: { show: { ...fromFields, targetType: ['criteria'] } },
		default: '{}',
		required: true,
		description:
			"Criteria matching the input items, e.g. items of one brand. Luigi's Box does not publish the criteria structure, so it is passed to the API as given.",
	},
	fieldsOrJsonSelector('Define Pins', 'pinDefinitionsInput', fromFields),
	{
		displayName: 'Pins',
		name: 'pins',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true, sortable: true },
		displayOptions: { show: { ...fromFields, pinDefinitionsInput: ['fields'] } },
		default: {},
		placeholder: 'Add Pin',
		options: [
			{
				displayName: 'Pin',
				name: 'pin',
				// The names are chosen so that the alphabetical order n8n's lint requires reads in
				// the order a pin is thought of: what is pinned, where, when, how, for which widget.
				values: [
					{
						displayName: 'Pin Type',
						name: 'pinType',
						type: 'options',
						options: [
							{
								name: 'Item',
								value: 'item',
								description: 'Pin one item of the catalog',
							},
							{
								name: 'Criteria',
								value: 'criteria',
								description: 'Pin the items that match criteria',
							},
						],
						default: 'item',
					},
					{
						displayName: 'Pinned Item Identity',
						name: 'pinIdentity',
						type: 'string',
						displayOptions: { show: { pinType: ['item'] } },
						default: '',
						placeholder: 'e.g. /p/234/',
						description: 'Catalog identity of the item to pin',
					},
					{
						displayName: 'Pinned Items Criteria (JSON)',
						name: 'pinCriteria',
						type: 'json',
						displayOptions: { show: { pinType: ['criteria'] } },
						default: '',
						description:
							"Criteria selecting the items to pin. Luigi's Box does not publish the criteria structure, so it is passed on as given.",
					},
					{
						displayName: 'Position',
						name: 'position',
						type: 'number',
						default: 1,
						description:
							'Slot from 1 up, e.g. 1 for the first recommendation; -1 pins at every position; 0 blocks the item',
					},
					{
						displayName: 'Schedule: Active From',
						name: 'activeFrom',
						type: 'dateTime',
						default: '',
						description: 'When the pin starts to apply (empty: now)',
					},
					{
						displayName: 'Schedule: Active To',
						name: 'activeTo',
						type: 'dateTime',
						default: '',
						description: 'When the pin expires (empty: never)',
					},
					{
						displayName: 'Treat as Block Pin',
						name: 'isBlockPin',
						type: 'boolean',
						default: false,
						description:
							'Whether to exclude the matching items instead of pinning them (use with Position 0)',
					},
					{
						displayName: 'Treat as Bundle Pin',
						name: 'isBundlePin',
						type: 'boolean',
						default: false,
						description: 'Whether the pinned items are offered as a bundle',
					},
					{
						displayName: 'Widget ID',
						name: 'widgetId',
						type: 'string',
						default: '',
						placeholder: 'e.g. homepage-top',
						description: 'Restrict the pin to one widget (empty: every widget)',
					},
				],
			},
		],
	},
	{
		displayName: 'Pin Definitions (JSON)',
		name: 'pinDefinitionsJson',
		type: 'json',
		displayOptions: { show: { ...fromFields, pinDefinitionsInput: ['json'] } },
		default: '[\n  { "position": 1, "pin_type": "item", "pin_identity": "/p/234/" }\n]',
		description:
			'Array of pins in the API format: position, pin_type, pin_identity or pin_criteria, widget_id, is_block_pin, is_bundle_pin, active_from, active_to',
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		displayOptions: { show: fromFields },
		default: {},
		options: [
			{
				displayName: 'Tags',
				name: 'tags',
				type: 'string',
				default: '',
				placeholder: 'e.g. summer, homepage',
				description: 'Comma-separated labels to organise and filter customizations',
			},
			{
				displayName: 'Target Metadata (JSON)',
				name: 'targetMetadata',
				type: 'json',
				default: '{}',
				description:
					'Display metadata of the target item, e.g. {"title": "Red shoe", "image": "https://..."}',
			},
		],
	},
];

interface PinFields {
	position?: number;
	pinType?: string;
	pinIdentity?: string;
	pinCriteria?: unknown;
	widgetId?: string;
	isBlockPin?: boolean;
	isBundlePin?: boolean;
	activeFrom?: string;
	activeTo?: string;
}

function pinFromFields(
	context: IExecuteFunctions,
	pin: PinFields,
	position: number,
	itemIndex: number,
) {
	const node = context.getNode();
	const label = entryLabel('Pin', position);
	const result: IDataObject = { position: pin.position, pin_type: pin.pinType };
	if (pin.pinType === 'item') result.pin_identity = pin.pinIdentity || undefined;
	if (pin.pinType === 'criteria')
		result.pin_criteria = parseJsonParameter(
			node,
			pin.pinCriteria,
			`${label} › ${LABELS.pin_criteria}`,
			itemIndex,
		) as IDataObject;
	if (pin.widgetId) result.widget_id = pin.widgetId;
	if (pin.isBlockPin) result.is_block_pin = true;
	if (pin.isBundlePin) result.is_bundle_pin = true;
	if (pin.activeFrom) result.active_from = toUtcIso(String(pin.activeFrom), context.getTimezone());
	if (pin.activeTo) result.active_to = toUtcIso(String(pin.activeTo), context.getTimezone());
	return result;
}

function customizationFromFields(context: IExecuteFunctions, itemIndex: number): IDataObject {
	const node = context.getNode();
	const targetType = context.getNodeParameter('targetType', itemIndex) as string;
	const body: IDataObject = {
		model: context.getNodeParameter('model', itemIndex, '', { extractValue: true }),
		target_type: targetType,
	};
	if (targetType === 'item')
		body.target_identity =
			(context.getNodeParameter('targetIdentity', itemIndex, '') as string) || undefined;
	if (targetType === 'criteria')
		body.target_criteria = parseJsonParameter(
			node,
			context.getNodeParameter('targetCriteria', itemIndex, '{}'),
			'Target Criteria',
			itemIndex,
		) as IDataObject;
	if (context.getNodeParameter('pinDefinitionsInput', itemIndex, 'fields') === 'json') {
		body.pin_definitions = parseJsonParameter(
			node,
			context.getNodeParameter('pinDefinitionsJson', itemIndex, '[]'),
			'Pin Definitions',
			itemIndex,
		) as IDataObject[];
	} else {
		const pins = (context.getNodeParameter('pins.pin', itemIndex, []) as PinFields[]) ?? [];
		body.pin_definitions = pins.map((pin, position) =>
			pinFromFields(context, pin, position, itemIndex),
		);
	}
	const extra = context.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const tags = toList(extra.tags);
	if (tags.length) body.tags = tags;
	const metadata = parseJsonParameter(node, extra.targetMetadata, 'Target Metadata', itemIndex);
	if (metadata && Object.keys(metadata as IDataObject).length)
		body.target_metadata = metadata as IDataObject;
	return withoutUndefined(body);
}

function customizationFromJson(
	context: IExecuteFunctions,
	itemIndex: number,
	fromInputItem: boolean,
): IDataObject {
	const node = context.getNode();
	const field = fromInputItem ? 'Input Item JSON' : 'Customization (JSON)';
	// Reading the item directly spares an expression evaluation per item on large bulk runs.
	const value = fromInputItem
		? refuseUnsafeKeys(node, context.getInputData()[itemIndex]?.json, field, itemIndex)
		: parseJsonParameter(
				node,
				context.getNodeParameter('customizationJson', itemIndex),
				field,
				itemIndex,
			);
	if (!value || typeof value !== 'object' || Array.isArray(value))
		throw invalidInput(node, field, itemIndex, 'must be a JSON object');
	const body = { ...(value as IDataObject) };
	for (const field of READ_ONLY_FIELDS) delete body[field];
	return body;
}

/** Reads one customization from the node parameters of an item and validates it before sending. */
export function readCustomization(context: IExecuteFunctions, itemIndex: number): Customization {
	const input = context.getNodeParameter('customizationInput', itemIndex, 'fields') as string;
	const body =
		input === 'fields'
			? customizationFromFields(context, itemIndex)
			: customizationFromJson(context, itemIndex, input === 'inputItem');
	return validateInput(context.getNode(), customizationSchema, body, itemIndex, LABELS);
}

/** Model + target type + target: the slot a customization takes (the bulk endpoint's conflict). */
export function slotKey(customization: IDataObject): string {
	let target = '';
	if (customization.target_type === 'item') target = String(customization.target_identity ?? '');
	if (customization.target_type === 'criteria')
		target = canonicalJson(customization.target_criteria ?? {});
	return JSON.stringify([customization.model, customization.target_type, target]);
}

// Get Many and Export: their filters and options; query.ts reads them into the request.

export const PAGE_SIZE = MAX_PAGE_SIZE;
// The docs show only `created_at:desc` and say "sort by attribute"; these are the customization
// attributes offered, and anything else (e.g. from an expression) is refused before sending.
export const SORT: SortSpec = {
	serviceName: luigisBoxApi.serviceName,
	fields: ['created_at', 'model', 'target_type', 'target_identity'],
	fieldsSource: 'the node offers',
	defaultField: 'created_at',
	defaultDirection: 'desc',
	description:
		"Order of the results, e.g. Created At, Descending for the newest first. Luigi's Box documents sorting by creation date; the other fields are customization attributes it may not sort by.",
};

/** The model and tag filters of Get Many and of the trigger: the API filters on both. */
export const MODEL_AND_TAG_FILTERS: INodeProperties[] = [
	{
		displayName: 'Model Names or IDs',
		name: 'models',
		type: 'multiOptions',
		typeOptions: { loadOptionsMethod: 'getModels' },
		default: [],
		description:
			'Only customizations of these recommender models. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
	{
		displayName: 'Tag Names or IDs',
		name: 'tags',
		type: 'multiOptions',
		typeOptions: { loadOptionsMethod: 'getTags' },
		default: [],
		description:
			'Only customizations with one of these tags. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
];

export const listFilters = (show: Record<string, string[]>): INodeProperties[] => [
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		displayOptions: { show },
		default: {},
		options: [
			...MODEL_AND_TAG_FILTERS,
			{
				displayName: 'Target Identities',
				name: 'targetIdentities',
				type: 'string',
				default: '',
				placeholder: 'e.g. /p/123/, /p/456/',
				description: 'Comma-separated identities of target items',
			},
			{
				displayName: 'Target Types',
				name: 'targetTypes',
				type: 'multiOptions',
				options: [
					{ name: 'All', value: 'all' },
					{ name: 'Criteria', value: 'criteria' },
					{ name: 'Item', value: 'item' },
				],
				default: [],
			},
		],
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		displayOptions: { show },
		default: {},
		options: [
			{
				displayName: 'Criteria (JSON)',
				name: 'criteria',
				type: 'json',
				default: '[]',
				description:
					'Only customizations whose target criteria match, e.g. [{"brand": "Acme"}]. Luigi\'s Box does not publish the criteria structure, so it is passed on as given.',
			},
			pageSizeOption(luigisBoxApi.serviceName, 'customizations', PAGE_SIZE),
			sortRulesField(SORT),
		],
	},
];

const exportShow = { resource: ['customization'], operation: ['export'] };

export const exportFiltersField: INodeProperties = {
	displayName: 'Filters',
	name: 'exportFilters',
	type: 'collection',
	placeholder: 'Add Filter',
	displayOptions: { show: exportShow },
	default: {},
	options: [
		{
			displayName: 'Model Name or ID',
			name: 'model',
			type: 'options',
			typeOptions: { loadOptionsMethod: 'getModels' },
			default: '',
			description:
				'Only customizations of this recommender model. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		},
		{
			displayName: 'Tag Name or ID',
			name: 'tag',
			type: 'options',
			typeOptions: { loadOptionsMethod: 'getTags' },
			default: '',
			description:
				'Only customizations with this tag. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		},
		{
			displayName: 'Target Identity',
			name: 'targetIdentity',
			type: 'string',
			default: '',
			description: 'Only customizations targeting this item (needs Target Type "Item")',
		},
		{
			displayName: 'Target Type',
			name: 'targetType',
			type: 'options',
			options: [
				{ name: 'All', value: 'all' },
				{ name: 'Criteria', value: 'criteria' },
				{ name: 'Item', value: 'item' },
			],
			default: 'item',
		},
	],
};

export const exportOptionsField: INodeProperties = {
	displayName: 'Options',
	name: 'exportOptions',
	type: 'collection',
	placeholder: 'Add option',
	displayOptions: { show: exportShow },
	default: {},
	options: [
		{
			displayName: 'Remove Expired Pins',
			name: 'removeExpiredPins',
			type: 'boolean',
			default: false,
			description: 'Whether to leave out pins whose Active To date has passed',
		},
		{
			displayName: 'Remove Pins of Missing Items',
			name: 'removeNonexistingItemPins',
			type: 'boolean',
			default: false,
			description: 'Whether to leave out item pins whose item is no longer in the catalog',
		},
	],
};

import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import type { ListQuery, SortSpec } from '../../../common/list';
import {
	listOperation,
	pageSizeOption,
	readPageSize,
	readSortRules,
	sortRulesField,
} from '../../../common/list';
import { parseJsonParameter, toList, validateInput } from '../../../common/validation';
import { TARGET_TYPES } from '../../schemas';
import { fetchCustomizations, luigisBoxApi, MAX_PAGE_SIZE } from '../../transport';

// The docs show only `created_at:desc` and say "sort by attribute"; these are the customization
// attributes offered, and anything else (e.g. from an expression) is refused before sending.
const SORT: SortSpec = {
	serviceName: luigisBoxApi.serviceName,
	fields: ['created_at', 'model', 'target_type', 'target_identity'],
	fieldsSource: 'the node offers',
	defaultField: 'created_at',
	defaultDirection: 'desc',
	description:
		'Sent as field:direction. The docs show only created_at:desc; the other fields are customization attributes (unconfirmed as sortable). Other values are refused before sending.',
};

const filters = (show: Record<string, string[]>): INodeProperties[] => [
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		displayOptions: { show },
		default: {},
		options: [
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
			{
				displayName: 'Target Identities',
				name: 'targetIdentities',
				type: 'string',
				default: '',
				placeholder: '/p/123/, /p/456/',
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
					"Sent as the request body's criteria list to search by criteria. Its structure is not in the public docs we could read, so it is passed as given.",
			},
			pageSizeOption(luigisBoxApi.serviceName, 'customizations', MAX_PAGE_SIZE),
			sortRulesField(SORT),
		],
	},
];

const checks = z.object({
	target_type: z.array(
		z.enum(TARGET_TYPES, {
			errorMap: () => ({ message: `must be one of: ${TARGET_TYPES.join(', ')}` }),
		}),
	),
	criteria: z
		.array(z.record(z.unknown()), { invalid_type_error: 'must be a JSON list of objects' })
		.optional(),
});

/** Filters go as repeated query keys, criteria in the POST body, sort as field:direction. */
function readQuery(context: IExecuteFunctions, itemIndex: number): ListQuery {
	const node = context.getNode();
	const chosen = context.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const options = context.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const criteria = parseJsonParameter(node, options.criteria, 'Criteria', itemIndex);
	const checked = validateInput(
		node,
		checks,
		{
			target_type: toList(chosen.targetTypes),
			criteria: Array.isArray(criteria) && criteria.length === 0 ? undefined : criteria,
		},
		itemIndex,
		{ target_type: 'Target Types', criteria: 'Criteria' },
	);
	const sort = readSortRules(node, options.sort, SORT, itemIndex);
	return {
		qs: {
			model: toList(chosen.models),
			tag: toList(chosen.tags),
			target_type: checked.target_type,
			target_identity: toList(chosen.targetIdentities),
			sort: sort.map(({ field, direction }) => `${field}:${direction}`),
		},
		body: checked.criteria ? { criteria: checked.criteria as IDataObject[] } : undefined,
		pageSize: readPageSize(node, options, MAX_PAGE_SIZE, itemIndex),
	};
}

export const { description, execute } = listOperation({
	resource: 'customization',
	noun: 'customization',
	plural: 'customizations',
	query: { describe: filters, read: readQuery },
	fetch: async (context, itemIndex, query, limits) =>
		await fetchCustomizations(
			context,
			{ qs: query.qs, body: query.body, itemIndex },
			{ ...limits, pageSize: query.pageSize },
		),
});

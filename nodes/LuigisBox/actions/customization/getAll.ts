import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { readReturnAllOrLimit, returnAllOrLimit } from '../../../common/descriptions';
import { collectOffsetPages } from '../../../common/pagination';
import { parseJsonParameter, toList, validateInput } from '../../../common/validation';
import { z } from 'zod';
import { TARGET_TYPES } from '../../schemas';
import { luigisBoxRequest } from '../../transport';

const show = { resource: ['customization'], operation: ['getAll'] };
// The docs show only `created_at:desc` and say "sort by attribute"; these are the customization
// attributes offered, and anything else (e.g. from an expression) is refused before sending.
const SORT_FIELDS = ['created_at', 'model', 'target_type', 'target_identity'] as const;
const SORT_DIRECTIONS = ['asc', 'desc'] as const;

export const description: INodeProperties[] = [
	...returnAllOrLimit(show),
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
			{
				displayName: 'Page Size',
				name: 'pageSize',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 500,
				description:
					"Customizations fetched per request. Luigi's Box documents no maximum; if it serves fewer, paging still works.",
			},
			{
				displayName: 'Sort',
				name: 'sort',
				type: 'fixedCollection',
				typeOptions: { multipleValues: true },
				default: {},
				placeholder: 'Add Sort Rule',
				description:
					'Sent as field:direction. The docs show only created_at:desc; the other fields are customization attributes (unconfirmed as sortable). Other values are refused before sending.',
				options: [
					{
						displayName: 'Rule',
						name: 'rule',
						values: [
							{
								displayName: 'Field',
								name: 'field',
								type: 'options',
								options: SORT_FIELDS.map((field) => ({ name: field, value: field })),
								default: 'created_at',
							},
							{
								displayName: 'Direction',
								name: 'direction',
								type: 'options',
								options: [
									{ name: 'Ascending', value: 'asc' },
									{ name: 'Descending', value: 'desc' },
								],
								default: 'desc',
							},
						],
					},
				],
			},
		],
	},
];

const filtersSchema = z.object({
	target_type: z.array(
		z.enum(TARGET_TYPES, {
			errorMap: () => ({ message: `must be one of: ${TARGET_TYPES.join(', ')}` }),
		}),
	),
	criteria: z
		.array(z.record(z.unknown()), { invalid_type_error: 'must be a JSON list of objects' })
		.optional(),
	page_size: z.number().int('must be a whole number').min(1, 'must be at least 1'),
	sort: z.array(
		z.object({
			field: z.enum(SORT_FIELDS, {
				errorMap: () => ({ message: `must be one of: ${SORT_FIELDS.join(', ')}` }),
			}),
			direction: z.enum(SORT_DIRECTIONS, {
				errorMap: () => ({ message: `must be one of: ${SORT_DIRECTIONS.join(', ')}` }),
			}),
		}),
	),
});

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const node = this.getNode();
	const { returnAll, limit } = readReturnAllOrLimit(this, itemIndex);
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const sortRules = ((options.sort as IDataObject)?.rule as unknown[]) ?? [];
	const criteria = parseJsonParameter(node, options.criteria, 'Criteria', itemIndex);
	const checked = validateInput(
		node,
		filtersSchema,
		{
			target_type: toList(filters.targetTypes),
			criteria: Array.isArray(criteria) && criteria.length === 0 ? undefined : criteria,
			page_size: options.pageSize ?? 500,
			sort: sortRules,
		},
		itemIndex,
		{
			target_type: 'Target Types',
			criteria: 'Criteria',
			page_size: 'Page Size',
			sort: 'Sort Rule',
			field: 'Field',
			direction: 'Direction',
		},
	);
	const query: IDataObject = {
		model: toList(filters.models),
		tag: toList(filters.tags),
		target_type: checked.target_type,
		target_identity: toList(filters.targetIdentities),
		sort: checked.sort.map(({ field, direction }) => `${field}:${direction}`),
	};
	return await collectOffsetPages(
		async (offset, pageLimit) => {
			const page = await luigisBoxRequest<{
				pagination?: { total?: number };
				results?: IDataObject[];
			}>(this, {
				method: 'POST',
				path: 'scopes',
				qs: { ...query, limit: pageLimit, offset },
				body: checked.criteria ? { criteria: checked.criteria as IDataObject[] } : undefined,
				idempotent: true, // a search: repeating it changes nothing
				itemIndex,
			});
			return { items: page.results ?? [], total: page.pagination?.total };
		},
		{ returnAll, limit, pageSize: checked.page_size },
	);
}

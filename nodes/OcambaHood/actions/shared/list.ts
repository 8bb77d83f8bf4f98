import type { IDataObject, IExecuteFunctions, INode, INodeProperties } from 'n8n-workflow';

import { readReturnAllOrLimit, returnAllOrLimit } from '../../../common/descriptions';
import type { Operation } from '../../../common/router';
import type { RequestContext } from '../../../common/transport';
import { invalidInput, toList } from '../../../common/validation';
import type { Envelope } from '../../transport';
import { envelopeTotal, hoodRequest } from '../../transport';
import type { PageLimits } from '../../../common/pagination';
import { collectPages } from '../../../common/pagination';

/**
 * The one Get Many of this node: `page=N,M` pagination with the largest page, search (`q`,
 * `q_fields`), sort, field selection, a filter builder for Ocamba's `field=op:value` syntax and raw
 * filters for what the builder lacks. Every resource describes its documented fields; where Ocamba
 * documents none, field names are typed in.
 */
export interface ListSpec {
	resource: string;
	operation?: string;
	/** Plural, for descriptions: "profile properties". */
	noun: string;
	searchFields?: string[];
	sortFields?: string[];
	filterFields?: string[];
	/** Offer search and view (profile analytics has neither). */
	search?: boolean;
	view?: boolean;
}

/** Ocamba does not publish its largest page; this is served where tried, and smaller caps are followed. */
export const MAX_PAGE_SIZE = 500;
const RESERVED = ['page', 'sort', 'q', 'q_fields', 'fields', 'view', 'out'];
const FIELD_NAME = /^[A-Za-z_][A-Za-z0-9_.]*$/;

export const OPERATORS: Array<{ name: string; value: string; description: string }> = [
	{ name: 'Between, Exclusive', value: 'r', description: 'Sent as r:start,end; numbers and dates only' },
	{ name: 'Between, Including End', value: 'rr', description: 'Sent as rr:start,end; numbers and dates only' },
	{ name: 'Between, Including Start', value: 'rl', description: 'Sent as rl:start,end; numbers and dates only' },
	{ name: 'Between, Inclusive', value: 'rf', description: 'Sent as rf:start,end; numbers and dates only' },
	{ name: 'Equals', value: 'eq', description: 'Sent as eq:value, the default operator' },
	{ name: 'Greater Than', value: 'gt', description: 'Sent as gt:value; numbers and dates' },
	{ name: 'Greater Than or Equal', value: 'gte', description: 'Sent as gte:value; numbers and dates' },
	{ name: 'Has a Value', value: 'is', description: 'Sent as is: (not null); the value is ignored' },
	{ name: 'Has No Value', value: 'isn', description: 'Sent as isn: (null); the value is ignored' },
	{ name: 'In List', value: 'in', description: 'Sent as in:a,b,c' },
	{ name: 'Less Than', value: 'lt', description: 'Sent as lt:value; numbers and dates' },
	{ name: 'Less Than or Equal', value: 'lte', description: 'Sent as lte:value; numbers and dates' },
	{ name: 'Not Equals', value: 'neq', description: 'Sent as neq:value' },
	{ name: 'Not In List', value: 'nin', description: 'Sent as nin:a,b,c' },
];
const OPERATOR_VALUES = OPERATORS.map((operator) => operator.value);
const RANGE_OPERATORS = ['r', 'rf', 'rl', 'rr'];
const LIST_OPERATORS = ['in', 'nin'];
const NULL_OPERATORS = ['is', 'isn'];

function fieldParameter(fields: string[] | undefined, what: string): INodeProperties {
	if (fields?.length) {
		const sorted = [...fields].sort();
		const first = sorted[0];
		return {
			displayName: 'Field',
			name: 'field',
			type: 'options',
			options: sorted.map((field) => ({ name: field, value: field })),
			default: first,
				description: `A field Ocamba documents as ${what} here`,
		};
	}
	return {
		displayName: 'Field',
		name: 'field',
		type: 'string',
		default: '',
		placeholder: 'e.g. create_time',
		description: `Ocamba does not list the ${what} fields of this resource; type the API field name`,
	};
}

export function listDescription(spec: ListSpec): INodeProperties[] {
	const show = { resource: [spec.resource], operation: [spec.operation ?? 'getAll'] };
	const options: INodeProperties[] = [
		{
			displayName: 'Fields',
			name: 'fields',
			type: 'string',
			default: '',
			placeholder: 'e.g. label,data_type,update_time',
			description: 'Comma-separated fields to return; all default fields when empty',
		},
		{
			displayName: 'Page Size',
			name: 'pageSize',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: MAX_PAGE_SIZE,
			description: `How many ${spec.noun} are fetched per request (page=N,M). Ocamba does not publish a maximum; if it serves fewer, paging follows its size.`,
		},
		{
			displayName: 'Raw Filters',
			name: 'rawFilters',
			type: 'string',
			typeOptions: { rows: 3 },
			default: '',
			placeholder: 'status=in:active,scheduled',
			description:
				'Filters in the API\'s own syntax, one per line: field=operator:value. For what the filter builder above lacks.',
		},
	];
	if (spec.search !== false) {
		options.push(
			{
				displayName: 'Search',
				name: 'search',
				type: 'string',
				default: '',
				description: `Keyword to search the ${spec.noun} for (q)`,
			},
			spec.searchFields?.length
				? {
						displayName: 'Search In',
						name: 'searchFields',
						type: 'multiOptions',
						options: [...spec.searchFields].sort().map((field) => ({ name: field, value: field })),
						default: [],
						description: 'Fields the keyword is searched in (q_fields); the API\'s default field when empty',
					}
				: {
						displayName: 'Search In',
						name: 'searchFields',
						type: 'string',
						default: '',
						description:
							'Comma-separated fields the keyword is searched in (q_fields). Ocamba does not list them for this resource; the API\'s default field when empty.',
					},
		);
	}
	options.push({
		displayName: 'Sort',
		name: 'sort',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true, sortable: true },
		default: {},
		placeholder: 'Add Sort Rule',
		options: [
			{
				displayName: 'Rule',
				name: 'rule',
				values: [
					{
						displayName: 'Direction',
						name: 'direction',
						type: 'options',
						options: [
							{ name: 'Ascending', value: 'asc' },
							{ name: 'Descending', value: 'desc' },
						],
						default: 'asc',
					},
					fieldParameter(spec.sortFields, 'sortable'),
				],
			},
		],
	});
	if (spec.view !== false)
		options.push({
			displayName: 'View',
			name: 'view',
			type: 'options',
			options: [
				{ name: 'Default', value: 'default' },
				{ name: 'Full', value: 'full', description: 'The whole representation of each object' },
			],
			default: 'default',
			description: 'How much of each object to return; Fields takes precedence',
		});
	options.sort((a, b) => a.displayName.localeCompare(b.displayName));

	return [
		...returnAllOrLimit(show),
		{
			displayName: 'Filters',
			name: 'filters',
			type: 'fixedCollection',
			typeOptions: { multipleValues: true },
			placeholder: 'Add Filter',
			displayOptions: { show },
			default: {},
			description: 'Conditions the results must all meet, sent as field=operator:value',
			options: [
				{
					displayName: 'Filter',
					name: 'filter',
					values: [
						fieldParameter(spec.filterFields, 'filterable'),
						{
							displayName: 'Operator',
							name: 'operator',
							type: 'options',
							options: OPERATORS,
							default: 'eq',
						},
						{
							displayName: 'Value',
							name: 'value',
							type: 'string',
							default: '',
							description: 'For lists: a,b,c. For ranges: start,end. Dates as 2025-01-31 or 2025-01-31 12:00:00 (GMT).',
						},
					],
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
			options,
		},
	];
}

function checkFieldName(node: INode, field: unknown, label: string, itemIndex: number): string {
	const name = String(field ?? '').trim();
	if (!FIELD_NAME.test(name)) throw invalidInput(node, label, itemIndex, 'must be an API field name such as create_time');
	if (RESERVED.includes(name))
		throw invalidInput(node, label, itemIndex, `"${name}" is a list parameter, not a field that can be filtered`);
	return name;
}

/** One `operator:value` filter, checked against what the operator needs. */
function filterValue(node: INode, operator: string, rawValue: unknown, label: string, itemIndex: number): string {
	if (!OPERATOR_VALUES.includes(operator))
		throw invalidInput(node, `${label} › Operator`, itemIndex, `must be one of: ${OPERATOR_VALUES.join(', ')}`);
	const value = String(rawValue ?? '').trim();
	if (NULL_OPERATORS.includes(operator)) return `${operator}:`;
	if (value === '') throw invalidInput(node, `${label} › Value`, itemIndex, `is required for the operator "${operator}"`);
	if (LIST_OPERATORS.includes(operator)) return `${operator}:${toList(value).join(',')}`;
	if (RANGE_OPERATORS.includes(operator)) {
		const bounds = value.split(',').map((bound) => bound.trim());
		if (bounds.length !== 2 || bounds.some((bound) => bound === ''))
			throw invalidInput(node, `${label} › Value`, itemIndex, `must be "start,end" for the range operator "${operator}"`);
		return `${operator}:${bounds.join(',')}`;
	}
	return `${operator}:${value}`;
}

/** The list query of one item from its Filters and Options, validated before anything is sent. */
export function buildListQuery(context: IExecuteFunctions, itemIndex: number): IDataObject {
	const node = context.getNode();
	const filters =
		((context.getNodeParameter('filters', itemIndex, {}) as IDataObject).filter as IDataObject[] | undefined) ?? [];
	const options = context.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const qs: IDataObject = {};

	filters.forEach((filter, index) => {
		const label = `Filter ${index + 1}`;
		const field = checkFieldName(node, filter.field, `${label} › Field`, itemIndex);
		if (qs[field] !== undefined)
			throw invalidInput(node, `${label} › Field`, itemIndex, `"${field}" is filtered twice; use one range operator (rf) instead`);
		qs[field] = filterValue(node, String(filter.operator ?? 'eq'), filter.value, label, itemIndex);
	});

	String(options.rawFilters ?? '')
		.split('\n')
		.map((line) => line.trim())
		.filter((line) => line !== '')
		.forEach((line, index) => {
			const label = `Raw Filters › Line ${index + 1}`;
			const separator = line.indexOf('=');
			if (separator < 1) throw invalidInput(node, label, itemIndex, 'must look like field=operator:value');
			const field = checkFieldName(node, line.slice(0, separator), label, itemIndex);
			if (qs[field] !== undefined)
				throw invalidInput(node, label, itemIndex, `"${field}" is already filtered; filter each field once`);
			qs[field] = line.slice(separator + 1).trim();
		});

	const search = String(options.search ?? '').trim();
	const searchFields = toList(options.searchFields);
	if (searchFields.length && !search)
		throw invalidInput(node, 'Search In', itemIndex, 'needs a Search keyword');
	if (search) qs.q = search;
	if (searchFields.length) {
		searchFields.forEach((field) => checkFieldName(node, field, 'Search In', itemIndex));
		qs.q_fields = searchFields.join(',');
	}

	const rules = ((options.sort as IDataObject | undefined)?.rule as IDataObject[] | undefined) ?? [];
	if (rules.length)
		qs.sort = rules
			.map((rule, index) => {
				const field = checkFieldName(node, rule.field, `Sort ${index + 1} › Field`, itemIndex);
				return rule.direction === 'desc' ? `-${field}` : field;
			})
			.join(',');

	const fields = toList(options.fields);
	if (fields.length) {
		fields.forEach((field) => checkFieldName(node, field, 'Fields', itemIndex));
		qs.fields = fields.join(',');
	}
	if (options.view && options.view !== 'default') qs.view = options.view;
	return qs;
}

function pageSizeOf(context: IExecuteFunctions, itemIndex: number): number {
	const options = context.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const pageSize = options.pageSize ?? MAX_PAGE_SIZE;
	if (typeof pageSize !== 'number' || !Number.isInteger(pageSize) || pageSize < 1)
		throw invalidInput(context.getNode(), 'Page Size', itemIndex, 'must be a whole number from 1 up');
	return pageSize;
}

/** Every page of a collection up to the limits, each page one `page=N,M` request. */
export async function fetchPages(
	context: RequestContext,
	path: string,
	query: IDataObject,
	limits: PageLimits,
	itemIndex?: number,
): Promise<IDataObject[]> {
	return await collectPages(async (page, size) => {
		const envelope = await hoodRequest<Envelope>(context, {
			method: 'GET',
			path,
			qs: { ...query, page: `${page},${size}` },
			itemIndex,
		});
		return { items: envelope?.items ?? [], total: envelopeTotal(envelope) };
	}, limits);
}

/** The whole of a small collection (properties, lists) for a dropdown or a lookup. */
export async function fetchAll(context: RequestContext, path: string, query: IDataObject = {}): Promise<IDataObject[]> {
	return await fetchPages(context, path, query, { returnAll: true, limit: 0, pageSize: MAX_PAGE_SIZE });
}

/**
 * Runs a Get Many for one item: the list query plus `extraQuery` (fixed parameters such as out=json,
 * or filters from dedicated fields), then every page up to the limit. One output item per object.
 */
export async function executeList(
	context: IExecuteFunctions,
	itemIndex: number,
	path: string,
	extraQuery: IDataObject = {},
): Promise<IDataObject[]> {
	const { returnAll, limit } = readReturnAllOrLimit(context, itemIndex);
	const query = buildListQuery(context, itemIndex);
	for (const key of Object.keys(extraQuery)) {
		if (query[key] !== undefined)
			throw invalidInput(context.getNode(), 'Filters', itemIndex, `"${key}" is already set by the fields above; remove it from the filters`);
	}
	const pageSize = pageSizeOf(context, itemIndex);
	return await fetchPages(context, path, { ...query, ...extraQuery }, { returnAll, limit, pageSize }, itemIndex);
}

/** A whole Get Many operation for a collection path. */
export function listOperation(spec: ListSpec, path: string, extraQuery?: IDataObject): Operation {
	return {
		description: listDescription(spec),
		async execute(this: IExecuteFunctions, itemIndex: number) {
			return await executeList(this, itemIndex, path, extraQuery);
		},
	};
}

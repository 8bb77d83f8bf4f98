import type { IDataObject, IExecuteFunctions, INode, INodeProperties } from 'n8n-workflow';

import { readReturnAllOrLimit, returnAllOrLimit } from '../../../common/descriptions';
import type { Operation } from '../../../common/router';
import type { RequestContext } from '../../../common/transport';
import { invalidInput, toList, wholeNumber } from '../../../common/validation';
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
	/**
	 * The documented filterable fields that are numbers or dates: the only ones range operators
	 * apply to (the docs: "Range operators apply to numbers and dates only").
	 */
	rangeFields?: string[];
	/** Offer search and view (profile analytics has neither). */
	search?: boolean;
	view?: boolean;
}

/** Ocamba does not publish its largest page; this is served where tried, and smaller caps are followed. */
export const MAX_PAGE_SIZE = 500;
const RESERVED = ['page', 'sort', 'q', 'q_fields', 'fields', 'view', 'out'];
/** Keys that would reach the query object's prototype instead of being sent. */
const UNSAFE_NAMES = ['__proto__', 'constructor', 'prototype'];
const FIELD_NAME = /^[A-Za-z_][A-Za-z0-9_.]*$/;

export const OPERATORS: Array<{ name: string; value: string; description: string }> = [
	{
		name: 'Between, Exclusive',
		value: 'r',
		description: 'Sent as r:start,end; numbers and dates only',
	},
	{
		name: 'Between, Including End',
		value: 'rr',
		description: 'Sent as rr:start,end; numbers and dates only',
	},
	{
		name: 'Between, Including Start',
		value: 'rl',
		description: 'Sent as rl:start,end; numbers and dates only',
	},
	{
		name: 'Between, Inclusive',
		value: 'rf',
		description: 'Sent as rf:start,end; numbers and dates only',
	},
	{ name: 'Equals', value: 'eq', description: 'Sent as eq:value, the default operator' },
	{ name: 'Greater Than', value: 'gt', description: 'Sent as gt:value; numbers and dates' },
	{
		name: 'Greater Than or Equal',
		value: 'gte',
		description: 'Sent as gte:value; numbers and dates',
	},
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

/** "next_run_time" → "Next Run Time", "id" → "ID": option names; the values stay the API's fields. */
export function readableField(field: string): string {
	return field
		.split('_')
		.map((word) =>
			word === 'id'
				? 'ID'
				: word === 'url'
					? 'URL'
					: word === 'pi'
						? 'PI'
						: word.charAt(0).toUpperCase() + word.slice(1),
		)
		.join(' ');
}

/** Options for a documented field set, sorted by the name shown. */
function fieldOptions(fields: string[]) {
	return fields
		.map((field) => ({ name: readableField(field), value: field, description: `Sent as ${field}` }))
		.sort((a, b) => a.name.localeCompare(b.name));
}

function fieldParameter(fields: string[] | undefined, what: string): INodeProperties {
	if (fields?.length) {
		const options = fieldOptions(fields);
		const first = options[0].value;
		return {
			displayName: 'Field',
			name: 'field',
			type: 'options',
			options,
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
				"Filters in the API's own syntax, one per line: field=operator:value. For what the filter builder above lacks.",
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
						options: fieldOptions(spec.searchFields),
						default: [],
						description:
							"Fields the keyword is searched in (q_fields); the API's default field when empty",
					}
				: {
						displayName: 'Search In',
						name: 'searchFields',
						type: 'string',
						default: '',
						description:
							"Comma-separated fields the keyword is searched in (q_fields). Ocamba does not list them for this resource; the API's default field when empty.",
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
							description:
								'For lists: a,b,c. For ranges: start,end. Dates as 2025-01-31 or 2025-01-31 12:00:00 (GMT).',
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
	if (!FIELD_NAME.test(name))
		throw invalidInput(node, label, itemIndex, 'must be an API field name such as create_time');
	if (RESERVED.includes(name))
		throw invalidInput(
			node,
			label,
			itemIndex,
			`"${name}" is a list parameter, not a field that can be filtered`,
		);
	if (UNSAFE_NAMES.includes(name))
		throw invalidInput(node, label, itemIndex, `"${name}" is not allowed as a field name`);
	return name;
}

/** Where Ocamba documents the valid fields, anything else (say, from an expression) is refused here. */
function checkDocumented(
	node: INode,
	name: string,
	documented: string[] | undefined,
	what: string,
	label: string,
	itemIndex: number,
): string {
	if (documented?.length && !documented.includes(name))
		throw invalidInput(
			node,
			label,
			itemIndex,
			`"${name}" is not ${what} here; Ocamba documents: ${documented.join(', ')}`,
		);
	return name;
}

/** Range operators apply to numbers and dates only: refused on a documented text field. */
function checkRange(
	node: INode,
	spec: ListSpec,
	field: string,
	operator: string,
	label: string,
	itemIndex: number,
) {
	if (!RANGE_OPERATORS.includes(operator) || !spec.filterFields?.length || !spec.rangeFields)
		return;
	if (!spec.rangeFields.includes(field))
		throw invalidInput(
			node,
			label,
			itemIndex,
			`the range operator "${operator}" applies to numbers and dates only, and "${field}" is neither; range fields here: ${spec.rangeFields.join(', ') || 'none'}`,
		);
}

/** One `operator:value` filter, checked against what the operator needs. */
function filterValue(
	node: INode,
	operator: string,
	rawValue: unknown,
	label: string,
	itemIndex: number,
): string {
	if (!OPERATOR_VALUES.includes(operator))
		throw invalidInput(
			node,
			`${label} › Operator`,
			itemIndex,
			`must be one of: ${OPERATOR_VALUES.join(', ')}`,
		);
	const value = String(rawValue ?? '').trim();
	if (NULL_OPERATORS.includes(operator)) return `${operator}:`;
	if (value === '')
		throw invalidInput(
			node,
			`${label} › Value`,
			itemIndex,
			`is required for the operator "${operator}"`,
		);
	if (LIST_OPERATORS.includes(operator)) return `${operator}:${toList(value).join(',')}`;
	if (RANGE_OPERATORS.includes(operator)) {
		const bounds = value.split(',').map((bound) => bound.trim());
		if (bounds.length !== 2 || bounds.some((bound) => bound === ''))
			throw invalidInput(
				node,
				`${label} › Value`,
				itemIndex,
				`must be "start,end" for the range operator "${operator}"`,
			);
		return `${operator}:${bounds.join(',')}`;
	}
	return `${operator}:${value}`;
}

/**
 * The list query of one item from its Filters and Options, validated before anything is sent, and
 * which node field each query parameter came from (for errors the API gives about them).
 */
export function buildListQuery(
	context: IExecuteFunctions,
	itemIndex: number,
	spec: ListSpec = { resource: '', noun: '' },
): { qs: IDataObject; sources: Record<string, string> } {
	const node = context.getNode();
	const filters =
		((context.getNodeParameter('filters', itemIndex, {}) as IDataObject).filter as
			| IDataObject[]
			| undefined) ?? [];
	const options = context.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const qs: IDataObject = {};
	const sources: Record<string, string> = {};

	filters.forEach((filter, index) => {
		const label = `Filter ${index + 1}`;
		const field = checkFieldName(node, filter.field, `${label} › Field`, itemIndex);
		checkDocumented(node, field, spec.filterFields, 'filterable', `${label} › Field`, itemIndex);
		if (qs[field] !== undefined)
			throw invalidInput(
				node,
				`${label} › Field`,
				itemIndex,
				`"${field}" is filtered twice; use one range operator (rf) instead`,
			);
		const operator = String(filter.operator ?? 'eq');
		checkRange(node, spec, field, operator, `${label} › Operator`, itemIndex);
		qs[field] = filterValue(node, operator, filter.value, label, itemIndex);
		sources[field] = `${label} › Field`;
	});

	String(options.rawFilters ?? '')
		.split('\n')
		.map((line) => line.trim())
		.filter((line) => line !== '')
		.forEach((line, index) => {
			const label = `Raw Filters › Line ${index + 1}`;
			const separator = line.indexOf('=');
			if (separator < 1)
				throw invalidInput(node, label, itemIndex, 'must look like field=operator:value');
			const field = checkFieldName(node, line.slice(0, separator), label, itemIndex);
			checkDocumented(node, field, spec.filterFields, 'filterable', label, itemIndex);
			if (qs[field] !== undefined)
				throw invalidInput(
					node,
					label,
					itemIndex,
					`"${field}" is already filtered; filter each field once`,
				);
			const value = line.slice(separator + 1).trim();
			const operator = /^([a-z]+):/.exec(value)?.[1];
			if (operator && OPERATOR_VALUES.includes(operator))
				checkRange(node, spec, field, operator, label, itemIndex);
			qs[field] = value;
			sources[field] = label;
		});

	const search = String(options.search ?? '').trim();
	const searchFields = toList(options.searchFields);
	if (searchFields.length && !search)
		throw invalidInput(node, 'Search In', itemIndex, 'needs a Search keyword');
	if (search) {
		qs.q = search;
		sources.q = 'Search';
	}
	if (searchFields.length) {
		searchFields.forEach((field) => {
			checkFieldName(node, field, 'Search In', itemIndex);
			checkDocumented(node, field, spec.searchFields, 'searchable', 'Search In', itemIndex);
		});
		qs.q_fields = searchFields.join(',');
		sources.q_fields = 'Search In';
	}

	const rules =
		((options.sort as IDataObject | undefined)?.rule as IDataObject[] | undefined) ?? [];
	if (rules.length) {
		qs.sort = rules
			.map((rule, index) => {
				const label = `Sort ${index + 1} › Field`;
				const field = checkFieldName(node, rule.field, label, itemIndex);
				checkDocumented(node, field, spec.sortFields, 'sortable', label, itemIndex);
				if (rule.direction !== undefined && !['asc', 'desc'].includes(String(rule.direction)))
					throw invalidInput(
						node,
						`Sort ${index + 1} › Direction`,
						itemIndex,
						'must be asc or desc',
					);
				return rule.direction === 'desc' ? `-${field}` : field;
			})
			.join(',');
		sources.sort = 'Sort';
	}

	const fields = toList(options.fields);
	if (fields.length) {
		fields.forEach((field) => checkFieldName(node, field, 'Fields', itemIndex));
		qs.fields = fields.join(',');
		sources.fields = 'Fields';
	}
	if (options.view !== undefined && !['default', 'full'].includes(String(options.view)))
		throw invalidInput(node, 'View', itemIndex, 'must be default or full');
	if (options.view && options.view !== 'default') {
		qs.view = options.view;
		sources.view = 'View';
	}
	sources.page = 'Page Size';
	return { qs, sources };
}

function pageSizeOf(context: IExecuteFunctions, itemIndex: number): number {
	const options = context.getNodeParameter('options', itemIndex, {}) as IDataObject;
	return wholeNumber(context.getNode(), options.pageSize ?? MAX_PAGE_SIZE, 'Page Size', itemIndex);
}

/** Whether `text` names the query parameter as a word of its own (not inside another word). */
function names(text: string, parameter: string): boolean {
	const escaped = parameter.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
	return new RegExp(`(^|[^A-Za-z0-9_])${escaped}([^A-Za-z0-9_]|$)`).test(text);
}

/**
 * A 400 whose message names a query parameter (`q_fields`, `sort`, a filtered field) gets the node's
 * field and the item put in front, so the user sees which input to change. Other errors pass.
 */
export function mapListRefusal(
	error: unknown,
	sources: Record<string, string>,
	itemIndex: number,
): unknown {
	const refusal = error as { httpCode?: unknown; message?: string; description?: string | null };
	if (String(refusal?.httpCode) !== '400' || typeof refusal.message !== 'string') return error;
	const text = refusal.message;
	const aliases: Record<string, string[]> = {
		q_fields: ['q_fields', 'searchable'],
		sort: ['sort', 'sortable'],
	};
	const parameters = Object.keys(sources).sort((a, b) => b.length - a.length);
	const named = parameters.find((parameter) =>
		(aliases[parameter] ?? [parameter]).some((alias) => names(text, alias)),
	);
	if (!named) return error;
	refusal.message = `Invalid "${sources[named]}" in item ${itemIndex}: ${text}`;
	refusal.description = [
		`Ocamba Hood refused the query parameter "${named}", which comes from "${sources[named]}".`,
		refusal.description,
	]
		.filter(Boolean)
		.join(' ');
	return error;
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
export async function fetchAll(
	context: RequestContext,
	path: string,
	query: IDataObject = {},
): Promise<IDataObject[]> {
	return await fetchPages(context, path, query, {
		returnAll: true,
		limit: 0,
		pageSize: MAX_PAGE_SIZE,
	});
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
	spec?: ListSpec,
): Promise<IDataObject[]> {
	const { returnAll, limit } = readReturnAllOrLimit(context, itemIndex);
	const { qs: query, sources } = buildListQuery(context, itemIndex, spec);
	for (const key of Object.keys(extraQuery)) {
		if (query[key] !== undefined)
			throw invalidInput(
				context.getNode(),
				'Filters',
				itemIndex,
				`"${key}" is already set by the fields above; remove it from the filters`,
			);
	}
	const pageSize = pageSizeOf(context, itemIndex);
	try {
		return await fetchPages(
			context,
			path,
			{ ...query, ...extraQuery },
			{ returnAll, limit, pageSize },
			itemIndex,
		);
	} catch (error) {
		throw mapListRefusal(error, sources, itemIndex);
	}
}

/** A whole Get Many operation for a collection path. */
export function listOperation(spec: ListSpec, path: string, extraQuery?: IDataObject): Operation {
	return {
		description: listDescription(spec),
		async execute(this: IExecuteFunctions, itemIndex: number) {
			return await executeList(this, itemIndex, path, extraQuery, spec);
		},
	};
}

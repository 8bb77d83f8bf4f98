import type { IDataObject, IExecuteFunctions, INode, INodeProperties } from 'n8n-workflow';

import type { ListQuery, ListQuerySyntax, SortSpec } from '../../../common/list';
import {
	checkFieldName,
	fieldOptions,
	fieldParameter,
	pageSizeOption,
	readPageSize,
	readSortRules,
	sortRulesField,
} from '../../../common/list';
import { optionsCollection } from '../../../common/descriptions';
import { invalidInput, toList } from '../../../common/validation';
import { MAX_PAGE_SIZE } from '../../api';

/**
 * Ocamba's list query syntax, the plug-in of the common Get Many: filters as `field=op:value` (a
 * builder plus raw lines), search (`q`, `q_fields`), sort (`-field` descending), field selection
 * and view. Every resource describes its documented fields; where Ocamba documents none, field
 * names are typed in.
 */
export interface HoodQuerySpec {
	/** Plural, for descriptions: "profile properties". */
	plural: string;
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
	/**
	 * Query parameters the operation sets itself (out=json, or filters from dedicated fields); a
	 * filter on one of them is refused.
	 */
	fixed?: (context: IExecuteFunctions, itemIndex: number) => IDataObject;
}

const SERVICE = 'Ocamba';
const RESERVED = ['page', 'sort', 'q', 'q_fields', 'fields', 'view', 'out'];

/** Operator options: name, value (the API's operator) and how it is sent. */
export const OPERATORS = (
	[
		['Between, Exclusive', 'r', 'r:start,end; numbers and dates only'],
		['Between, Including End', 'rr', 'rr:start,end; numbers and dates only'],
		['Between, Including Start', 'rl', 'rl:start,end; numbers and dates only'],
		['Between, Inclusive', 'rf', 'rf:start,end; numbers and dates only'],
		['Equals', 'eq', 'eq:value, the default operator'],
		['Greater Than', 'gt', 'gt:value; numbers and dates'],
		['Greater Than or Equal', 'gte', 'gte:value; numbers and dates'],
		['Has a Value', 'is', 'is: (not null); the value is ignored'],
		['Has No Value', 'isn', 'isn: (null); the value is ignored'],
		['In List', 'in', 'in:a,b,c'],
		['Less Than', 'lt', 'lt:value; numbers and dates'],
		['Less Than or Equal', 'lte', 'lte:value; numbers and dates'],
		['Not Equals', 'neq', 'neq:value'],
		['Not In List', 'nin', 'nin:a,b,c'],
	] as const
).map(([name, value, sent]) => ({ name, value, description: `Sent as ${sent}` }));
const OPERATOR_VALUES: string[] = OPERATORS.map((operator) => operator.value);
const RANGE_OPERATORS = ['r', 'rf', 'rl', 'rr'];
const LIST_OPERATORS = ['in', 'nin'];
const NULL_OPERATORS = ['is', 'isn'];

const sortSpec = (spec: HoodQuerySpec): SortSpec => ({
	serviceName: SERVICE,
	fields: spec.sortFields,
	defaultDirection: 'asc',
});

function describe(spec: HoodQuerySpec, show: Record<string, string[]>): INodeProperties[] {
	const options: INodeProperties[] = [
		{
			displayName: 'Fields',
			name: 'fields',
			type: 'string',
			default: '',
			placeholder: 'e.g. label,data_type,update_time',
			description: 'Comma-separated fields to return; all default fields when empty',
		},
		pageSizeOption(SERVICE, spec.plural, MAX_PAGE_SIZE, 'page=N,M'),
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
		sortRulesField(sortSpec(spec)),
	];
	if (spec.search !== false)
		options.push(
			{
				displayName: 'Search',
				name: 'search',
				type: 'string',
				default: '',
				description: `Keyword to search the ${spec.plural} for (q)`,
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
	return [
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
						fieldParameter(SERVICE, spec.filterFields, 'filterable'),
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
		optionsCollection(show, options),
	];
}

/**
 * A field name from the editor or an expression: the common check, and not one of the list's own
 * parameters (a filter on `page` would replace the paging).
 */
function fieldName(
	node: INode,
	field: unknown,
	label: string,
	itemIndex: number,
	documented?: string[],
	what = 'filterable',
): string {
	const name = String(field ?? '').trim();
	if (RESERVED.includes(name))
		throw invalidInput(
			node,
			label,
			itemIndex,
			`"${name}" is a list parameter, not a field that can be filtered`,
		);
	return checkFieldName(node, name, label, itemIndex, {
		fields: documented,
		what,
		serviceName: SERVICE,
	});
}

/** Range operators apply to numbers and dates only: refused on a documented text field. */
function checkRange(
	node: INode,
	spec: HoodQuerySpec,
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

/** The Filters builder and the Raw Filters lines, each field filtered once. */
function readFilters(
	node: INode,
	spec: HoodQuerySpec,
	filters: IDataObject[],
	rawFilters: unknown,
	query: ListQuery & { sources: Record<string, string> },
	itemIndex: number,
) {
	const { qs, sources } = query;
	filters.forEach((filter, index) => {
		const label = `Filter ${index + 1}`;
		const field = fieldName(node, filter.field, `${label} › Field`, itemIndex, spec.filterFields);
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
	String(rawFilters ?? '')
		.split('\n')
		.map((line) => line.trim())
		.filter((line) => line !== '')
		.forEach((line, index) => {
			const label = `Raw Filters › Line ${index + 1}`;
			const separator = line.indexOf('=');
			if (separator < 1)
				throw invalidInput(node, label, itemIndex, 'must look like field=operator:value');
			const field = fieldName(node, line.slice(0, separator), label, itemIndex, spec.filterFields);
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
}

/**
 * The list query of one item from its Filters and Options, validated before anything is sent, and
 * which node field each query parameter came from (for errors the API gives about them).
 */
export function readHoodQuery(
	context: IExecuteFunctions,
	itemIndex: number,
	spec: HoodQuerySpec,
): ListQuery & { sources: Record<string, string> } {
	const node = context.getNode();
	const filters =
		((context.getNodeParameter('filters', itemIndex, {}) as IDataObject).filter as
			| IDataObject[]
			| undefined) ?? [];
	const options = context.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const query = { qs: {} as IDataObject, sources: {} as Record<string, string> };
	const { qs, sources } = query;
	readFilters(node, spec, filters, options.rawFilters, query, itemIndex);

	const search = String(options.search ?? '').trim();
	const searchFields = toList(options.searchFields);
	if (searchFields.length && !search)
		throw invalidInput(node, 'Search In', itemIndex, 'needs a Search keyword');
	if (search) {
		qs.q = search;
		sources.q = 'Search';
	}
	if (searchFields.length) {
		searchFields.forEach((field) =>
			fieldName(node, field, 'Search In', itemIndex, spec.searchFields, 'searchable'),
		);
		qs.q_fields = searchFields.join(',');
		sources.q_fields = 'Search In';
	}

	const rules = readSortRules(node, options.sort, sortSpec(spec), itemIndex, (field, label) =>
		fieldName(node, field, label, itemIndex, spec.sortFields, 'sortable'),
	);
	if (rules.length) {
		qs.sort = rules
			.map(({ field, direction }) => (direction === 'desc' ? `-${field}` : field))
			.join(',');
		sources.sort = 'Sort';
	}

	const fields = toList(options.fields);
	if (fields.length) {
		fields.forEach((field) => fieldName(node, field, 'Fields', itemIndex));
		qs.fields = fields.join(',');
		sources.fields = 'Fields';
	}
	if (options.view !== undefined && !['default', 'full'].includes(String(options.view)))
		throw invalidInput(node, 'View', itemIndex, 'must be default or full');
	if (options.view && options.view !== 'default') {
		qs.view = options.view;
		sources.view = 'View';
	}

	const fixed = spec.fixed?.(context, itemIndex) ?? {};
	for (const key of Object.keys(fixed))
		if (qs[key] !== undefined)
			throw invalidInput(
				node,
				'Filters',
				itemIndex,
				`"${key}" is already set by the fields above; remove it from the filters`,
			);
	Object.assign(qs, fixed);
	sources.page = 'Page Size';
	return { ...query, pageSize: readPageSize(node, options, MAX_PAGE_SIZE, itemIndex) };
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

/** Ocamba's query syntax for one resource's Get Many. */
export const hoodQuery = (spec: HoodQuerySpec): ListQuerySyntax => ({
	describe: (show) => describe(spec, show),
	read: (context, itemIndex) => readHoodQuery(context, itemIndex, spec),
	explainRefusal: (error, query, itemIndex) =>
		mapListRefusal(error, query.sources ?? {}, itemIndex),
});

import type { IDataObject, INode, INodeProperties } from 'n8n-workflow';

import type { ListQuery } from '../../../common/list';
import { checkFieldName, fieldParameter } from '../../../common/list';
import { entryLabel, invalidInput, toList } from '../../../common/validation';

/**
 * Ocamba's filter syntax, `field=operator:value`: the Filters builder, Raw Filters lines for what
 * it lacks, and the checks both pass before anything is sent.
 */
export interface FilterFields {
	filterFields?: string[];
	/**
	 * The documented filterable fields that are numbers or dates: the only ones range operators
	 * apply to (the docs: "Range operators apply to numbers and dates only").
	 */
	rangeFields?: string[];
}

/** How messages name the vendor when they say what it documents. */
export const SERVICE = 'Ocamba';
/** The list's own parameters: a filter on `page` would replace the paging. */
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

export const filtersField = (
	spec: FilterFields,
	show: Record<string, string[]>,
): INodeProperties => ({
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
});

export const rawFiltersOption: INodeProperties = {
	displayName: 'Raw Filters',
	name: 'rawFilters',
	type: 'string',
	typeOptions: { rows: 3 },
	default: '',
	placeholder: 'e.g. status=in:active,scheduled',
	description:
		"Filters in the API's own syntax, one per line: field=operator:value. For what the filter builder above lacks.",
};

/**
 * A field name from the editor or an expression: the common check, and not one of the list's own
 * parameters (a filter on `page` would replace the paging).
 */
export function fieldName(
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
	spec: FilterFields,
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
 * The Filters builder and the Raw Filters lines, each field filtered once. `rawLabel` is how the
 * editor shows the lines' field (the trigger's Profile Filters).
 */
export function readFilters(
	node: INode,
	spec: FilterFields,
	filters: IDataObject[],
	rawFilters: unknown,
	query: ListQuery & { sources: Record<string, string> },
	itemIndex: number,
	rawLabel = 'Raw Filters',
) {
	const { qs, sources } = query;
	filters.forEach((filter, index) => {
		const label = entryLabel('Filter', index);
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
			const label = `${rawLabel} › Line ${index + 1}`;
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

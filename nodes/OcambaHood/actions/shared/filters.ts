import type { IDataObject, INode, INodeProperties } from 'n8n-workflow';

import type { ListQuery } from '../../../common/list';
import { checkFieldName, fieldParameter } from '../../../common/list';
import { entryLabel, invalidInput, toList } from '../../../common/validation';
import { documentedFieldParameter, FIELD_NAMES, fieldName as editorName } from './fieldNames';

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
	/**
	 * Where Ocamba documents no filterable fields: the loadOptions method that offers the fields
	 * the objects have (a dropdown, with an expression still possible for any other field).
	 */
	fieldsMethod?: string;
}

/** How messages name the vendor when they say what it documents. */
export const SERVICE = 'Ocamba';
/** The list's own parameters: a filter on `page` would replace the paging. */
const RESERVED = ['page', 'sort', 'q', 'q_fields', 'fields', 'view', 'out'];

/** Operator options: name, value (the API's operator) and what it keeps, with an example value. */
export const OPERATORS = (
	[
		[
			'Between, Exclusive',
			'r',
			'Strictly between two values, e.g. 10,20 keeps 11 to 19; numbers and dates only',
		],
		[
			'Between, Including End',
			'rr',
			'Between two values, the end included, e.g. 10,20 keeps 11 to 20; numbers and dates only',
		],
		[
			'Between, Including Start',
			'rl',
			'Between two values, the start included, e.g. 10,20 keeps 10 to 19; numbers and dates only',
		],
		[
			'Between, Inclusive',
			'rf',
			'Between two values, both included, e.g. 2025-01-01,2025-01-31 keeps all of January; numbers and dates only',
		],
		['Equals', 'eq', 'Exactly the value, e.g. active'],
		[
			'Greater Than',
			'gt',
			'Above the value, e.g. 2025-01-31 keeps February onwards; numbers and dates',
		],
		['Greater Than or Equal', 'gte', 'The value or above, e.g. 100; numbers and dates'],
		['Has a Value', 'is', 'The field is set; the Value is ignored'],
		['Has No Value', 'isn', 'The field is empty; the Value is ignored'],
		['In List', 'in', 'One of several values, e.g. active,scheduled'],
		['Less Than', 'lt', 'Below the value, e.g. 100; numbers and dates'],
		['Less Than or Equal', 'lte', 'The value or below, e.g. 2025-01-31; numbers and dates'],
		['Not Equals', 'neq', 'Anything but the value, e.g. draft'],
		['Not In List', 'nin', 'None of several values, e.g. canceled,sent'],
	] as const
).map(([name, value, description]) => ({ name, value, description }));
const OPERATOR_VALUES: string[] = OPERATORS.map((operator) => operator.value);
const RANGE_OPERATORS = ['r', 'rf', 'rl', 'rr'];
const LIST_OPERATORS = ['in', 'nin'];
const NULL_OPERATORS = ['is', 'isn'];

/** How the editor names an operator: "Between, Inclusive" for rf. */
const operatorName = (operator: string): string =>
	OPERATORS.find((option) => option.value === operator)?.name ?? operator;

/** A field in messages: its editor name and, where that differs, the API field typed in expressions. */
export function describeField(field: string): string {
	const name = FIELD_NAMES[field]?.name;
	return name && name !== field ? `"${name}" (${field})` : `"${field}"`;
}

const fieldList = (fields: readonly string[]) =>
	[...fields]
		.map((field) => (FIELD_NAMES[field] ? `${editorName(field)} (${field})` : field))
		.sort()
		.join(', ');

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
	description: 'Conditions the results must all meet',
	options: [
		{
			displayName: 'Filter',
			name: 'filter',
			values: [
				spec.filterFields?.length
					? documentedFieldParameter(spec.filterFields, 'filter')
					: spec.fieldsMethod
						? {
								displayName: 'Field Name or ID',
								name: 'field',
								type: 'options',
								typeOptions: { loadOptionsMethod: spec.fieldsMethod },
								default: '',
								description:
									'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
							}
						: fieldParameter(SERVICE, spec.filterFields, 'filterable'),
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
					placeholder: 'e.g. active',
					description:
						'Several values separated by commas for In List, e.g. active,scheduled; start and end for Between, e.g. 2025-01-01,2025-01-31. Dates as 2025-01-31 or 2025-01-31 12:00:00 (GMT).',
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
		"Filters in Ocamba's own syntax, one per line, e.g. status=in:active,scheduled or create_time=gte:2025-01-01. For what the Filters above lack.",
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
	if (name === '') throw invalidInput(node, label, itemIndex, 'is required; choose a field');
	// The name's syntax first (the common check), then whether Ocamba offers it here, in the
	// editor's names.
	checkFieldName(node, name, label, itemIndex);
	const purpose: Record<string, string> = {
		filterable: 'filter by',
		sortable: 'sort by',
		searchable: 'search in',
	};
	if (documented?.length && !documented.includes(name))
		throw invalidInput(
			node,
			label,
			itemIndex,
			`"${name}" is not a field Ocamba lets you ${purpose[what] ?? what} here; choose one of: ${fieldList(documented)}`,
		);
	return name;
}

/** Range operators apply to numbers and dates only: refused on a documented text field. */
function checkRange(
	node: INode,
	spec: FilterFields,
	field: string,
	operator: string,
	label: string,
	itemIndex: number,
	raw = false,
) {
	if (!RANGE_OPERATORS.includes(operator) || !spec.filterFields?.length || !spec.rangeFields)
		return;
	if (!spec.rangeFields.includes(field))
		throw invalidInput(
			node,
			label,
			itemIndex,
			`"${operatorName(operator)}"${raw ? ` (${operator}:)` : ''} applies to numbers and dates only, and ${describeField(field)} is neither; it applies here to: ${fieldList(spec.rangeFields) || 'no field'}`,
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
			`is required for "${operatorName(operator)}"`,
		);
	if (LIST_OPERATORS.includes(operator)) return `${operator}:${toList(value).join(',')}`;
	if (RANGE_OPERATORS.includes(operator)) {
		const bounds = value.split(',').map((bound) => bound.trim());
		if (bounds.length !== 2 || bounds.some((bound) => bound === ''))
			throw invalidInput(
				node,
				`${label} › Value`,
				itemIndex,
				`"${operatorName(operator)}" needs a start and an end separated by a comma, e.g. 10,20 or 2025-01-01,2025-01-31`,
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
				`${describeField(field)} is filtered twice; for a range use one Between operator instead, e.g. "Between, Inclusive" with 2025-01-01,2025-01-31`,
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
					`${describeField(field)} is already filtered; filter each field once`,
				);
			const value = line.slice(separator + 1).trim();
			const operator = /^([a-z]+):/.exec(value)?.[1];
			if (operator && OPERATOR_VALUES.includes(operator))
				checkRange(node, spec, field, operator, label, itemIndex, true);
			qs[field] = value;
			sources[field] = label;
		});
}

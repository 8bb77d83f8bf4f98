import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { ListQuery, ListQuerySyntax, SortSpec } from '../../../common/list';
import { pageSizeOption, readPageSize, readSortRules, sortRulesField } from '../../../common/list';
import { optionsCollection } from '../../../common/descriptions';
import { invalidInput, invalidInputMessage, toList } from '../../../common/validation';
import { MAX_PAGE_SIZE } from '../../api';
import { documentedFieldParameter, fieldOptions } from './fieldNames';
import type { FilterFields } from './filters';
import { fieldName, filtersField, rawFiltersOption, readFilters, SERVICE } from './filters';

/**
 * Ocamba's list query syntax, the plug-in of the common Get Many: filters as `field=op:value` (a
 * builder plus raw lines), search (`q`, `q_fields`), sort (`-field` descending), field selection
 * and view. Every resource describes its documented fields; where Ocamba documents none, field
 * names are typed in.
 */
export interface HoodQuerySpec extends FilterFields {
	/** Plural, for descriptions: "profile properties". */
	plural: string;
	searchFields?: string[];
	sortFields?: string[];
	/** Offer search and view (profile analytics has neither). */
	search?: boolean;
	view?: boolean;
	/**
	 * Query parameters the operation sets itself (out=json, or filters from dedicated fields); a
	 * filter on one of them is refused.
	 */
	fixed?: (context: IExecuteFunctions, itemIndex: number) => IDataObject;
}

const sortSpec = (spec: HoodQuerySpec): SortSpec => ({
	serviceName: SERVICE,
	fields: spec.sortFields,
	defaultDirection: 'asc',
});

/** Sort rules; where Ocamba documents the sortable fields, they are offered by their readable names. */
function sortField(spec: HoodQuerySpec): INodeProperties {
	const field = sortRulesField(sortSpec(spec));
	if (!spec.sortFields?.length) return field;
	const [rule] = field.options as Array<{
		name: string;
		displayName: string;
		values: INodeProperties[];
	}>;
	return {
		...field,
		options: [
			{
				...rule,
				values: rule.values.map((value) =>
					value.name === 'field' ? documentedFieldParameter(spec.sortFields ?? [], 'sort') : value,
				),
			},
		],
	};
}

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
		pageSizeOption(SERVICE, spec.plural, MAX_PAGE_SIZE),
		rawFiltersOption,
		sortField(spec),
	];
	if (spec.search !== false)
		options.push(
			{
				displayName: 'Search',
				name: 'search',
				type: 'string',
				default: '',
				placeholder: 'e.g. summer',
				description: `Keyword to search the ${spec.plural} for; Search In chooses the fields it is looked for in`,
			},
			spec.searchFields?.length
				? {
						displayName: 'Search In',
						name: 'searchFields',
						type: 'multiOptions',
						options: fieldOptions(spec.searchFields),
						default: [],
						description:
							"Fields the Search keyword is looked for in; Ocamba's default field when empty",
					}
				: {
						displayName: 'Search In',
						name: 'searchFields',
						type: 'string',
						default: '',
						placeholder: 'e.g. email,full_name',
						description:
							'Comma-separated fields the Search keyword is looked for in. Ocamba does not list them for this resource; its default field when empty.',
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
	return [filtersField(spec, show), optionsCollection(show, options)];
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
	refusal.message = invalidInputMessage(sources[named], itemIndex, text);
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

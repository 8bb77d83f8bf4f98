import type { IDataObject, IExecuteFunctions, INode, INodeProperties } from 'n8n-workflow';

import { readReturnAllOrLimit, returnAllOrLimit } from './descriptions';
import type { Operation } from './router';
import { entryLabel, invalidInput, wholeNumber } from './validation';

/**
 * The one Get Many builder. A service plugs in its query syntax (the parameters after Limit, and
 * how an item's values become the request) and its paging (`fetch`); Return All / Limit, Simplify
 * and the order of the parameters are the same everywhere.
 */
export interface ListSpec {
	resource: string;
	operation?: string;
	/** Singular and plural, for descriptions: "profile property", "profile properties". */
	noun: string;
	plural: string;
	/** Parameters shown before Return All (e.g. the experience whose versions are listed). */
	before?: INodeProperties[];
	query?: ListQuerySyntax;
	/** The fields kept by "Simplify", for objects too large to read comfortably. */
	simplify?: string[];
	/** Reads the entries up to `limits` (Infinity under Return All), with the service's paging. */
	fetch: (
		context: IExecuteFunctions,
		itemIndex: number,
		query: ListQuery,
		limits: { returnAll: boolean; limit: number },
	) => Promise<IDataObject[]>;
}

/** A service's query syntax: its parameters, and how one item's values become the request. */
export interface ListQuerySyntax {
	describe: (show: Record<string, string[]>) => INodeProperties[];
	/** Validates the item's values before anything is sent. */
	read: (context: IExecuteFunctions, itemIndex: number) => ListQuery;
	/** Puts an API refusal of a query parameter in the editor's terms; other errors pass as they are. */
	explainRefusal?: (error: unknown, query: ListQuery, itemIndex: number) => unknown;
}

export interface ListQuery {
	qs: IDataObject;
	/** For APIs that search with a POST body. */
	body?: IDataObject;
	/** Entries per request, when the user may choose it. */
	pageSize?: number;
	/** Filters the API cannot apply, applied to what it answered. */
	keep?: (entry: IDataObject) => boolean;
	/** Query parameter → the editor field it came from, for refusals. */
	sources?: Record<string, string>;
}

export function simplifyField(
	show: Record<string, string[]>,
	noun: string,
	keeps: string[],
): INodeProperties {
	return {
		displayName: 'Simplify',
		name: 'simplify',
		type: 'boolean',
		displayOptions: { show },
		default: true,
		description: `Whether to return only the main fields of each ${noun} (${keeps.join(', ')}) instead of the full object`,
	};
}

/** Applies Simplify when the operation offers it and the item asks for it. */
export function maybeSimplify(
	context: IExecuteFunctions,
	itemIndex: number,
	keeps: string[] | undefined,
	entries: IDataObject[],
): IDataObject[] {
	if (!keeps || !(context.getNodeParameter('simplify', itemIndex, true) as boolean)) return entries;
	return entries.map((entry) =>
		Object.fromEntries(keeps.filter((key) => key in entry).map((key) => [key, entry[key]])),
	);
}

export function listOperation(spec: ListSpec): Operation {
	const show = { resource: [spec.resource], operation: [spec.operation ?? 'getAll'] };
	return {
		description: [
			...(spec.before ?? []),
			...returnAllOrLimit(show),
			...(spec.query?.describe(show) ?? []),
			...(spec.simplify ? [simplifyField(show, spec.noun, spec.simplify)] : []),
		],
		async execute(this: IExecuteFunctions, itemIndex: number) {
			const limits = readReturnAllOrLimit(this, itemIndex);
			const query = spec.query?.read(this, itemIndex) ?? { qs: {} };
			let entries: IDataObject[];
			try {
				entries = await spec.fetch(this, itemIndex, query, limits);
			} catch (error) {
				throw spec.query?.explainRefusal
					? spec.query.explainRefusal(error, query, itemIndex)
					: error;
			}
			const kept = query.keep ? entries.filter(query.keep) : entries;
			return maybeSimplify(this, itemIndex, spec.simplify, kept.slice(0, limits.limit));
		},
	};
}

/** "next_run_time" → "Next Run Time", "id" → "ID": option names; the values stay the API's fields. */
export function readableField(field: string): string {
	const words: Record<string, string> = { id: 'ID', url: 'URL', pi: 'PI' };
	return field
		.split('_')
		.map((word) => words[word] ?? word.charAt(0).toUpperCase() + word.slice(1))
		.join(' ');
}

/** Options for a documented field set, sorted by the name shown. */
export function fieldOptions(fields: readonly string[]) {
	return fields
		.map((field) => ({
			name: readableField(field),
			value: field,
			description: `The ${field} field`,
		}))
		.sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * A "Field" parameter: a dropdown of the documented fields, or text where the vendor documents
 * none. `what` says what the field is for ("sortable", "filterable").
 */
export function fieldParameter(
	serviceName: string,
	fields: readonly string[] | undefined,
	what: string,
	defaultField?: string,
): INodeProperties {
	if (fields?.length) {
		const options = fieldOptions(fields);
		// A plain name as the default: n8n's lint rule reads no other expression there.
		const first = defaultField ?? options[0].value;
		return {
			displayName: 'Field',
			name: 'field',
			type: 'options',
			options,
			default: first,
			description: `A field ${serviceName} documents as ${what} here`,
		};
	}
	return {
		displayName: 'Field',
		name: 'field',
		type: 'string',
		default: '',
		placeholder: 'e.g. create_time',
		description: `${serviceName} does not list the ${what} fields of this resource; type the API field name`,
	};
}

export interface SortSpec {
	serviceName: string;
	/** The documented sortable fields; undefined when the vendor lists none (typed in). */
	fields?: readonly string[];
	defaultField?: string;
	defaultDirection: 'asc' | 'desc';
	description?: string;
	/** Where `fields` come from, for errors; "<service> documents" unless said otherwise. */
	fieldsSource?: string;
}

export interface SortRule {
	field: string;
	direction: 'asc' | 'desc';
}

/** The "Sort" option: rules applied in order, each a field and a direction. */
export function sortRulesField(spec: SortSpec): INodeProperties {
	const direction = spec.defaultDirection;
	return {
		displayName: 'Sort',
		name: 'sort',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true, sortable: true },
		default: {},
		placeholder: 'Add Sort Rule',
		...(spec.description ? { description: spec.description } : {}),
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
						default: direction,
					},
					fieldParameter(spec.serviceName, spec.fields, 'sortable', spec.defaultField),
				],
			},
		],
	};
}

const FIELD_NAME = /^[A-Za-z_][A-Za-z0-9_.]*$/;
/** Keys that would reach an object's prototype instead of being sent. */
const UNSAFE_NAMES = ['__proto__', 'constructor', 'prototype'];

/**
 * An API field name from the editor or an expression: a plain identifier, not one that would reach
 * an object's prototype, and one of `documented` where the vendor lists the valid fields.
 */
export function checkFieldName(
	node: INode,
	field: unknown,
	label: string,
	itemIndex: number,
	documented?: { fields?: readonly string[]; what: string; serviceName: string; source?: string },
): string {
	const name = String(field ?? '').trim();
	if (!FIELD_NAME.test(name))
		throw invalidInput(node, label, itemIndex, 'must be an API field name such as create_time');
	if (UNSAFE_NAMES.includes(name))
		throw invalidInput(node, label, itemIndex, `"${name}" is not allowed as a field name`);
	if (documented?.fields?.length && !documented.fields.includes(name))
		throw invalidInput(
			node,
			label,
			itemIndex,
			`"${name}" is not ${documented.what} here; ${documented.source ?? `${documented.serviceName} documents`}: ${documented.fields.join(', ')}`,
		);
	return name;
}

/** The item's sort rules, each checked (field and direction) before anything is sent. */
export function readSortRules(
	node: INode,
	sort: unknown,
	spec: SortSpec,
	itemIndex: number,
	checkField: (field: unknown, label: string) => string = (field, label) =>
		checkFieldName(node, field, label, itemIndex, {
			fields: spec.fields,
			what: 'sortable',
			serviceName: spec.serviceName,
			source: spec.fieldsSource,
		}),
): SortRule[] {
	const rules = ((sort as IDataObject | undefined)?.rule as IDataObject[] | undefined) ?? [];
	return rules.map((rule, index) => {
		const field = checkField(
			rule.field ?? spec.defaultField,
			`${entryLabel('Sort', index)} › Field`,
		);
		const direction = String(rule.direction ?? spec.defaultDirection);
		if (direction !== 'asc' && direction !== 'desc')
			throw invalidInput(
				node,
				`${entryLabel('Sort', index)} › Direction`,
				itemIndex,
				'must be asc or desc',
			);
		return { field, direction };
	});
}

/** The "Page Size" option of APIs that let the client choose it. */
export function pageSizeOption(
	serviceName: string,
	plural: string,
	defaultSize: number,
	sentAs = '',
): INodeProperties {
	return {
		displayName: 'Page Size',
		name: 'pageSize',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: defaultSize,
		description: `How many ${plural} are fetched per request${sentAs ? ` (${sentAs})` : ''}. ${serviceName} does not publish a maximum; if it serves fewer, paging follows its size.`,
	};
}

export function readPageSize(
	node: INode,
	options: IDataObject,
	defaultSize: number,
	itemIndex: number,
): number {
	return wholeNumber(node, options.pageSize ?? defaultSize, 'Page Size', itemIndex);
}

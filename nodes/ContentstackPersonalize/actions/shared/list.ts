import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { readReturnAllOrLimit, returnAllOrLimit } from '../../../common/descriptions';
import type { Operation } from '../../../common/router';
import type { Scope } from '../../transport';
import { listAt } from '../../transport';

/**
 * The one Get Many of this node. Personalize list endpoints take no paging parameters and answer the
 * whole list as a plain array, so Return All / Limit (and any filter) apply to that answer.
 */
export interface ListSpec {
	resource: string;
	operation?: string;
	/** Plural, for descriptions: "attributes". */
	noun: string;
	/** The list's path; a function when it depends on the item (the versions of an experience). */
	path: string | ((context: IExecuteFunctions, itemIndex: number) => string);
	scope?: Scope;
	/** Parameters shown before Return All (e.g. the experience whose versions are listed). */
	before?: INodeProperties[];
	/** Filter parameters shown after Limit. */
	after?: INodeProperties[];
	query?: (context: IExecuteFunctions, itemIndex: number) => IDataObject | undefined;
	/** Keeps only the entries an item's filters ask for. */
	filter?: (context: IExecuteFunctions, itemIndex: number) => (entry: IDataObject) => boolean;
	/** The fields kept by "Simplify", for entries too large to read comfortably. */
	simplify?: string[];
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
	const singular = spec.noun.replace(/ies$/, 'y').replace(/s$/, '');
	const description: INodeProperties[] = [
		...(spec.before ?? []),
		...returnAllOrLimit(show),
		...(spec.after ?? []),
		...(spec.simplify ? [simplifyField(show, singular, spec.simplify)] : []),
	];
	return {
		description,
		async execute(this: IExecuteFunctions, itemIndex: number) {
			const { limit } = readReturnAllOrLimit(this, itemIndex);
			const path = typeof spec.path === 'function' ? spec.path(this, itemIndex) : spec.path;
			const keep = spec.filter ? spec.filter(this, itemIndex) : () => true;
			const entries = await listAt(
				this,
				path,
				itemIndex,
				spec.scope ?? 'project',
				spec.query?.(this, itemIndex),
			);
			return maybeSimplify(this, itemIndex, spec.simplify, entries.filter(keep).slice(0, limit));
		},
	};
}

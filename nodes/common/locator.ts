import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { z } from 'zod';
import { z as zod } from 'zod';

import { validateInput } from './validation';

/**
 * One kind of object picked with a resource locator: from a searchable list, or by ID. The same
 * spec describes the parameter and reads it, so every service's ID pickers work alike.
 */
export interface LocatorSpec {
	/** Parameter name, e.g. `propertyId`: stored in workflows, never renamed. */
	name: string;
	/** What the object is called in the editor, e.g. "Profile Property". */
	displayName: string;
	/** The node's listSearch method that fills the From List mode. */
	searchListMethod: string;
	/** The By ID mode's example value; shown after "e.g." as n8n's guidelines ask. */
	placeholder: string;
	/** What a valid ID looks like (a regular expression without anchors), checked in the editor. */
	pattern: string;
	/** The editor's message for an ID that does not match `pattern`. */
	patternError: string;
	/**
	 * The check made before sending, so that an ID from an expression can never change the request
	 * path; its messages are shown with `label`.
	 */
	schema: z.ZodTypeAny;
	/** The field's name in errors, e.g. "Profile Property ID". */
	label: string;
}

/** The resource locator for `spec`, shown where `show` says. */
export function locatorField(spec: LocatorSpec, show: Record<string, string[]>): INodeProperties {
	return {
		displayName: spec.displayName,
		name: spec.name,
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		displayOptions: { show },
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: spec.searchListMethod, searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: spec.placeholder.startsWith('e.g. ')
					? spec.placeholder
					: `e.g. ${spec.placeholder}`,
				validation: [
					{
						type: 'regex',
						properties: {
							regex: `^\\s*(${spec.pattern})\\s*$`,
							errorMessage: spec.patternError,
						},
					},
				],
			},
		],
	};
}

/**
 * Reads an ID parameter (a resource locator or plain text) and checks it with `schema`, so that it
 * can never change the request path; errors name `label` and the item.
 */
export function readId(
	context: IExecuteFunctions,
	itemIndex: number,
	name: string,
	schema: z.ZodTypeAny,
	label: string,
): string {
	const value = context.getNodeParameter(name, itemIndex, '', { extractValue: true });
	return validateInput(context.getNode(), zod.object({ id: schema }), { id: value }, itemIndex, {
		id: label,
	}).id as string;
}

/** The ID an item's locator points at, checked. */
export const readLocator = (context: IExecuteFunctions, spec: LocatorSpec, itemIndex: number) =>
	readId(context, itemIndex, spec.name, spec.schema, spec.label);

import type { INodeProperties } from 'n8n-workflow';

import type { LocatorSpec } from '../../../common/locator';
import { idSchema } from '../../schemas';

/** An Ocamba object picked from a searchable list or by its numeric ID. */
export const hoodLocator = (
	name: string,
	displayName: string,
	searchListMethod: string,
): LocatorSpec => ({
	name,
	displayName,
	searchListMethod,
	placeholder: 'e.g. 1000105',
	pattern: '\\d{1,24}',
	patternError: 'Not an Ocamba ID (digits only)',
	schema: idSchema,
	label: `${displayName} ID`,
});

/** A plain ID parameter, for objects without a list to pick from (profiles). */
export function idField(
	name: string,
	displayName: string,
	resource: string,
	operations: string[],
	description: string,
): INodeProperties {
	return {
		displayName,
		name,
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. 7291748362918273645',
		displayOptions: { show: { resource: [resource], operation: operations } },
		description,
	};
}

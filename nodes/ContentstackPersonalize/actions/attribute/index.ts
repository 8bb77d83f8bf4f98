import type { Operation } from '../../../common/router';
import { resourceProperties } from '../../../common/descriptions';
import * as create from './create';
import * as del from './delete';
import * as getAll from './getAll';
import * as update from './update';

/**
 * Operation value → implementation. A new operation is its own file, a line here and an entry in the
 * Operation options below.
 */
export const operations: Record<string, Operation> = { create, delete: del, getAll, update };

export const description = resourceProperties(
	'attribute',
	operations,
	[
		{
			name: 'Create',
			value: 'create',
			description: 'Create a custom attribute',
			action: 'Create an attribute',
		},
		{
			name: 'Delete',
			value: 'delete',
			description: 'Delete a custom attribute',
			action: 'Delete an attribute',
		},
		{
			name: 'Get Many',
			value: 'getAll',
			description: "List the project's attributes, custom and preset",
			action: 'Get many attributes',
		},
		{
			name: 'Update',
			value: 'update',
			description: "Change a custom attribute's name, key or description",
			action: 'Update an attribute',
		},
	],
	'getAll',
);

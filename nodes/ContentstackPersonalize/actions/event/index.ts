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
	'event',
	operations,
	[
		{
			name: 'Create',
			value: 'create',
			description: 'Create an event to track as a conversion',
			action: 'Create an event',
		},
		{ name: 'Delete', value: 'delete', description: 'Delete an event', action: 'Delete an event' },
		{
			name: 'Get Many',
			value: 'getAll',
			description: "List the project's events",
			action: 'Get many events',
		},
		{
			name: 'Update',
			value: 'update',
			description: "Change an event's key or description",
			action: 'Update an event',
		},
	],
	'getAll',
);

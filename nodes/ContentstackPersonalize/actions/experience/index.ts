import type { Operation } from '../../../common/router';
import { resourceProperties } from '../../../common/descriptions';
import * as create from './create';
import * as del from './delete';
import * as get from './get';
import * as getAll from './getAll';
import * as update from './update';

/**
 * Operation value → implementation. A new operation is its own file, a line here and an entry in the
 * Operation options below.
 */
export const operations: Record<string, Operation> = { create, delete: del, get, getAll, update };

export const description = resourceProperties(
	'experience',
	operations,
	[
		{
			name: 'Create',
			value: 'create',
			description: 'Create a segmented or A/B test experience, with an empty draft version',
			action: 'Create an experience',
		},
		{
			name: 'Delete',
			value: 'delete',
			description: 'Delete an experience (its CMS variant group stays)',
			action: 'Delete an experience',
		},
		{ name: 'Get', value: 'get', description: 'Get an experience', action: 'Get an experience' },
		{
			name: 'Get Many',
			value: 'getAll',
			description: "List the project's experiences, highest priority first",
			action: 'Get many experiences',
		},
		{
			name: 'Update',
			value: 'update',
			description: "Change an experience's name, description or tags",
			action: 'Update an experience',
		},
	],
	'getAll',
);

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
	'audience',
	operations,
	[
		{
			name: 'Create',
			value: 'create',
			description: 'Create an audience from rules',
			action: 'Create an audience',
		},
		{
			name: 'Delete',
			value: 'delete',
			description: 'Delete an audience',
			action: 'Delete an audience',
		},
		{
			name: 'Get',
			value: 'get',
			description: 'Get an audience and its rules',
			action: 'Get an audience',
		},
		{
			name: 'Get Many',
			value: 'getAll',
			description: "List the project's audiences",
			action: 'Get many audiences',
		},
		{
			name: 'Update',
			value: 'update',
			description: "Change an audience's name, description or rules",
			action: 'Update an audience',
		},
	],
	'getAll',
);

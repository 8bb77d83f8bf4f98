import type { INodeProperties } from 'n8n-workflow';

import { resourceProperties } from '../../../common/descriptions';
import type { Operation } from '../../../common/router';
import * as create from './create';
import * as del from './delete';
import * as getAll from './getAll';
import * as update from './update';

/**
 * Operation value → implementation. A new operation is its own file, a line here and an entry in the
 * operation options below.
 */
export const operations: Record<string, Operation> = { create, delete: del, getAll, update };

export const description: INodeProperties[] = resourceProperties(
	'profileList',
	operations,
	[
		{
			name: 'Create',
			value: 'create',
			description: 'Create a static profile list',
			action: 'Create a profile list',
		},
		{
			name: 'Delete',
			value: 'delete',
			description:
				'Delete a list no campaign, segment or scheduled task uses; members are detached',
			action: 'Delete a profile list',
		},
		{
			name: 'Get Many',
			value: 'getAll',
			description: 'List, search and filter profile lists',
			action: 'Get many profile lists',
		},
		{
			name: 'Update',
			value: 'update',
			description: 'Change the name, color or description of a list',
			action: 'Update a profile list',
		},
	],
	'getAll',
);

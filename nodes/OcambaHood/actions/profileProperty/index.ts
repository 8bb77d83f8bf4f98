import type { INodeProperties } from 'n8n-workflow';

import { resourceProperties } from '../../../common/descriptions';
import type { Operation } from '../../../common/router';
import * as create from './create';
import * as del from './delete';
import * as get from './get';
import * as getAll from './getAll';
import * as sync from './sync';
import * as update from './update';

/**
 * Operation value → implementation. A new operation is its own file, a line here and an entry in the
 * operation options below.
 */
export const operations: Record<string, Operation> = {
	create,
	delete: del,
	get,
	getAll,
	sync,
	update,
};

export const description: INodeProperties[] = resourceProperties(
	'profileProperty',
	operations,
	[
		{
			name: 'Create',
			value: 'create',
			description: 'Create a custom profile property, or update or skip it when the label exists',
			action: 'Create a profile property',
		},
		{
			name: 'Delete',
			value: 'delete',
			description:
				'Delete a profile property (the path is inferred: Ocamba documents no delete page)',
			action: 'Delete a profile property',
		},
		{
			name: 'Get',
			value: 'get',
			description: 'Get a profile property (the path is inferred: Ocamba documents only the list)',
			action: 'Get a profile property',
		},
		{
			name: 'Get Many',
			value: 'getAll',
			description: 'List, search and filter profile properties',
			action: 'Get many profile properties',
		},
		{
			name: 'Sync (Mirror)',
			value: 'sync',
			description:
				'Make the custom properties match the input items: create, update, and with an option delete',
			action: 'Sync profile properties',
		},
		{
			name: 'Update',
			value: 'update',
			description:
				'Change only the given fields of a custom property; system properties cannot change',
			action: 'Update a profile property',
		},
	],
	'getAll',
);

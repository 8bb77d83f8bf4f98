import type { INodeProperties } from 'n8n-workflow';

import { resourceProperties } from '../../../common/descriptions';
import type { Operation } from '../../../common/router';
import * as create from './create';
import * as get from './get';
import * as getAll from './getAll';
import * as update from './update';

/**
 * Operation value → implementation. A new operation is its own file, a line here and an entry in the
 * operation options below.
 */
export const operations: Record<string, Operation> = { create, get, getAll, update };

export const description: INodeProperties[] = resourceProperties(
	'segment',
	operations,
	[
		{
			name: 'Create',
			value: 'create',
			description: 'Create a dynamic audience from targeting rules',
			action: 'Create a segment',
		},
		{
			name: 'Get',
			value: 'get',
			description: 'Get a segment with its targeting',
			action: 'Get a segment',
		},
		{
			name: 'Get Many',
			value: 'getAll',
			description: 'List, search and filter segments',
			action: 'Get many segments',
		},
		{
			name: 'Update',
			value: 'update',
			description: 'Change the name, status or targeting of a segment',
			action: 'Update a segment',
		},
	],
	'getAll',
);

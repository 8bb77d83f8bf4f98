import type { INodeProperties } from 'n8n-workflow';

import type { Operation } from '../../../common/router';
import * as create from './create';
import * as get from './get';
import * as getAll from './getAll';
import * as update from './update';

/**
 * Operation value → implementation. A new operation is its own file, a line here and an entry in the
 * Operation options below.
 */
export const operations: Record<string, Operation> = { create, get, getAll, update };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['segment'] } },
		options: [
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
		default: 'getAll',
	},
	...Object.values(operations).flatMap((operation) => operation.description),
];

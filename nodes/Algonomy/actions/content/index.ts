import type { INodeProperties } from 'n8n-workflow';

import { dryRunField } from '../../../common/descriptions';

import type { Operation } from '../../../common/router';
import * as del from './delete';
import { contentFields } from './fields';
import * as replace from './replace';
import * as update from './update';

/**
 * Operation value → implementation. A new operation is its own file, a line here and an entry in the
 * Operation options below.
 */
export const operations: Record<string, Operation> = { delete: del, replace, update };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['content'] } },
		options: [
			{
				name: 'Delete',
				value: 'delete',
				description: 'Remove content items by ID, many per request',
				action: 'Delete content items',
			},
			{
				name: 'Replace',
				value: 'replace',
				description: 'Add content items, or fully replace those with the same ID, many per request',
				action: 'Add or replace content items',
			},
			{
				name: 'Update',
				value: 'update',
				description: 'Change only the given properties of content items, many per request',
				action: 'Update content items',
			},
		],
		default: 'replace',
	},
	{
		displayName:
			'Algonomy queues content changes and applies them to the live catalog on its own schedule. Each output item carries the tracking ID Algonomy gave the request its item went in.',
		name: 'contentNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { resource: ['content'] } },
	},
	...contentFields,
	dryRunField({ resource: ['content'], operation: ['replace', 'update', 'delete'] }),
	...Object.values(operations).flatMap((operation) => operation.description),
];

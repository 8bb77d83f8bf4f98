import type { INodeProperties } from 'n8n-workflow';

import { operationField } from '../../../common/descriptions';
import type { Operation } from '../../../common/router';
import * as create from './create';
import * as createMany from './createMany';
import * as del from './delete';
import * as exportOperation from './export';
import { customizationFields } from './fields';
import * as get from './get';
import * as getAll from './getAll';
import * as getSummary from './getSummary';
import * as sync from './sync';
import * as update from './update';

/**
 * Operation value → implementation. A new operation is its own file, a line here and an entry in the
 * Operation options below.
 */
export const operations: Record<string, Operation> = {
	create,
	createMany,
	delete: del,
	export: exportOperation,
	get,
	getAll,
	getSummary,
	sync,
	update,
};

export const description: INodeProperties[] = [
	operationField(
		'customization',
		[
			{
				name: 'Create',
				value: 'create',
				description: 'Create a customization',
				action: 'Create a customization',
			},
			{
				name: 'Create Many',
				value: 'createMany',
				description: 'Create many customizations in bulk requests (up to 5000 per request)',
				action: 'Create many customizations',
			},
			{
				name: 'Delete',
				value: 'delete',
				description: 'Delete a customization',
				action: 'Delete a customization',
			},
			{
				name: 'Export',
				value: 'export',
				description: 'Export customizations, optionally without expired or orphaned pins',
				action: 'Export customizations',
			},
			{
				name: 'Get',
				value: 'get',
				description: 'Get a customization',
				action: 'Get a customization',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'List or search customizations',
				action: 'Get many customizations',
			},
			{
				name: 'Get Summary',
				value: 'getSummary',
				description: 'Count customizations per model and list the tags in use',
				action: 'Get the customization summary',
			},
			{
				name: 'Sync (Mirror)',
				value: 'sync',
				description:
					'Make the customizations of a tag or model equal to the input items: create, replace and delete',
				action: 'Sync customizations',
			},
			{
				name: 'Update',
				value: 'update',
				description: 'Replace a customization with a new definition',
				action: 'Update a customization',
			},
		],
		'getAll',
	),
	...customizationFields,
	...Object.values(operations).flatMap((operation) => operation.description),
];

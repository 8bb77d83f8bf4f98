import type { Operation } from '../../../common/router';
import { resourceProperties } from '../../../common/descriptions';
import * as activate from './activate';
import * as create from './create';
import * as del from './delete';
import { versionFields } from './fields';
import * as getAll from './getAll';
import * as pause from './pause';
import * as update from './update';

/**
 * Operation value → implementation. A new operation is its own file, a line here and an entry in the
 * Operation options below.
 */
export const operations: Record<string, Operation> = {
	activate,
	create,
	delete: del,
	getAll,
	pause,
	update,
};

export const description = [
	...resourceProperties(
		'experienceVersion',
		operations,
		[
			{
				name: 'Activate',
				value: 'activate',
				description: 'Make a version live (archives the one active before)',
				action: 'Activate an experience version',
			},
			{
				name: 'Create',
				value: 'create',
				description: 'Create a version (only one draft can exist)',
				action: 'Create an experience version',
			},
			{
				name: 'Delete',
				value: 'delete',
				description: 'Delete a draft version',
				action: 'Delete an experience version',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description: "List an experience's versions",
				action: 'Get many experience versions',
			},
			{
				name: 'Pause',
				value: 'pause',
				description: 'Stop the active version',
				action: 'Pause an experience version',
			},
			{
				name: 'Update',
				value: 'update',
				description: "Replace a version's status, variants, metrics and targeting",
				action: 'Update an experience version',
			},
		],
		'getAll',
	),
	...versionFields,
];

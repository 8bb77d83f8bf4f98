import type { Operation } from '../../../common/router';
import { resourceProperties } from '../../../common/descriptions';
import * as get from './get';
import * as update from './update';

/**
 * Operation value → implementation. A new operation is its own file, a line here and an entry in the
 * Operation options below.
 */
export const operations: Record<string, Operation> = { get, update };

export const description = resourceProperties(
	'experiencePriority',
	operations,
	[
		{
			name: 'Get',
			value: 'get',
			description: 'Get the order in which experiences win',
			action: 'Get the experience priority',
		},
		{
			name: 'Update',
			value: 'update',
			description: "Set the full order of the project's experiences",
			action: 'Update the experience priority',
		},
	],
	'get',
);

import type { INodeProperties } from 'n8n-workflow';

import { resourceProperties } from '../../../common/descriptions';
import type { Operation } from '../../../common/router';
import * as cancel from './cancel';
import * as create from './create';
import * as get from './get';
import * as getAll from './getAll';
import * as pause from './pause';
import * as resume from './resume';
import * as update from './update';
import { withSimplify } from '../shared/simplify';
import { CAMPAIGN_SIMPLE } from './fields';

/**
 * Operation value → implementation. A new operation is its own file, a line here and an entry in the
 * operation options below.
 */
export const operations: Record<string, Operation> = {
	cancel,
	create,
	get: withSimplify(get, 'campaign', 'get', 'campaign', CAMPAIGN_SIMPLE),
	getAll: withSimplify(getAll, 'campaign', 'getAll', 'campaign', CAMPAIGN_SIMPLE),
	pause,
	resume,
	update,
};

export const description: INodeProperties[] = resourceProperties(
	'campaign',
	operations,
	[
		{
			name: 'Cancel',
			value: 'cancel',
			description: 'Stop a running, scheduled or paused campaign for good',
			action: 'Cancel a campaign',
		},
		{
			name: 'Create',
			value: 'create',
			description: 'Create a push, email or SMS campaign: draft, manual, immediate or scheduled',
			action: 'Create a campaign',
		},
		{ name: 'Get', value: 'get', description: 'Get a campaign', action: 'Get a campaign' },
		{
			name: 'Get Many',
			value: 'getAll',
			description: 'List, search and filter campaigns',
			action: 'Get many campaigns',
		},
		{
			name: 'Pause',
			value: 'pause',
			description: 'Pause a running or scheduled campaign',
			action: 'Pause a campaign',
		},
		{
			name: 'Resume',
			value: 'resume',
			description: 'Resume a paused campaign now or at a set time',
			action: 'Resume a campaign',
		},
		{
			name: 'Update',
			value: 'update',
			description:
				'Change only the given fields of a campaign; objects are merged into what it has',
			action: 'Update a campaign',
		},
	],
	'getAll',
);

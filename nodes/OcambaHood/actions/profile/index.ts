import type { INodeProperties } from 'n8n-workflow';

import { resourceProperties } from '../../../common/descriptions';
import type { Operation } from '../../../common/router';
import * as create from './create';
import * as del from './delete';
import * as get from './get';
import * as getAll from './getAll';
import * as getAnalytics from './getAnalytics';
import * as getImportReport from './getImportReport';
import * as merge from './merge';
import * as unsubscribe from './unsubscribe';
import * as update from './update';
import * as updateCustomProperties from './updateCustomProperties';
import { withSimplify } from '../shared/simplify';
import { PROFILE_SIMPLE } from './fields';

/**
 * Operation value → implementation. A new operation is its own file, a line here and an entry in the
 * operation options below.
 */
export const operations: Record<string, Operation> = {
	create,
	delete: del,
	get: withSimplify(get, 'profile', 'get', 'profile', PROFILE_SIMPLE),
	getAll: withSimplify(getAll, 'profile', 'getAll', 'profile', PROFILE_SIMPLE),
	getAnalytics,
	getImportReport,
	merge,
	unsubscribe,
	update,
	updateCustomProperties,
};

export const description: INodeProperties[] = resourceProperties(
	'profile',
	operations,
	[
		{
			name: 'Create',
			value: 'create',
			description: 'Create a profile from an email or a mobile phone number',
			action: 'Create a profile',
		},
		{
			name: 'Delete',
			value: 'delete',
			description: 'Delete a profile; it can no longer be engaged',
			action: 'Delete a profile',
		},
		{
			name: 'Get',
			value: 'get',
			description: 'Get a profile (the path is inferred: Ocamba documents no single-profile read)',
			action: 'Get a profile',
		},
		{
			name: 'Get Analytics',
			value: 'getAnalytics',
			description: "Get a profile's events; the last 7 days unless a time range is given",
			action: 'Get the analytics of a profile',
		},
		{
			name: 'Get Import Report',
			value: 'getImportReport',
			description:
				'Get the per-profile result codes of an Update Custom Properties import (SUCCESS when applied)',
			action: 'Get the report of a profile import',
		},
		{
			name: 'Get Many',
			value: 'getAll',
			description:
				'List, search and filter profiles (the path is inferred: Ocamba documents no profile list)',
			action: 'Get many profiles',
		},
		{
			name: 'Merge',
			value: 'merge',
			description:
				"Merge a source profile into a target, one way: only the target's empty fields are filled, and the source is marked deleted",
			action: 'Merge two profiles',
		},
		{
			name: 'Unsubscribe',
			value: 'unsubscribe',
			description:
				'Unsubscribe a profile; its email or SMS number can never be attached to a new profile afterwards',
			action: 'Unsubscribe a profile',
		},
		{
			name: 'Update',
			value: 'update',
			description:
				'Change only the given fields, custom properties and list membership of a profile',
			action: 'Update a profile',
		},
		{
			name: 'Update Custom Properties',
			value: 'updateCustomProperties',
			description: 'Set custom properties of many existing profiles, many input items per request',
			action: 'Update custom properties of many profiles',
		},
	],
	'get',
);

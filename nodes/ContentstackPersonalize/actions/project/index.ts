import type { INodeProperties } from 'n8n-workflow';

import type { Operation } from '../../../common/router';
import { resourceProperties } from '../../../common/descriptions';
import * as create from './create';
import * as del from './delete';
import * as exportConfiguration from './exportConfiguration';
import * as getAll from './getAll';
import * as importConfiguration from './importConfiguration';

/**
 * Operation value → implementation. A new operation is its own file, a line here and an entry in the
 * Operation options below.
 */
export const operations: Record<string, Operation> = {
	create,
	delete: del,
	exportConfiguration,
	getAll,
	importConfiguration,
};

export const description: INodeProperties[] = [
	{
		displayName:
			"Create, Delete and Get Many use the /projects endpoints, which are not in Contentstack's public docs or OpenAPI spec (the official CLI and SDK use them), so they may change; they need the Organization UID in the credential. Export and Import Configuration work on the credential's project through the documented endpoints.",
		name: 'projectNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { resource: ['project'] } },
	},
	...resourceProperties(
		'project',
		operations,
		[
			{
				name: 'Create',
				value: 'create',
				description: 'Create a Personalize project (undocumented endpoint)',
				action: 'Create a project',
			},
			{
				name: 'Delete',
				value: 'delete',
				description: 'Delete a project and everything in it (undocumented endpoint)',
				action: 'Delete a project',
			},
			{
				name: 'Export Configuration',
				value: 'exportConfiguration',
				description:
					"Snapshot the credential's project: attributes, events, audiences, experiences with their versions, and priority",
				action: "Export a project's configuration",
			},
			{
				name: 'Import Configuration',
				value: 'importConfiguration',
				description:
					"Apply a snapshot to the credential's project: create what is missing, update what differs",
				action: "Import a project's configuration",
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description: "List the organization's projects (undocumented endpoint)",
				action: 'Get many projects',
			},
		],
		'getAll',
	),
];

import type { INodeProperties } from 'n8n-workflow';

import type { Operation } from '../../../common/router';
import { resourceProperties } from '../../../common/descriptions';
import * as getManifest from './getManifest';
import * as mergeUsers from './mergeUsers';
import * as setAttributes from './setAttributes';
import * as trackEvents from './trackEvents';

/**
 * Operation value → implementation. A new operation is its own file, a line here and an entry in the
 * Operation options below.
 */
export const operations: Record<string, Operation> = {
	getManifest,
	mergeUsers,
	setAttributes,
	trackEvents,
};

export const description: INodeProperties[] = [
	{
		displayName:
			"The Visitor resource calls the public Edge API of the credential's region and project: it sends no token, only the project UID.",
		name: 'visitorNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { resource: ['visitor'] } },
	},
	...resourceProperties(
		'visitor',
		operations,
		[
			{
				name: 'Get Manifest',
				value: 'getManifest',
				description: 'Get the variants a visitor gets',
				action: "Get a visitor's manifest",
			},
			{
				name: 'Merge Users',
				value: 'mergeUsers',
				description: "Merge one visitor's attributes into another",
				action: 'Merge two visitors',
			},
			{
				name: 'Set Attributes',
				value: 'setAttributes',
				description: 'Set attributes of a visitor',
				action: "Set a visitor's attributes",
			},
			{
				name: 'Track Events',
				value: 'trackEvents',
				description: 'Record impressions and conversion events, several per request',
				action: "Track a visitor's impressions and events",
			},
		],
		'getManifest',
	),
];

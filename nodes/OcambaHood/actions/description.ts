import type { INodeProperties } from 'n8n-workflow';

import { requestOptionsCollection, resourceField } from '../../common/descriptions';
import type { ResourceOperations } from '../../common/router';
import { ocambaHoodProfile } from '../transport';
import * as campaign from './campaign';
import * as profile from './profile';
import * as profileList from './profileList';
import * as profileProperty from './profileProperty';
import * as segment from './segment';

export const resources: ResourceOperations = {
	campaign: campaign.operations,
	profile: profile.operations,
	profileList: profileList.operations,
	profileProperty: profileProperty.operations,
	segment: segment.operations,
};

export const properties: INodeProperties[] = [
	resourceField(
		[
			{ name: 'Campaign', value: 'campaign' },
			{ name: 'Profile', value: 'profile' },
			{ name: 'Profile List', value: 'profileList' },
			{ name: 'Profile Property', value: 'profileProperty' },
			{ name: 'Segment', value: 'segment' },
		],
		'profile',
	),
	...profileProperty.description,
	...profile.description,
	...profileList.description,
	...segment.description,
	...campaign.description,
	requestOptionsCollection(
		ocambaHoodProfile.defaultRequestsPerSecond,
		'Ocamba Hood allows 150 requests per minute (2.5 per second) and 10 per second in bursts per account; the node also waits when the X-RateLimit headers say the window is used up.',
	),
];

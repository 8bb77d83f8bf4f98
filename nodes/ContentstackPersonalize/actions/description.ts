import type { INodeProperties } from 'n8n-workflow';

import { requestOptionsCollection, resourceField } from '../../common/descriptions';
import type { ResourceOperations } from '../../common/router';
import { DEFAULT_REQUESTS_PER_SECOND } from '../transport';
import { authenticationField } from './shared/authentication';
import * as analytics from './analytics';
import * as attribute from './attribute';
import * as audience from './audience';
import * as event from './event';
import * as experience from './experience';
import * as experiencePriority from './experiencePriority';
import * as experienceVersion from './experienceVersion';
import * as geolocation from './geolocation';
import * as project from './project';
import * as visitor from './visitor';

/** Resource value → its operations (values are a public contract: they are stored in workflows). */
export const resources: ResourceOperations = {
	analytics: analytics.operations,
	attribute: attribute.operations,
	audience: audience.operations,
	event: event.operations,
	experience: experience.operations,
	experiencePriority: experiencePriority.operations,
	experienceVersion: experienceVersion.operations,
	geolocation: geolocation.operations,
	project: project.operations,
	visitor: visitor.operations,
};

export const properties: INodeProperties[] = [
	authenticationField,
	resourceField(
		[
			{ name: 'Analytics', value: 'analytics' },
			{ name: 'Attribute', value: 'attribute' },
			{ name: 'Audience', value: 'audience' },
			{ name: 'Event', value: 'event' },
			{ name: 'Experience', value: 'experience' },
			{ name: 'Experience Priority', value: 'experiencePriority' },
			{ name: 'Experience Version', value: 'experienceVersion' },
			{ name: 'Geolocation', value: 'geolocation' },
			{ name: 'Project', value: 'project' },
			{ name: 'Visitor (Edge API)', value: 'visitor' },
		],
		'experience',
	),
	...analytics.description,
	...attribute.description,
	...audience.description,
	...event.description,
	...experience.description,
	...experiencePriority.description,
	...experienceVersion.description,
	...geolocation.description,
	...project.description,
	...visitor.description,
	requestOptionsCollection(
		DEFAULT_REQUESTS_PER_SECOND,
		'Personalize allows 10 per second per organization, counting reads and writes apart; each class is paced on its own.',
	),
];

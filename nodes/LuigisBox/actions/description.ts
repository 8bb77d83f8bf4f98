import type { INodeProperties } from 'n8n-workflow';

import { requestOptionsCollection, resourceField } from '../../common/descriptions';
import type { ResourceOperations } from '../../common/router';
import { luigisBoxProfile } from '../transport';
import * as customization from './customization';

export const resources: ResourceOperations = { customization: customization.operations };

export const properties: INodeProperties[] = [
	resourceField([{ name: 'Customization', value: 'customization' }], 'customization'),
	...customization.description,
	requestOptionsCollection(
		luigisBoxProfile.defaultRequestsPerSecond,
		"Luigi's Box throttles but publishes no figure.",
		'learned',
	),
];

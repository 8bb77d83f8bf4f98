import type { ResourceSpec } from '../../../common/resource';
import { organizationApi } from '../shared/api';

/** The organization's projects (undocumented endpoints: POST/GET /projects, DELETE /projects/{uid}). */
export const project: ResourceSpec = {
	api: organizationApi,
	resource: 'project',
	noun: 'project',
	plural: 'projects',
	path: '/projects',
	idKey: 'uid',
	update: { method: 'PUT' },
};

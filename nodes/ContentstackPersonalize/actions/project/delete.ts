import type { IExecuteFunctions } from 'n8n-workflow';

import { managementRequest } from '../../transport';
import { showFor, textField } from '../shared/describe';
import { readUid } from '../shared/locators';

export const description = [
	textField('projectId', 'Project UID', 'The project to delete, with everything in it', {
		required: true,
		placeholder: '65a1b2c3d4e5f60718293a4b',
		displayOptions: { show: showFor('project', 'delete') },
	}),
];

/** DELETE /projects/{uid} (undocumented; the official SDK's tests use it). */
export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const uid = readUid(this, 'projectId', itemIndex, 'a project UID');
	await managementRequest(this, {
		method: 'DELETE',
		path: `/projects/${uid}`,
		scope: 'organization',
		itemIndex,
	});
	return { success: true, uid };
}

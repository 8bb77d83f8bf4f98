import type { IExecuteFunctions } from 'n8n-workflow';

import { showFor, textField } from '../../../common/descriptions';
import { readId } from '../../../common/locator';
import { deleteObject } from '../../../common/resource';
import { LABELS, objectId } from '../../schemas';
import { project } from './resource';

export const description = [
	textField('projectId', 'Project UID', 'The project to delete, with everything in it', {
		required: true,
		placeholder: 'e.g. 65a1b2c3d4e5f60718293a4b',
		displayOptions: { show: showFor('project', 'delete') },
	}),
];

/** DELETE /projects/{uid} (undocumented; the official SDK's tests use it). */
export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const uid = readId(this, itemIndex, 'projectId', objectId('a project UID'), LABELS.projectId);
	return await deleteObject(this, itemIndex, project, uid);
}

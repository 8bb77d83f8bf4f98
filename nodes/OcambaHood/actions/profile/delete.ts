import type { IExecuteFunctions } from 'n8n-workflow';

import { deleteObject } from '../../../common/resource';
import { profileIdField, readProfileId, RESOURCE } from './fields';

export const description = [profileIdField(['delete'])];

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	// Deleting is idempotent on Ocamba's side: a deleted profile can no longer be engaged.
	return await deleteObject(this, itemIndex, RESOURCE, readProfileId(this, itemIndex));
}

import type { IExecuteFunctions } from 'n8n-workflow';

import { deleteAt } from '../shared/crud';
import { readId } from '../shared/ids';
import { PATH, profileIdField } from './fields';

export const description = [profileIdField(['delete'])];

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	// Deleting is idempotent on Ocamba's side: a deleted profile can no longer be engaged.
	return await deleteAt(this, itemIndex, PATH, readId(this, itemIndex, 'profileId', 'Profile ID'));
}

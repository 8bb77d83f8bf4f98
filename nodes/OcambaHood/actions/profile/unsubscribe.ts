import type { IExecuteFunctions } from 'n8n-workflow';

import { actionAt } from '../shared/crud';
import { readId } from '../shared/ids';
import { PATH, profileIdField } from './fields';

export const description = [profileIdField(['unsubscribe'])];

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const id = readId(this, itemIndex, 'profileId', 'Profile ID');
	// Unsubscribing twice leaves the profile unsubscribed, so a dropped answer may be retried.
	await actionAt(this, itemIndex, `${PATH}/${id}/unsubscribe`, undefined, true);
	return { success: true, id, unsubscribed: true };
}

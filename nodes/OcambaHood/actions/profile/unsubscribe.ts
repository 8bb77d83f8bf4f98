import type { IExecuteFunctions } from 'n8n-workflow';

import { objectAction } from '../../../common/resource';
import { profileIdField, readProfileId, RESOURCE } from './fields';

export const description = [profileIdField(['unsubscribe'])];

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const id = readProfileId(this, itemIndex);
	// Unsubscribing twice leaves the profile unsubscribed, so a dropped answer may be retried.
	await objectAction(this, itemIndex, RESOURCE, id, 'unsubscribe', { idempotent: true });
	return { success: true, id, unsubscribed: true };
}

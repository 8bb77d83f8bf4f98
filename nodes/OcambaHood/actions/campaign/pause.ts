import type { IExecuteFunctions } from 'n8n-workflow';

import { showFor } from '../../../common/descriptions';
import { locatorField, readLocator } from '../../../common/locator';
import { objectAction } from '../../../common/resource';
import { LOCATOR, reasonField, RESOURCE } from './fields';

export const description = [
	locatorField(LOCATOR, showFor('campaign', 'pause')),
	reasonField('pause', 'Why it is paused; kept with the campaign'),
];

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const id = readLocator(this, LOCATOR, itemIndex);
	const reason = String(this.getNodeParameter('reason', itemIndex, '') ?? '').trim();
	await objectAction(this, itemIndex, RESOURCE, id, 'pause', {
		body: reason ? { reason } : {},
		idempotent: false,
	});
	return { success: true, id, status: 'paused' };
}

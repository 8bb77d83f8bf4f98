import type { IExecuteFunctions } from 'n8n-workflow';

import { actionAt } from '../shared/crud';
import { CAMPAIGN, idLocator, readLocatorId } from '../shared/ids';
import { PATH, reasonField } from './fields';

export const description = [
	idLocator(CAMPAIGN, 'campaign', ['cancel']),
	reasonField('cancel', 'Why it is canceled; kept with the campaign'),
];

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const id = readLocatorId(this, itemIndex, CAMPAIGN);
	const reason = String(this.getNodeParameter('reason', itemIndex, '') ?? '').trim();
	// Permanent, and a second cancel fails: not repeated after a dropped answer.
	await actionAt(this, itemIndex, `${PATH}/${id}/cancel`, reason ? { reason } : {}, false);
	return { success: true, id, status: 'canceled' };
}

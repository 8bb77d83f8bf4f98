import type { IExecuteFunctions } from 'n8n-workflow';

import { actionAt } from '../shared/crud';
import { CAMPAIGN, idLocator, readLocatorId } from '../shared/ids';
import { PATH, reasonField } from './fields';

export const description = [
	idLocator(CAMPAIGN, 'campaign', ['pause']),
	reasonField('pause', 'Why it is paused; kept with the campaign'),
];

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const id = readLocatorId(this, itemIndex, CAMPAIGN);
	const reason = String(this.getNodeParameter('reason', itemIndex, '') ?? '').trim();
	await actionAt(this, itemIndex, `${PATH}/${id}/pause`, reason ? { reason } : {}, false);
	return { success: true, id, status: 'paused' };
}

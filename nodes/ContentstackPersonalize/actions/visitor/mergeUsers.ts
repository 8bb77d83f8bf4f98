import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { validateInput } from '../../../common/validation';
import { LABELS, mergeSchema } from '../../schemas';
import { personalizeRequest } from '../../transport';
import { showFor, textField } from '../../../common/descriptions';

const show = showFor('visitor', 'mergeUsers');

export const description: INodeProperties[] = [
	textField(
		'sourceUserUid',
		'Source User UID',
		'The visitor merged away, e.g. the anonymous UID before a login',
		{ required: true, displayOptions: { show } },
	),
	textField(
		'targetUserUid',
		'Target User UID',
		"The visitor that keeps the merged attributes, e.g. the known user's UID",
		{ required: true, displayOptions: { show } },
	),
];

/** POST /user-attributes/actions/merge (Edge API): { sourceUserUid, targetUserUid }. */
export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const body = validateInput(
		this.getNode(),
		mergeSchema,
		{
			sourceUserUid: this.getNodeParameter('sourceUserUid', itemIndex, ''),
			targetUserUid: this.getNodeParameter('targetUserUid', itemIndex, ''),
		},
		itemIndex,
		LABELS,
	);
	await personalizeRequest(this, {
		method: 'POST',
		path: '/user-attributes/actions/merge',
		edge: true,
		body,
		itemIndex,
	});
	return { success: true, ...body };
}

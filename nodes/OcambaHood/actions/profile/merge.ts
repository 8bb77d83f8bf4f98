import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { invalidInput } from '../../../common/validation';
import { objectAction } from '../../../common/resource';
import { idField } from '../shared/ids';
import { profileIdField, readProfileId, RESOURCE } from './fields';

export const description: INodeProperties[] = [
	profileIdField(
		['merge'],
		'The profile that is kept (the target). Only its empty fields are filled from the source.',
	),
	idField(
		'sourceProfileId',
		'Source Profile ID',
		'profile',
		['merge'],
		'The profile merged into the target; it is marked deleted afterwards',
	),
];

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const id = readProfileId(this, itemIndex);
	const sourceId = readProfileId(this, itemIndex, 'sourceProfileId', 'Source Profile ID');
	if (sourceId === id)
		throw invalidInput(
			this.getNode(),
			'Source Profile ID',
			itemIndex,
			'must differ from the target Profile ID',
		);
	// Not repeated after a dropped answer: the source is gone once a merge went through.
	await objectAction(this, itemIndex, RESOURCE, id, `merge/${sourceId}`, { idempotent: false });
	return { success: true, id, mergedProfileId: sourceId };
}

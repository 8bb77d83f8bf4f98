import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { invalidInput } from '../../../common/validation';
import { actionAt } from '../shared/crud';
import { idField, readId } from '../shared/ids';
import { PATH, profileIdField } from './fields';

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
	const id = readId(this, itemIndex, 'profileId', 'Profile ID');
	const sourceId = readId(this, itemIndex, 'sourceProfileId', 'Source Profile ID');
	if (sourceId === id)
		throw invalidInput(
			this.getNode(),
			'Source Profile ID',
			itemIndex,
			'must differ from the target Profile ID',
		);
	// Not repeated after a dropped answer: the source is gone once a merge went through.
	await actionAt(this, itemIndex, `${PATH}/${id}/merge/${sourceId}`, undefined, false);
	return { success: true, id, mergedProfileId: sourceId };
}

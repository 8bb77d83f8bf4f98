import type { IExecuteFunctions } from 'n8n-workflow';

import { changeStatus, experienceField, versionIdField } from './versions';

export const description = [
	experienceField('pause'),
	versionIdField(
		['pause'],
		"Leave empty to pause the experience's active version. A paused version can be activated again, not made a draft.",
	),
];

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	return await changeStatus(this, itemIndex, 'PAUSED');
}

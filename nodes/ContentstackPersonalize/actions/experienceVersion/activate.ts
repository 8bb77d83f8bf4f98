import type { IExecuteFunctions } from 'n8n-workflow';

import { changeStatus, experienceField, versionIdField } from './versions';

export const description = [
	experienceField('activate'),
	versionIdField(
		['activate'],
		"Leave empty to activate the experience's draft. The version active before is archived.",
	),
];

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	return await changeStatus(this, itemIndex, 'ACTIVE');
}

import type { IExecuteFunctions } from 'n8n-workflow';

import { luigisBoxRequest } from '../../transport';
import { customizationIdField, readCustomizationId } from './customizationId';

export const description = [customizationIdField(['delete'])];

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const id = readCustomizationId(this, itemIndex);
	await luigisBoxRequest(this, { method: 'DELETE', path: `scope/${id}`, itemIndex });
	return { success: true, id };
}

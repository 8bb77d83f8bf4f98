import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { luigisBoxRequest } from '../../transport';
import { customizationIdField, readCustomizationId } from './customizationId';

export const description = [customizationIdField(['get'])];

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const id = readCustomizationId(this, itemIndex);
	return await luigisBoxRequest<IDataObject>(this, {
		method: 'GET',
		path: `scope/${id}`,
		itemIndex,
	});
}

import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { luigisBoxRequest } from '../../transport';

export const description: INodeProperties[] = [];

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	return await luigisBoxRequest<IDataObject>(this, { method: 'GET', path: 'summary', itemIndex });
}

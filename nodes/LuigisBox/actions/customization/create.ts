import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { luigisBoxRequest } from '../../transport';
import { readCustomization } from './fields';

/** The customization's own fields live in fields.ts, shared with update and createMany. */
export const description: INodeProperties[] = [];

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const customization = readCustomization(this, itemIndex);
	// A create is not repeated after an ambiguous failure: it could create the customization twice.
	return await luigisBoxRequest<IDataObject>(this, {
		method: 'POST',
		path: 'scope',
		body: customization as IDataObject,
		itemIndex,
	});
}

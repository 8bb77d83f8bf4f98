import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { luigisBoxRequest } from '../../transport';
import { customizationIdField, readCustomizationId } from './customizationId';
import { readCustomization } from './fields';

/** Full replace: the fields shared with create (fields.ts) describe the new customization. */
export const description = [customizationIdField(['update'])];

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const id = readCustomizationId(this, itemIndex);
	const customization = readCustomization(this, itemIndex);
	await luigisBoxRequest(this, {
		method: 'PUT',
		path: `scope/${id}`,
		body: customization as IDataObject,
		itemIndex,
	});
	// The API answers 204 without a body; the replaced state is what was sent.
	return { id, ...customization } as IDataObject;
}

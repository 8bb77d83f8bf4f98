import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { showFor } from '../../../common/descriptions';
import { locatorField, readLocator } from '../../../common/locator';
import { updateObject } from '../../../common/resource';
import { customizationSchema } from '../../schemas';
import { readCustomization } from './fields';
import { CUSTOMIZATION, CUSTOMIZATION_LOCATOR } from './resource';

/** Full replace: the fields shared with create (fields.ts) describe the new customization. */
export const description = [
	locatorField(CUSTOMIZATION_LOCATOR, showFor('customization', 'update')),
];

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const id = readLocator(this, CUSTOMIZATION_LOCATOR, itemIndex);
	const customization = readCustomization(this, itemIndex) as IDataObject;
	// The API answers 204 without a body; the output is then the replaced state, as sent.
	return await updateObject(this, itemIndex, CUSTOMIZATION, id, customizationSchema, customization);
}

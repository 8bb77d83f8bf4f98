import type { IExecuteFunctions } from 'n8n-workflow';

import { showFor } from '../../../common/descriptions';
import { locatorField, readLocator } from '../../../common/locator';
import { deleteObject } from '../../../common/resource';
import { changeProperty, LOCATOR, RESOURCE } from './fields';

export const description = [locatorField(LOCATOR, showFor('profileProperty', 'delete'))];

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const id = readLocator(this, LOCATOR, itemIndex);
	// Inferred path: Ocamba documents no DELETE /profile-properties/{id}.
	return await changeProperty(this, itemIndex, id, deleteObject(this, itemIndex, RESOURCE, id));
}

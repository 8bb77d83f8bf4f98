import type { IExecuteFunctions } from 'n8n-workflow';

import { deleteAt } from '../shared/crud';
import { idLocator, PROPERTY, readLocatorId } from '../shared/ids';
import { changeProperty, PATH } from './fields';

export const description = [idLocator(PROPERTY, 'profileProperty', ['delete'])];

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const id = readLocatorId(this, itemIndex, PROPERTY);
	// Inferred path: Ocamba documents no DELETE /profile-properties/{id}.
	return await changeProperty(this, itemIndex, id, deleteAt(this, itemIndex, PATH, id));
}

import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { propertyUpdateSchema } from '../../schemas';
import { updateAt } from '../shared/crud';
import { toApiFields } from '../shared/fields';
import { idLocator, PROPERTY, readLocatorId } from '../shared/ids';
import { changeProperty, PATH, PROPERTY_FIELDS, propertyFieldOptions } from './fields';

export const description: INodeProperties[] = [
	idLocator(PROPERTY, 'profileProperty', ['update']),
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		displayOptions: { show: { resource: ['profileProperty'], operation: ['update'] } },
		default: {},
		description: 'Only the fields added here are sent; label and data type cannot change',
		options: propertyFieldOptions,
	},
];

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const id = readLocatorId(this, itemIndex, PROPERTY);
	const fields = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
	const changes = toApiFields(this, itemIndex, fields, PROPERTY_FIELDS, { keepEmpty: true });
	return await changeProperty(
		this,
		itemIndex,
		id,
		updateAt(this, itemIndex, PATH, id, propertyUpdateSchema, changes),
	);
}

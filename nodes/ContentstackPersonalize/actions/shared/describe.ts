import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

export interface OperationOption {
	name: string;
	value: string;
	description: string;
	action: string;
}

/** The "Operation" selector of one resource, options sorted by name. */
export function operationField(
	resource: string,
	options: OperationOption[],
	defaultValue: string,
): INodeProperties {
	return {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: [resource] } },
		options: [...options].sort((a, b) => a.name.localeCompare(b.name)),
		default: defaultValue,
	};
}

export const showFor = (resource: string, ...operations: string[]) => ({
	resource: [resource],
	operation: operations,
});

/** A text parameter of a create (required) or an entry of an update's collection. */
export function textField(
	name: string,
	displayName: string,
	description: string,
	extra: Partial<INodeProperties> = {},
): INodeProperties {
	return { displayName, name, type: 'string', default: '', description, ...extra };
}

/** The "Update Fields" collection: every field optional, only the given ones change. */
export function updateFieldsCollection(
	show: Record<string, string[]>,
	options: INodeProperties[],
): INodeProperties {
	return {
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		displayOptions: { show },
		default: {},
		options: [...options].sort((a, b) => a.displayName.localeCompare(b.displayName)),
	};
}

/** The "Additional Fields" collection of a create. */
export function additionalFieldsCollection(
	show: Record<string, string[]>,
	options: INodeProperties[],
): INodeProperties {
	return {
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		displayOptions: { show },
		default: {},
		options: [...options].sort((a, b) => a.displayName.localeCompare(b.displayName)),
	};
}

export function collectionOf(
	context: IExecuteFunctions,
	name: string,
	itemIndex: number,
): IDataObject {
	return (context.getNodeParameter(name, itemIndex, {}) as IDataObject) ?? {};
}

/** A resource's parameters: its operation selector, then every operation's own parameters. */
export function resourceProperties(
	resource: string,
	operations: Record<string, { description: INodeProperties[] }>,
	options: OperationOption[],
	defaultValue: string,
): INodeProperties[] {
	return [
		operationField(resource, options, defaultValue),
		...Object.values(operations).flatMap((operation) => operation.description),
	];
}

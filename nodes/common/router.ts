import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { ItemResult } from './execution';
import { runPerItem } from './execution';

/**
 * One operation: its parameters plus how it runs. Most operations run once per input item
 * (`execute`); operations that send many items in one request take the whole input (`executeAll`).
 */
export interface Operation {
	description: INodeProperties[];
	execute?: (this: IExecuteFunctions, itemIndex: number) => Promise<ItemResult>;
	executeAll?: (this: IExecuteFunctions) => Promise<INodeExecutionData[]>;
}

export type ResourceOperations = Record<string, Record<string, Operation>>;

export async function routeOperation(
	context: IExecuteFunctions,
	resources: ResourceOperations,
): Promise<INodeExecutionData[][]> {
	const resource = context.getNodeParameter('resource', 0) as string;
	const operationName = context.getNodeParameter('operation', 0) as string;
	const operation = resources[resource]?.[operationName];
	if (!operation) {
		throw new NodeOperationError(
			context.getNode(),
			`The operation "${operationName}" is not supported for resource "${resource}"`,
		);
	}
	if (operation.executeAll) return [await operation.executeAll.call(context)];
	const execute = operation.execute as NonNullable<Operation['execute']>;
	return [await runPerItem(context, async (itemIndex) => await execute.call(context, itemIndex))];
}

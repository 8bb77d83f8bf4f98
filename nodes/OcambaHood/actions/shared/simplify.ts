import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { ItemResult } from '../../../common/execution';
import type { Operation } from '../../../common/router';
import { invalidInput } from '../../../common/validation';

/**
 * Simplify came with node version 2. A stored workflow keeps the version it was made with, so its
 * version 1 node returns the whole objects as before; nodes added from now on are version 2, where
 * Simplify is shown and on by default (n8n's way of changing a default without changing what
 * shipped workflows output).
 */
export const SIMPLIFY_SINCE = 2;

/** The "Simplify" switch of one operation, shown from version 2 on. */
export function simplifyParameter(
	resource: string,
	operation: string,
	noun: string,
	keeps: readonly string[],
): INodeProperties {
	return {
		displayName: 'Simplify',
		name: 'simplify',
		type: 'boolean',
		default: true,
		displayOptions: {
			show: {
				resource: [resource],
				operation: [operation],
				'@version': [{ _cnd: { gte: SIMPLIFY_SINCE } }],
			},
		},
		description: `Whether to return only the main fields of each ${noun} (${keeps.join(', ')}) instead of the whole object`,
	};
}

/** Whether this item's output is simplified: version 2 nodes with Simplify on. */
export function simplifies(context: IExecuteFunctions, itemIndex: number): boolean {
	if (context.getNode().typeVersion < SIMPLIFY_SINCE) return false;
	const simplify = context.getNodeParameter('simplify', itemIndex, true);
	if (typeof simplify !== 'boolean')
		throw invalidInput(context.getNode(), 'Simplify', itemIndex, 'must be true or false');
	return simplify;
}

const keepOnly = (entry: IDataObject, keeps: readonly string[]): IDataObject =>
	Object.fromEntries(keeps.filter((key) => key in entry).map((key) => [key, entry[key]]));

/** An operation with a Simplify switch after its parameters, applied to what it returns. */
export function withSimplify(
	operation: Operation,
	resource: string,
	name: string,
	noun: string,
	keeps: readonly string[],
): Operation {
	const execute = operation.execute as NonNullable<Operation['execute']>;
	return {
		description: [...operation.description, simplifyParameter(resource, name, noun, keeps)],
		async execute(this: IExecuteFunctions, itemIndex: number): Promise<ItemResult> {
			// Read (and checked) before the request, like every other parameter.
			const simplify = simplifies(this, itemIndex);
			const result = await execute.call(this, itemIndex);
			if (result === undefined || !simplify) return result;
			return Array.isArray(result)
				? result.map((entry) => keepOnly(entry, keeps))
				: keepOnly(result, keeps);
		},
	};
}

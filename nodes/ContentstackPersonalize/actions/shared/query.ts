import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { ListQuerySyntax } from '../../../common/list';
import { refuseUnsafeKeys } from '../../../common/validation';

/** Free query parameters, for endpoints whose parameter names the docs do not give. */
export function queryParametersField(
	show: Record<string, string[]>,
	description: string,
): INodeProperties {
	return {
		displayName: 'Query Parameters',
		name: 'query',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		displayOptions: { show },
		default: {},
		placeholder: 'Add Parameter',
		description,
		options: [
			{
				displayName: 'Parameter',
				name: 'parameter',
				values: [
					{ displayName: 'Name', name: 'name', type: 'string', default: '' },
					{ displayName: 'Value', name: 'value', type: 'string', default: '' },
				],
			},
		],
	};
}

export function readQueryParameters(context: IExecuteFunctions, itemIndex: number): IDataObject {
	const entries =
		(context.getNodeParameter('query.parameter', itemIndex, []) as IDataObject[]) ?? [];
	const query = Object.fromEntries(
		entries
			.filter((entry) => String(entry.name ?? '').trim())
			.map((entry) => [String(entry.name).trim(), entry.value]),
	);
	return refuseUnsafeKeys(context.getNode(), query, 'Query Parameters', itemIndex);
}

/** A Get Many whose only query is free parameters, sent as given. */
export function freeQuery(description: string): ListQuerySyntax {
	return {
		describe: (show) => [queryParametersField(show, description)],
		read: (context, itemIndex) => ({ qs: readQueryParameters(context, itemIndex) }),
	};
}

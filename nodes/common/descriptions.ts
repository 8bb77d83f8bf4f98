import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { wholeNumber } from './validation';

/** The standard "Return All" + "Limit" pair, shown for the given operation. */
export function returnAllOrLimit(
	show: Record<string, string[]>,
	maxLimit?: number,
): INodeProperties[] {
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			displayOptions: { show },
			default: false,
			description: 'Whether to return all results or only up to a given limit',
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			displayOptions: { show: { ...show, returnAll: [false] } },
			typeOptions: { minValue: 1, ...(maxLimit ? { maxValue: maxLimit } : {}) },
			default: 50,
			description: 'Max number of results to return',
		},
	];
}

/**
 * Reads the Return All / Limit pair of `returnAllOrLimit`. A limit that is not a whole number of at
 * least 1 (it can arrive through an expression) is refused before anything is sent. `limit` is
 * Infinity under Return All.
 */
export function readReturnAllOrLimit(
	context: IExecuteFunctions,
	itemIndex: number,
	maxLimit?: number,
): { returnAll: boolean; limit: number } {
	const returnAll = context.getNodeParameter('returnAll', itemIndex, false) as boolean;
	if (returnAll) return { returnAll, limit: Number.POSITIVE_INFINITY };
	const limit = wholeNumber(
		context.getNode(),
		context.getNodeParameter('limit', itemIndex, 50),
		'Limit',
		itemIndex,
		{
			max: maxLimit,
		},
	);
	return { returnAll, limit };
}

/** Pacing, retry and timeout settings every operation of a service offers. */
/**
 * The Request Options every action node has. `pace` says how the node paces without "Max Requests per
 * Second": `learned` where the vendor publishes no limit (the rate is learned from 429s), `documented`
 * where it does (then "Workers Sharing This Credential" divides that limit among n8n processes).
 */
export function requestOptionsCollection(
	defaultRequestsPerSecond: number,
	rateHint: string,
	pace: 'learned' | 'documented' = 'documented',
): INodeProperties {
	const withoutIt =
		pace === 'learned'
			? 'Without this option the node starts unpaced and learns the pace from 429 answers, per credential; set it to pace at a fixed rate.'
			: 'Without this option the node paces to the documented limit.';
	return {
		displayName: 'Request Options',
		name: 'requestOptions',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [
			{
				displayName: 'Max Requests per Second',
				name: 'requestsPerSecond',
				type: 'number',
				typeOptions: { minValue: 0, numberPrecision: 2 },
				default: defaultRequestsPerSecond,
				description: `Requests are spaced so that a long run stays under the rate limit instead of being answered 429. ${rateHint} ${withoutIt} 0 turns pacing off.`,
			},
			{
				displayName: 'Max Retries',
				name: 'maxRetries',
				type: 'number',
				typeOptions: { minValue: 0, maxValue: 10 },
				default: 4,
				description:
					'How often a request is repeated after a 429 or 503 (waiting as the service asks), or after a 5xx or dropped connection when repeating it is safe. A create that failed ambiguously is never sent twice.',
			},
			{
				displayName: 'Timeout (Ms)',
				name: 'timeout',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 60000,
				description: 'How long to wait for an answer before the request counts as failed',
			},
			{
				displayName: 'Max Requests in Flight',
				name: 'maxInFlight',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 10 },
				default: 1,
				description:
					'For operations that send many items in batches: how many batches may be on their way at once, still paced. Batches may then be applied out of order, so keep changes to the same object in one batch.',
			},
			...(pace === 'documented'
				? [
						{
							displayName: 'Workers Sharing This Credential',
							name: 'workersSharingCredential',
							type: 'number' as const,
							typeOptions: { minValue: 1, maxValue: 1000 },
							default: 1,
							description:
								'In queue mode every n8n worker paces on its own: set how many workers run this credential at once, and each keeps to its share of the documented limit. A Max Requests per Second set above is used as it is.',
						},
					]
				: []),
		],
	};
}

/** The usual "Define …: Using Fields Below / Using JSON" choice in front of a group of parameters. */
export function fieldsOrJsonSelector(
	displayName: string,
	name: string,
	show: Record<string, string[]>,
): INodeProperties {
	return {
		displayName,
		name,
		type: 'options',
		displayOptions: { show },
		options: [
			{ name: 'Using Fields Below', value: 'fields' },
			{ name: 'Using JSON', value: 'json' },
		],
		default: 'fields',
	};
}

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

/** A collection of optional parameters, sorted by the name shown. */
const optionalCollection =
	(displayName: string, name: string, placeholder: string) =>
	(show: Record<string, string[]>, options: INodeProperties[]): INodeProperties => ({
		displayName,
		name,
		type: 'collection',
		placeholder,
		displayOptions: { show },
		default: {},
		options: [...options].sort((a, b) => a.displayName.localeCompare(b.displayName)),
	});

/** The "Update Fields" collection: every field optional, only the given ones change. */
export const updateFieldsCollection = optionalCollection(
	'Update Fields',
	'updateFields',
	'Add Field',
);

/** The "Additional Fields" collection of a create. */
export const additionalFieldsCollection = optionalCollection(
	'Additional Fields',
	'additionalFields',
	'Add Field',
);

/** The "Filters" collection of a Get Many: every filter optional, applied only when given. */
export const filtersCollection = optionalCollection('Filters', 'filters', 'Add Filter');

/** An "Options" collection (or another name, for a stored parameter), options sorted by name. */
export function optionsCollection(
	show: Record<string, string[]>,
	options: INodeProperties[],
	name = 'options',
): INodeProperties {
	const collection = additionalFieldsCollection(show, options);
	return { ...collection, displayName: 'Options', name, placeholder: 'Add option' };
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

/** The node's "Resource" selector, options sorted by name. */
export function resourceField(
	options: Array<{ name: string; value: string }>,
	defaultValue: string,
): INodeProperties {
	return {
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: [...options].sort((a, b) => a.name.localeCompare(b.name)),
		default: defaultValue,
	};
}

/**
 * The "Dry Run (Send Nothing)" option of operations that write many objects: everything is
 * validated and read as for a real run, and the output shows what would be sent.
 */
export const dryRunOption: INodeProperties = {
	displayName: 'Dry Run (Send Nothing)',
	name: 'dryRun',
	type: 'boolean',
	default: false,
	description:
		'Whether to only read and validate, and output the planned action and requests per object without sending any change',
};

/** `dryRunOption` as a parameter of its own, shown for the given operations. */
export function dryRunField(show: Record<string, string[]>): INodeProperties {
	return { ...dryRunOption, displayOptions: { show } };
}

export function readDryRun(context: IExecuteFunctions, itemIndex = 0): boolean {
	return context.getNodeParameter('dryRun', itemIndex, false) === true;
}

import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import { validateInput } from '../../../common/validation';
import { idSchema } from '../../schemas';

/** One kind of Ocamba object picked by a resource locator: from a searchable list or by ID. */
export interface LocatorSpec {
	/** Parameter name, e.g. `propertyId`: part of the stored workflow, never renamed. */
	name: string;
	/** What the object is called, e.g. "Profile Property". */
	displayName: string;
	/** listSearch method filling the list mode. */
	searchListMethod: string;
}

export const PROPERTY: LocatorSpec = {
	name: 'propertyId',
	displayName: 'Profile Property',
	searchListMethod: 'searchProfileProperties',
};
export const PROFILE_LIST: LocatorSpec = {
	name: 'listId',
	displayName: 'Profile List',
	searchListMethod: 'searchProfileLists',
};
export const SEGMENT: LocatorSpec = {
	name: 'segmentId',
	displayName: 'Segment',
	searchListMethod: 'searchSegments',
};
export const CAMPAIGN: LocatorSpec = {
	name: 'campaignId',
	displayName: 'Campaign',
	searchListMethod: 'searchCampaigns',
};

export function idLocator(
	spec: LocatorSpec,
	resource: string,
	operations: string[],
): INodeProperties {
	return {
		displayName: spec.displayName,
		name: spec.name,
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		displayOptions: { show: { resource: [resource], operation: operations } },
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: spec.searchListMethod, searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. 1000105',
				validation: [
					{
						type: 'regex',
						properties: {
							regex: '^\\s*\\d{1,24}\\s*$',
							errorMessage: 'Not an Ocamba ID (digits only)',
						},
					},
				],
			},
		],
	};
}

/** A plain ID parameter, for objects without a list to pick from (profiles). */
export function idField(
	name: string,
	displayName: string,
	resource: string,
	operations: string[],
	description: string,
): INodeProperties {
	return {
		displayName,
		name,
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. 7291748362918273645',
		displayOptions: { show: { resource: [resource], operation: operations } },
		description,
	};
}

/** Reads an ID (locator or plain) and checks it is digits only, so it can never change the request path. */
export function readId(
	context: IExecuteFunctions,
	itemIndex: number,
	name: string,
	label: string,
): string {
	const value = context.getNodeParameter(name, itemIndex, '', { extractValue: true });
	const checked = validateInput(
		context.getNode(),
		z.object({ id: idSchema }),
		{ id: value },
		itemIndex,
		{ id: label },
	);
	return checked.id;
}

export const readLocatorId = (context: IExecuteFunctions, itemIndex: number, spec: LocatorSpec) =>
	readId(context, itemIndex, spec.name, `${spec.displayName} ID`);

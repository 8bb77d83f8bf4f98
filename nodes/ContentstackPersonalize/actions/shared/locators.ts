import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import { validateInput } from '../../../common/validation';
import { anyAudienceId, LABELS, objectId } from '../../schemas';

/** The four resources that have a "from list / by ID" picker, and how each is searched. */
export const LOCATORS = {
	attribute: {
		name: 'attributeId',
		displayName: 'Attribute',
		searchMethod: 'searchAttributes',
		id: objectId('an attribute UID'),
	},
	audience: {
		name: 'audienceId',
		displayName: 'Audience',
		searchMethod: 'searchAudiences',
		id: anyAudienceId,
	},
	event: {
		name: 'eventId',
		displayName: 'Event',
		searchMethod: 'searchEvents',
		id: objectId('an event UID'),
	},
	experience: {
		name: 'experienceId',
		displayName: 'Experience',
		searchMethod: 'searchExperiences',
		id: objectId('an experience UID'),
	},
} as const;

export type LocatedResource = keyof typeof LOCATORS;

const OBJECT_ID_PATTERN = '^\\s*[0-9a-fA-F]{24}\\s*$';
const AUDIENCE_ID_PATTERN = '^\\s*([0-9a-fA-F]{24}|[0-9a-fA-F]{32})\\s*$';

/** A resource locator (From List / By ID) for `target`, shown for these resources and operations. */
export function locatorField(
	target: LocatedResource,
	show: Record<string, string[]>,
): INodeProperties {
	const spec = LOCATORS[target];
	return {
		displayName: spec.displayName,
		name: spec.name,
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		displayOptions: { show },
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: spec.searchMethod, searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: '65a1b2c3d4e5f60718293a4b',
				validation: [
					{
						type: 'regex',
						properties: {
							regex: target === 'audience' ? AUDIENCE_ID_PATTERN : OBJECT_ID_PATTERN,
							errorMessage:
								target === 'audience'
									? 'Not an audience UID (24 hexadecimal characters, 32 for Lytics)'
									: `Not an ${target} UID (24 hexadecimal characters)`,
						},
					},
				],
			},
		],
	};
}

/** The UID an item's locator points at, checked so that it can never change the request path. */
export function readLocator(
	context: IExecuteFunctions,
	target: LocatedResource,
	itemIndex: number,
): string {
	const spec = LOCATORS[target];
	const value = context.getNodeParameter(spec.name, itemIndex, '', { extractValue: true });
	const schema = z.object({ [spec.name]: spec.id });
	return (
		validateInput(context.getNode(), schema, { [spec.name]: value }, itemIndex, LABELS) as Record<
			string,
			string
		>
	)[spec.name];
}

/** A UID typed as text (versions, projects), checked the same way. */
export function readUid(
	context: IExecuteFunctions,
	parameter: string,
	itemIndex: number,
	what: string,
): string {
	const value = context.getNodeParameter(parameter, itemIndex, '');
	const schema = z.object({ [parameter]: objectId(what) });
	return (
		validateInput(context.getNode(), schema, { [parameter]: value }, itemIndex, LABELS) as Record<
			string,
			string
		>
	)[parameter];
}

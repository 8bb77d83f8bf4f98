import type { IExecuteFunctions } from 'n8n-workflow';

import type { ListSpec } from '../../../common/list';
import type { LocatorSpec } from '../../../common/locator';
import type { ResourceSpec, ServiceApi } from '../../../common/resource';
import { anyAudienceId, LABELS, objectId } from '../../schemas';
import type { Scope } from '../../transport';
import { listAt, managementRequest, SERVICE_NAME } from '../../transport';

function managementApi(scope: Scope): ServiceApi {
	return {
		serviceName: SERVICE_NAME,
		request: async (context, request) => await managementRequest(context, { ...request, scope }),
		labels: LABELS,
		notFound: (spec, id) => ({
			message: `No ${spec.noun} with UID ${id} in this project`,
			description: `The ${spec.plural} of the credential's project were listed and none has this UID. Check the UID and the Project UID.`,
		}),
	};
}

/** The Management API for the common resource helpers: calls of the credential's project. */
export const personalizeApi = managementApi('project');
/** Calls of the credential's organization (the undocumented /projects endpoints). */
export const organizationApi = managementApi('organization');

/**
 * Attributes, events, audiences and experiences share one shape: POST to the collection, GET the
 * list, PUT (a full replace, so the stored `resend` fields are sent again) and DELETE at
 * `<path>/<uid>`. Only experiences have a GET by UID; the others are found in the list.
 */
export function managedResource(
	spec: Pick<ResourceSpec, 'resource' | 'noun' | 'plural' | 'path' | 'locator'> & {
		resend: string[];
		getById?: boolean;
	},
): ResourceSpec {
	const { resend, getById, ...rest } = spec;
	return {
		...rest,
		api: personalizeApi,
		idKey: 'uid',
		update: { method: 'PUT', resend },
		listAll: getById
			? undefined
			: async (context: IExecuteFunctions, itemIndex: number) =>
					await listAt(context, spec.path, itemIndex),
	};
}

/**
 * Get Many's fetch: Personalize list endpoints take no paging parameters and answer the whole list
 * as a plain array, so Return All / Limit (and any filter) apply to that answer.
 */
export function wholeList(
	path: string | ((context: IExecuteFunctions, itemIndex: number) => string),
	scope: Scope = 'project',
): ListSpec['fetch'] {
	return async (context, itemIndex, query) =>
		await listAt(
			context,
			typeof path === 'function' ? path(context, itemIndex) : path,
			itemIndex,
			scope,
			Object.keys(query.qs).length ? query.qs : undefined,
		);
}

const PLACEHOLDER = 'e.g. 65a1b2c3d4e5f60718293a4b';

function objectLocator(
	resource: 'attribute' | 'event' | 'experience',
	displayName: string,
	searchListMethod: string,
): LocatorSpec {
	return {
		name: `${resource}Id`,
		displayName,
		searchListMethod,
		placeholder: PLACEHOLDER,
		pattern: '[0-9a-fA-F]{24}',
		patternError: `Not an ${resource} UID (24 hexadecimal characters)`,
		schema: objectId(`an ${resource} UID`),
		label: LABELS[`${resource}Id`],
	};
}

/** The four resources that have a "from list / by ID" picker, and how each is searched. */
export const LOCATORS = {
	attribute: objectLocator('attribute', 'Attribute', 'searchAttributes'),
	audience: {
		name: 'audienceId',
		displayName: 'Audience',
		searchListMethod: 'searchAudiences',
		placeholder: PLACEHOLDER,
		pattern: '[0-9a-fA-F]{24}|[0-9a-fA-F]{32}',
		patternError: 'Not an audience UID (24 hexadecimal characters, 32 for Lytics)',
		schema: anyAudienceId,
		label: LABELS.audienceId,
	},
	event: objectLocator('event', 'Event', 'searchEvents'),
	experience: objectLocator('experience', 'Experience', 'searchExperiences'),
} satisfies Record<string, LocatorSpec>;

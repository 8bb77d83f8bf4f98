import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IExecuteFunctions,
	ILoadOptionsFunctions,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { ApiRequest, ApiResponse, RequestContext, ServiceProfile } from '../common/transport';
import { apiRequest, getCredentialData, readRequestSettings } from '../common/transport';
import { CONTENTSTACK_LOGIN_ERROR_PREFIX, contentstackUrl } from './urls';
import type { ResourceRequest } from '../common/resource';

export const SERVICE_NAME = 'Contentstack Personalize';
export const API_CREDENTIAL = 'contentstackPersonalizeApi';
export const DEVELOPER_HUB_CREDENTIAL = 'contentstackPersonalizeOAuth2Api';
/** The documented limit: 10 requests per second per organization, reads and writes counted apart. */
export const DEFAULT_REQUESTS_PER_SECOND = 10;

/** Values of the node's "Authentication" parameter → credential type. */
const CREDENTIAL_TYPES: Record<string, string> = {
	accessToken: API_CREDENTIAL,
	oAuth2: DEVELOPER_HUB_CREDENTIAL,
};

/** GET (and HEAD) are reads; POST, PUT, PATCH and DELETE writes; the Edge API is paced on its own. */
export function requestClass(
	request: Pick<ApiRequest, 'method' | 'authenticate'>,
): 'read' | 'write' | 'edge' {
	if (request.authenticate === false) return 'edge';
	return ['GET', 'HEAD'].includes(request.method) ? 'read' : 'write';
}

const profiles = new Map<string, ServiceProfile>();

/**
 * What to check when an answer is an error, in Contentstack's terms. A 401 depends on how the token
 * was obtained: refreshed OAuth2 (Developer Hub), a fresh login (renewable API credential) or pasted.
 */
function statusHint(credentialType: string, renewable: boolean) {
	return (statusCode: number, request: ApiRequest): string | undefined => {
		if (requestClass(request) === 'edge')
			return statusCode === 404
				? 'The Edge API does not know this project: check the Project UID and the region.'
				: undefined;
		switch (statusCode) {
			case 401:
				if (credentialType === DEVELOPER_HUB_CREDENTIAL)
					return 'The access token was refused even after n8n refreshed it: reconnect the OAuth2 credential.';
				if (renewable)
					return 'The API refused the authtoken even right after a fresh login: check the region.';
				return 'The token was refused: it may have been logged out (a user holds at most 20 authtokens, older ones end), have expired (OAuth access tokens last about an hour), be a management token (refused by Personalize), or belong to another region.';
			case 403:
				return 'The token may not do this: changes need the personalize:manage scope (OAuth) or a role with access to the project.';
			case 404:
				return 'Not found: check the UID, and the Project UID and region in the credential.';
			case 429:
				return 'Personalize allows 10 requests per second per organization (reads and writes apart). Lower Max Requests per Second if other clients share the organization.';
			default:
				return undefined;
		}
	};
}

/**
 * One profile per credential type and refresh behaviour. A login (email and password) or an OAuth2
 * token can be renewed, so n8n must see their 401 to do so; a pasted token cannot, so its 401 is final.
 */
function profileFor(credentialType: string, renewable: boolean): ServiceProfile {
	const key = `${credentialType}:${renewable}`;
	let profile = profiles.get(key);
	if (!profile) {
		profile = {
			serviceName: SERVICE_NAME,
			credentialType,
			defaultRequestsPerSecond: DEFAULT_REQUESTS_PER_SECOND,
			credentialRefreshStatusCodes: renewable ? [401] : undefined,
			pacingKey: requestClass,
			statusHint: statusHint(credentialType, renewable),
			// Contentstack's `error` is a code such as personalize.EXPERIENCES.NOT_FOUND.
			// A short title in words; the code goes to the details.
			errorText: { errorIsCode: true, shortTitle: true, codeTitle: codeText },
			credentialStep: {
				prefix: CONTENTSTACK_LOGIN_ERROR_PREFIX,
				code: 'login_failed',
				missing: 'authtoken',
				explain: (credentials) =>
					`The credential logs in with its email and password at ${contentstackUrl(credentials, 'cma')}/v3/user-session.`,
			},
		};
		profiles.set(key, profile);
	}
	return profile;
}

export type Scope = 'project' | 'organization' | 'none';

/** `path` is below the API's base URL, e.g. `/experiences/<uid>/versions`. */
export interface PersonalizeRequest extends Omit<ResourceRequest, 'body'> {
	/** The public Edge API (no token) instead of the Management API. */
	edge?: boolean;
	/** Which scope header the call needs (Management API): x-project-uid, organization_uid or none. */
	scope?: Scope;
	body?: IDataObject | IDataObject[];
	headers?: IDataObject;
}

interface Account {
	credentialType: string;
	credentials: ICredentialDataDecryptedObject;
	managementUrl: string;
	edgeUrl: string;
	projectUid: string;
	organizationUid: string;
	renewable: boolean;
}

function isExecute(context: RequestContext): context is IExecuteFunctions {
	return 'getInputData' in context;
}

export function credentialTypeOf(context: RequestContext): string {
	const value = isExecute(context)
		? context.getNodeParameter('authentication', 0, 'accessToken')
		: (context as ILoadOptionsFunctions).getNodeParameter('authentication', 'accessToken');
	return CREDENTIAL_TYPES[String(value)] ?? API_CREDENTIAL;
}

async function account(context: RequestContext): Promise<Account> {
	const credentialType = credentialTypeOf(context);
	const credentials = await getCredentialData(context, credentialType);
	const oauth = credentials.oauthTokenData as IDataObject | undefined;
	return {
		credentialType,
		credentials,
		managementUrl: contentstackUrl(credentials, 'management'),
		edgeUrl: contentstackUrl(credentials, 'edge'),
		projectUid: String(credentials.projectUid ?? '').trim(),
		// OAuth tokens are issued for one organization, which the token answer names.
		organizationUid: String(credentials.organizationUid || oauth?.organization_uid || '').trim(),
		renewable:
			credentialType === DEVELOPER_HUB_CREDENTIAL || credentials.authMode === 'emailPassword',
	};
}

function missing(
	context: RequestContext,
	field: string,
	why: string,
	itemIndex?: number,
): NodeOperationError {
	return new NodeOperationError(
		context.getNode(),
		`The Contentstack Personalize credential has no ${field}`,
		{
			description: why,
			itemIndex,
		},
	);
}

/**
 * One request to the Management API (token from the credential, scope headers added here so both
 * credential types send them) or to the public Edge API (no token at all, x-project-uid only).
 * Paced per credential and request class, retried where safe (see nodes/common/transport.ts).
 */
export async function personalizeRequest<T = unknown>(
	context: RequestContext,
	request: PersonalizeRequest,
): Promise<ApiResponse<T>> {
	const current = await account(context);
	const edge = request.edge === true;
	const scope = edge ? 'project' : (request.scope ?? 'project');
	const headers: IDataObject = { ...(request.headers ?? {}) };
	if (scope === 'project') {
		if (!current.projectUid)
			throw missing(
				context,
				'Project UID',
				'Project-scoped calls and the Edge API send it as x-project-uid.',
				request.itemIndex,
			);
		headers['x-project-uid'] = current.projectUid;
	}
	if (scope === 'organization') {
		if (!current.organizationUid)
			throw missing(
				context,
				'Organization UID',
				'The Project resource (undocumented /projects endpoints) sends it as organization_uid. Add it to the credential.',
				request.itemIndex,
			);
		headers.organization_uid = current.organizationUid;
	}
	const oauth = current.credentials.oauthTokenData as IDataObject | undefined;
	if (!edge && current.credentialType === DEVELOPER_HUB_CREDENTIAL && !oauth?.access_token)
		throw new NodeOperationError(
			context.getNode(),
			'The Contentstack Personalize OAuth2 credential is not connected',
			{
				description:
					'Open the credential and click "Connect my account" to authorize the Developer Hub app.',
				itemIndex: request.itemIndex,
			},
		);
	const baseUrl = edge ? current.edgeUrl : current.managementUrl;
	if (!baseUrl)
		throw missing(
			context,
			edge ? 'Edge API URL' : 'Management API URL',
			'With custom hosts, every URL must be set in the credential.',
			request.itemIndex,
		);
	return await apiRequest<T>(
		context,
		profileFor(current.credentialType, current.renewable),
		{
			method: request.method,
			url: `${baseUrl}${request.path}`,
			qs: request.qs,
			body: request.body,
			headers,
			idempotent: request.idempotent,
			itemIndex: request.itemIndex,
			authenticate: !edge,
		},
		readRequestSettings(context, request.itemIndex ?? 0),
	);
}

/** "personalize.AUDIENCES.NOT_FOUND" → "Not found (audiences)": the title of an answer with no message. */
function codeText(code: string): string {
	const parts = code.split('.').slice(1);
	const last = (parts.pop() ?? code).toLowerCase().replace(/_/g, ' ');
	const area = parts.map((part) => part.toLowerCase().replace(/_/g, ' ')).join(', ');
	return `${last.charAt(0).toUpperCase()}${last.slice(1)}${area ? ` (${area})` : ''}`;
}

/** The body of a Management API answer. */
export async function managementRequest<T = IDataObject>(
	context: RequestContext,
	request: PersonalizeRequest,
): Promise<T> {
	const response = await personalizeRequest<T>(context, request);
	return response.body;
}

/** List endpoints answer a plain array; a wrapped list is unwrapped too, should the API ever wrap one. */
export function asList(body: unknown): IDataObject[] {
	if (Array.isArray(body)) return body as IDataObject[];
	if (body && typeof body === 'object') {
		const wrapped = Object.values(body as IDataObject).find(Array.isArray);
		if (wrapped) return wrapped as IDataObject[];
	}
	return [];
}

export async function listAt(
	context: RequestContext,
	path: string,
	itemIndex?: number,
	scope: Scope = 'project',
	qs?: IDataObject,
) {
	return asList(
		await managementRequest<unknown>(context, { method: 'GET', path, scope, qs, itemIndex }),
	);
}

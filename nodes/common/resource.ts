import type { IDataObject, IExecuteFunctions, IHttpRequestMethods } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import type { z } from 'zod';

import type { LocatorSpec } from './locator';
import type { RequestContext } from './transport';
import { invalidInput, validateInput } from './validation';
import { withoutUndefined } from './values';

/** One request as a service's thin request function takes it (path below the API's base URL). */
export interface ResourceRequest {
	method: IHttpRequestMethods;
	path: string;
	qs?: IDataObject;
	body?: IDataObject;
	idempotent?: boolean;
	itemIndex?: number;
}

/** What the get/create/update/delete helpers need to know about one service. */
export interface ServiceApi {
	serviceName: string;
	/** The service's request function; answers the parsed body. */
	request: <T = unknown>(context: RequestContext, request: ResourceRequest) => Promise<T>;
	/** API field → the field's name in the editor, for validation errors. */
	labels: Record<string, string>;
	/**
	 * For services whose single-object GET wraps the object (Ocamba answers a one-entry list
	 * envelope): the object, or undefined when the answer holds none.
	 */
	unwrapOne?: (body: unknown) => IDataObject | undefined;
	/**
	 * The error's words for an ID the whole list (`listAll`) does not hold, for services that word it
	 * their own way (Contentstack: "No attribute with UID … in this project").
	 */
	notFound?: (spec: ResourceSpec, id: string) => { message: string; description: string };
}

/**
 * One resource of a service: its collection path and how its objects are named, identified, read
 * and changed. Operation files pass it to the helpers below with what the item says.
 */
export interface ResourceSpec {
	api: ServiceApi;
	/** The node's Resource value, e.g. `profileList`. */
	resource: string;
	/** Singular and plural, for messages: "profile list", "profile lists". */
	noun: string;
	plural: string;
	/** The collection, e.g. `/profile-lists`; an object is at `<path>/<id>`. */
	path: string;
	locator?: LocatorSpec;
	/** The ID's key in outputs built by the node (delete, an update answered without a body). */
	idKey: string;
	/**
	 * How an update is sent: PATCH with only the changed fields, or PUT, which replaces the whole
	 * object; `resend` names the stored fields a PUT must send again when they are not changed
	 * (without it the item's fields are the whole new object).
	 */
	update: { method: 'PATCH' } | { method: 'PUT'; resend?: string[] };
	/**
	 * Where there is no GET by ID: reads the whole collection, in which the object is then looked
	 * up by `idKey` (404-like error when absent).
	 */
	listAll?: (context: IExecuteFunctions, itemIndex: number) => Promise<IDataObject[]>;
}

const objectPath = (spec: ResourceSpec, id: string) => `${spec.path}/${encodeURIComponent(id)}`;

function checked(
	context: IExecuteFunctions,
	spec: ResourceSpec,
	schema: z.ZodTypeAny,
	body: IDataObject,
	itemIndex: number,
): IDataObject {
	return validateInput(context.getNode(), schema, body, itemIndex, spec.api.labels) as IDataObject;
}

const isFilledObject = (value: unknown): value is IDataObject =>
	!!value && typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length > 0;

function notFound(context: IExecuteFunctions, spec: ResourceSpec, id: string, itemIndex: number) {
	const { message, description } = spec.api.notFound?.(spec, id) ?? {
		message: `${spec.api.serviceName} has no ${spec.noun} with ID ${id}`,
		description: `The ${spec.plural} were read and none has this ID. Check the ID and the credential's account or project.`,
	};
	return new NodeOperationError(context.getNode(), message, { itemIndex, description });
}

/** POST to the collection with a body checked by `schema`; outputs the created object. */
export async function createObject(
	context: IExecuteFunctions,
	itemIndex: number,
	spec: ResourceSpec,
	schema: z.ZodTypeAny,
	body: IDataObject,
): Promise<IDataObject> {
	const sent = checked(context, spec, schema, body, itemIndex);
	// A create is never repeated after an ambiguous failure: it could create the object twice.
	const answer = await spec.api.request<unknown>(context, {
		method: 'POST',
		path: spec.path,
		body: sent,
		itemIndex,
	});
	return isFilledObject(answer) ? answer : sent;
}

/** The stored object: GET `<path>/<id>`, or looked up in the whole list where no such GET exists. */
export async function getObject(
	context: IExecuteFunctions,
	itemIndex: number,
	spec: ResourceSpec,
	id: string,
	qs?: IDataObject,
): Promise<IDataObject> {
	if (spec.listAll) {
		const found = (await spec.listAll(context, itemIndex)).find(
			(entry) => String(entry[spec.idKey]) === id,
		);
		if (!found) throw notFound(context, spec, id, itemIndex);
		return found;
	}
	const answer = await spec.api.request<unknown>(context, {
		method: 'GET',
		path: objectPath(spec, id),
		qs,
		itemIndex,
	});
	const object = spec.api.unwrapOne ? spec.api.unwrapOne(answer) : (answer as IDataObject);
	if (!object) throw notFound(context, spec, id, itemIndex);
	return object;
}

/**
 * Changes an object. An update without fields is refused before anything is sent. PATCH sends only
 * the changes; PUT sends the whole object (the stored `resend` fields plus the changes). Outputs
 * the API's answer, or what was sent when it answers without a body.
 */
export async function updateObject(
	context: IExecuteFunctions,
	itemIndex: number,
	spec: ResourceSpec,
	id: string,
	schema: z.ZodTypeAny,
	fields: IDataObject,
	fieldsLabel = 'Update Fields',
): Promise<IDataObject> {
	const resend = spec.update.method === 'PUT' ? spec.update.resend : undefined;
	// A PUT that resends stored fields drops nulls: they stand for "not set" in the stored object.
	const changes = withoutUndefined(fields, { alsoNull: resend !== undefined });
	if (Object.keys(changes).length === 0)
		throw invalidInput(
			context.getNode(),
			fieldsLabel,
			itemIndex,
			'add at least one field to change; an empty update is not sent',
		);
	let body = changes;
	if (resend) {
		const stored = await getObject(context, itemIndex, spec, id);
		const kept = resend.filter((key) => key in stored && !(key in changes));
		body = withoutUndefined(
			{ ...Object.fromEntries(kept.map((key) => [key, stored[key]])), ...changes },
			{ alsoNull: true },
		);
	}
	const sent = checked(context, spec, schema, body, itemIndex);
	// Setting fields to given values: repeating it after a dropped answer changes nothing.
	const answer = await spec.api.request<unknown>(context, {
		method: spec.update.method,
		path: objectPath(spec, id),
		body: sent,
		idempotent: true,
		itemIndex,
	});
	return isFilledObject(answer) ? answer : { success: true, [spec.idKey]: id, ...sent };
}

/**
 * DELETE `<path>/<id>`; outputs `{ deleted: true, id }`, the shape n8n's guidelines give a delete.
 * `success: true` and the ID under the resource's own key (Contentstack's `uid`) stay too: they were
 * this output before, and shipped workflows read `$json.success` or `$json.uid`.
 */
export async function deleteObject(
	context: IExecuteFunctions,
	itemIndex: number,
	spec: ResourceSpec,
	id: string,
): Promise<IDataObject> {
	await spec.api.request(context, { method: 'DELETE', path: objectPath(spec, id), itemIndex });
	return { deleted: true, id, success: true, [spec.idKey]: id };
}

/**
 * POST to an action below an object (`/campaigns/{id}/pause`). `idempotent` says whether repeating
 * it after a dropped answer is harmless.
 */
export async function objectAction(
	context: IExecuteFunctions,
	itemIndex: number,
	spec: ResourceSpec,
	id: string,
	action: string,
	options: { body?: IDataObject; idempotent: boolean; method?: IHttpRequestMethods },
): Promise<unknown> {
	return await spec.api.request(context, {
		method: options.method ?? 'POST',
		path: `${objectPath(spec, id)}/${action}`,
		body: options.body,
		idempotent: options.idempotent,
		itemIndex,
	});
}

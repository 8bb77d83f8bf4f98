import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import type { z } from 'zod';

import { invalidInput, validateInput } from '../../../common/validation';
import { LABELS } from '../../schemas';
import type { Envelope } from '../../transport';
import { hoodRequest } from '../../transport';

/**
 * The request bodies every resource shares; they differ only by path and schema. Bodies are checked
 * against their schema before anything is sent, so bad input never reaches the API.
 */

/** POST to a collection: the API answers 201 with the created object. Never repeated when ambiguous. */
export async function createAt<Schema extends z.ZodTypeAny>(
	context: IExecuteFunctions,
	itemIndex: number,
	path: string,
	schema: Schema,
	body: IDataObject,
): Promise<IDataObject> {
	const checked = validateInput(context.getNode(), schema, body, itemIndex, LABELS) as IDataObject;
	return await hoodRequest<IDataObject>(context, {
		method: 'POST',
		path,
		body: checked,
		itemIndex,
	});
}

/**
 * PATCH only the fields given. An update without fields is refused before sending (the API would
 * answer 400). The API answers 204, so the output is what was changed.
 */
export async function updateAt<Schema extends z.ZodTypeAny>(
	context: IExecuteFunctions,
	itemIndex: number,
	path: string,
	id: string,
	schema: Schema,
	changes: IDataObject,
	fieldsLabel = 'Update Fields',
): Promise<IDataObject> {
	const node = context.getNode();
	if (Object.keys(changes).length === 0)
		throw invalidInput(
			node,
			fieldsLabel,
			itemIndex,
			'add at least one field to change; an empty update is not sent',
		);
	const checked = validateInput(node, schema, changes, itemIndex, LABELS) as IDataObject;
	// Setting fields to given values: repeating it after a dropped answer changes nothing.
	await hoodRequest(context, {
		method: 'PATCH',
		path: `${path}/${id}`,
		body: checked,
		idempotent: true,
		itemIndex,
	});
	return { success: true, id, ...checked };
}

export async function deleteAt(
	context: IExecuteFunctions,
	itemIndex: number,
	path: string,
	id: string,
) {
	await hoodRequest(context, { method: 'DELETE', path: `${path}/${id}`, itemIndex });
	return { success: true, id } as IDataObject;
}

/** Single-item GETs answer with the list envelope `{ total: 1, items: [...] }`; this unwraps it. */
export function unwrapOne(
	context: IExecuteFunctions,
	response: Envelope | IDataObject,
	what: string,
	id: string,
	itemIndex: number,
) {
	if (!Array.isArray((response as Envelope)?.items)) return response as IDataObject;
	const [first] = (response as Envelope).items as IDataObject[];
	if (!first)
		throw new NodeOperationError(context.getNode(), `Ocamba Hood has no ${what} with ID ${id}`, {
			itemIndex,
		});
	return first;
}

export async function getAt(
	context: IExecuteFunctions,
	itemIndex: number,
	path: string,
	id: string,
	what: string,
	qs?: IDataObject,
): Promise<IDataObject> {
	const response = await hoodRequest<Envelope>(context, {
		method: 'GET',
		path: `${path}/${id}`,
		qs,
		itemIndex,
	});
	return unwrapOne(context, response, what, id, itemIndex);
}

/** POST to an action below an object (`/campaigns/{id}/pause`); these answer 204. */
export async function actionAt(
	context: IExecuteFunctions,
	itemIndex: number,
	path: string,
	body: IDataObject | undefined,
	idempotent: boolean,
): Promise<void> {
	await hoodRequest(context, { method: 'POST', path, body, idempotent, itemIndex });
}

import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import type { z } from 'zod';

import type { Operation } from '../../../common/router';
import { invalidInput, validateInput } from '../../../common/validation';
import { LABELS } from '../../schemas';
import { listAt, managementRequest } from '../../transport';
import type { ListSpec } from './list';
import { listOperation, maybeSimplify, simplifyField } from './list';
import type { LocatedResource } from './locators';
import { locatorField, readLocator } from './locators';
import { withoutUndefined } from '../../../common/values';

/**
 * Attributes, events, audiences and experiences share one shape: POST to the collection, GET the
 * list, PUT (a full replace) and DELETE at `<path>/<uid>`. They differ by path, schema and fields.
 */
export interface CrudSpec {
	resource: string;
	path: string;
	noun: string;
	plural: string;
	locator: LocatedResource;
	/** The whole body, as a create sends it and as an update resends it. */
	schema: z.ZodTypeAny;
	/** Parameters of create and update, with their displayOptions. */
	fields: (operation: 'create' | 'update') => INodeProperties[];
	/** The body of a create from an item's parameters. */
	readCreate: (context: IExecuteFunctions, itemIndex: number) => IDataObject;
	/** Only the fields an update changes; empty when it changes nothing. */
	readUpdate: (context: IExecuteFunctions, itemIndex: number) => IDataObject;
	/** Fields of a stored object a PUT must send again (the API replaces the whole object). */
	editable: string[];
	/** GET `<path>/<uid>` exists (experiences only); otherwise the list is searched. */
	getOne?: boolean;
	/** Get Many's filters and Simplify. */
	list?: Pick<ListSpec, 'after' | 'filter' | 'simplify'>;
}

export interface CrudOperations {
	create: Operation;
	getAll: Operation;
	update: Operation;
	delete: Operation;
	get: Operation;
}

const definedOnly = (object: IDataObject) => withoutUndefined(object, { alsoNull: true });

/** The stored object: GET `<path>/<uid>` where it exists, else found in the list (404 if absent). */
async function fetchOne(
	context: IExecuteFunctions,
	spec: CrudSpec,
	uid: string,
	itemIndex: number,
): Promise<IDataObject> {
	if (spec.getOne)
		return await managementRequest<IDataObject>(context, {
			method: 'GET',
			path: `${spec.path}/${uid}`,
			itemIndex,
		});
	const found = (await listAt(context, spec.path, itemIndex)).find(
		(entry) => String(entry.uid) === uid,
	);
	if (!found)
		throw new NodeOperationError(
			context.getNode(),
			`No ${spec.noun} with UID ${uid} in this project`,
			{
				itemIndex,
				description: `The ${spec.plural} of the credential's project were listed and none has this UID. Check the UID and the Project UID.`,
			},
		);
	return found;
}

export function crudOperations(spec: CrudSpec): CrudOperations {
	const show = (operation: string) => ({ resource: [spec.resource], operation: [operation] });
	const uidOf = (context: IExecuteFunctions, itemIndex: number) =>
		readLocator(context, spec.locator, itemIndex);

	const create: Operation = {
		description: spec.fields('create'),
		async execute(this: IExecuteFunctions, itemIndex: number) {
			const body = validateInput(
				this.getNode(),
				spec.schema,
				spec.readCreate(this, itemIndex),
				itemIndex,
				LABELS,
			) as IDataObject;
			// A create is never repeated after an ambiguous failure: it could create the object twice.
			return await managementRequest<IDataObject>(this, {
				method: 'POST',
				path: spec.path,
				body,
				itemIndex,
			});
		},
	};

	const update: Operation = {
		description: [locatorField(spec.locator, show('update')), ...spec.fields('update')],
		async execute(this: IExecuteFunctions, itemIndex: number) {
			const uid = uidOf(this, itemIndex);
			const changes = definedOnly(spec.readUpdate(this, itemIndex));
			if (Object.keys(changes).length === 0)
				throw invalidInput(
					this.getNode(),
					'Update Fields',
					itemIndex,
					'add at least one field to change; an empty update is not sent',
				);
			// PUT replaces the whole object, so the fields not changed are sent as they are stored.
			const current = await fetchOne(this, spec, uid, itemIndex);
			const stored = Object.fromEntries(
				spec.editable.filter((key) => key in current).map((key) => [key, current[key]]),
			);
			const body = validateInput(
				this.getNode(),
				spec.schema,
				definedOnly({ ...stored, ...changes }),
				itemIndex,
				LABELS,
			) as IDataObject;
			const answer = await managementRequest<IDataObject>(this, {
				method: 'PUT',
				path: `${spec.path}/${uid}`,
				body,
				itemIndex,
			});
			return answer && typeof answer === 'object' && Object.keys(answer).length
				? answer
				: { uid, ...body };
		},
	};

	const del: Operation = {
		description: [locatorField(spec.locator, show('delete'))],
		async execute(this: IExecuteFunctions, itemIndex: number) {
			const uid = uidOf(this, itemIndex);
			await managementRequest(this, { method: 'DELETE', path: `${spec.path}/${uid}`, itemIndex });
			return { success: true, uid };
		},
	};

	const get: Operation = {
		description: [
			locatorField(spec.locator, show('get')),
			...(spec.list?.simplify ? [simplifyField(show('get'), spec.noun, spec.list.simplify)] : []),
		],
		async execute(this: IExecuteFunctions, itemIndex: number) {
			const found = await fetchOne(this, spec, uidOf(this, itemIndex), itemIndex);
			return maybeSimplify(this, itemIndex, spec.list?.simplify, [found])[0];
		},
	};

	const getAll = listOperation({
		resource: spec.resource,
		noun: spec.plural,
		path: spec.path,
		...spec.list,
	});

	return { create, getAll, update, delete: del, get };
}

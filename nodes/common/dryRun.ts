import type { IDataObject, IHttpRequestMethods } from 'n8n-workflow';

/** A request as a dry run shows it instead of sending it (path below the service's base URL). */
export interface PlannedRequest {
	method: IHttpRequestMethods;
	path: string;
	qs?: IDataObject;
	contentType?: string;
	/** The request's number among those of the run, in the order they would be sent. */
	batch: number;
	/** How many objects the request carries. */
	objects?: number;
}

/**
 * One object's output in a dry run: the planned `action`, the request it would go in (without the
 * body, which is the objects of that request) and what of the body is this object's (`extra`).
 */
export function dryRunItem(
	action: string,
	request: PlannedRequest | undefined,
	extra: IDataObject,
): IDataObject {
	return {
		dryRun: true,
		action,
		...(request ? { request: plannedRequestJson(request) } : {}),
		...extra,
	};
}

function plannedRequestJson(request: PlannedRequest): IDataObject {
	const json: IDataObject = { batch: request.batch, method: request.method, path: request.path };
	if (request.qs && Object.keys(request.qs).length) json.qs = request.qs;
	if (request.contentType) json.contentType = request.contentType;
	if (request.objects !== undefined) json.objects = request.objects;
	return json;
}

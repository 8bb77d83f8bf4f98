import type { IDataObject, IExecuteFunctions, IHttpRequestMethods } from 'n8n-workflow';

import { readDryRun } from '../../../common/descriptions';
import { dryRunItem } from '../../../common/dryRun';
import { runInBatches } from '../../../common/execution';
import { wholeNumber } from '../../../common/validation';
import type { ContentOperation } from '../../schemas';
import { contentRequest } from '../../transport';
import type { ContentInput } from './fields';
import { readContent } from './fields';

export const DEFAULT_BATCH_SIZE = 100;
export const MAX_BATCH_SIZE = 1000;

interface Route {
	method: IHttpRequestMethods;
	/** The `action` of the POST form, for proxies that block PUT, PATCH or a DELETE body. */
	action: string;
	idempotent: boolean;
}

/**
 * Retry safety. The shared transport always repeats a request answered 429 or 503 (not processed);
 * after another 5xx or a dropped connection it repeats only an idempotent one, because the first
 * attempt may already have been applied.
 * - replace (PUT): each item is set to exactly the object sent, so a repeat leaves the same state.
 * - delete (DELETE): an ID removed twice stays removed.
 * - update (PATCH): not repeated. The API says properties left out keep their values, but not whether
 *   a list given in a PATCH (tags, an attribute) replaces the stored list or is merged into it; if it
 *   is merged, a repeat could add the values twice. A failed update is reported instead.
 * - The POST form: `action` selects the same operation as the method it stands in for, and the
 *   semantics belong to the operation, not the verb. So ?action=replace and ?action=delete are
 *   repeated like PUT and DELETE, and ?action=edit is not, like PATCH.
 */
const ROUTES: Record<ContentOperation, Route> = {
	replace: { method: 'PUT', action: 'replace', idempotent: true },
	update: { method: 'PATCH', action: 'edit', idempotent: false },
	delete: { method: 'DELETE', action: 'delete', idempotent: true },
};

interface ContentOptions {
	batchSize?: number;
	usePostForm?: boolean;
}

/**
 * Sends the input items as collection requests of `batchSize` items. One output item per input
 * item, paired, with the trackingId of its batch; a batch that fails gives each of its items that
 * error (Continue On Fail) while the other batches still go.
 */
export async function sendContent(context: IExecuteFunctions, operation: ContentOperation) {
	const options = context.getNodeParameter('options', 0, {}) as ContentOptions;
	const batchSize = wholeNumber(
		context.getNode(),
		options.batchSize ?? DEFAULT_BATCH_SIZE,
		'Batch Size',
		0,
		{
			max: MAX_BATCH_SIZE,
		},
	);
	const input = context.getNodeParameter('contentInput', 0, 'fields') as ContentInput;
	const route = ROUTES[operation];
	const usePostForm = options.usePostForm === true;
	const dryRun = readDryRun(context);

	return await runInBatches(context, {
		batchSize,
		prepare: (itemIndex) => readContent(context, itemIndex, operation, input),
		send: async (contents, batch) => {
			const method = usePostForm ? 'POST' : route.method;
			const qs = usePostForm ? { action: route.action } : undefined;
			const body = (
				operation === 'delete' ? contents.map(({ id }) => ({ id })) : contents
			) as IDataObject[];
			if (dryRun)
				// Nothing is read or sent, not even a token request: the plan needs no stored state.
				return body.map((content) =>
					dryRunItem(
						operation,
						{
							method,
							path: 'contentupdate/v1/{apiKey}',
							qs,
							contentType: 'application/json',
							batch,
							objects: body.length,
						},
						{ id: content.id, content },
					),
				);
			const answer = await contentRequest(context, {
				method,
				qs,
				body,
				idempotent: route.idempotent,
			});
			const trackingId = typeof answer.trackingId === 'string' ? answer.trackingId : undefined;
			return contents.map(({ id }) => {
				const result: IDataObject = { success: true, id, trackingId: trackingId ?? null, batch };
				// A delete also says `deleted: true`, the shape n8n's guidelines give a delete; `success`
				// stays, as shipped workflows read it. Algonomy queues the change (see trackingId).
				if (operation === 'delete') result.deleted = true;
				// An answer without a trackingId is kept as it came, since its shape is then unknown.
				if (!trackingId && Object.keys(answer).length) result.response = answer;
				return result;
			});
		},
	});
}

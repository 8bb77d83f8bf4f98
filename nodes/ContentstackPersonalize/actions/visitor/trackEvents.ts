import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { dryRunField, readDryRun, showFor } from '../../../common/descriptions';
import { asNodeError } from '../../../common/errors';
import { runInBatches } from '../../../common/execution';
import { validateInput, wholeNumber } from '../../../common/validation';
import { LABELS, trackSchema } from '../../schemas';
import type { Payload } from './events';
import { readEvents, sendEvents } from './events';
import {
	DEFAULT_BATCH_SIZE,
	eventsField,
	eventsInputField,
	eventsJsonField,
	impressionsField,
	trackOptions,
	userUidField,
} from './fields';

export const description: INodeProperties[] = [
	userUidField(['trackEvents'], true, 'The visitor the impressions and events belong to'),
	eventsInputField,
	impressionsField,
	eventsField,
	eventsJsonField,
	trackOptions,
	dryRunField(showFor('visitor', 'trackEvents')),
];

/**
 * POST /events (Edge API) takes a list of impressions and events of one visitor, so the items of
 * a run are grouped per visitor into few requests. Every input item still yields one output item,
 * paired: its result, its own validation error, or the error of the request that carried it.
 */
export async function executeAll(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	// One value for the run (read from the first item), checked before anything is sent: 0, a
	// negative or a fractional size would otherwise be quietly replaced.
	const options = this.getNodeParameter('options', 0, {}) as IDataObject;
	const given = options.batchSize;
	let batchSize: number;
	try {
		batchSize =
			given === undefined
				? DEFAULT_BATCH_SIZE
				: wholeNumber(this.getNode(), given, 'Batch Size', 0);
	} catch (error) {
		if (!this.continueOnFail()) throw asNodeError(this.getNode(), error);
		// Nothing can be sent; each item still gets its own error item.
		const message = (error as Error).message;
		return this.getInputData().map((_, itemIndex) => ({
			json: { error: message },
			pairedItem: { item: itemIndex },
		}));
	}
	return await runInBatches<Payload>(this, {
		batchSize: Number.MAX_SAFE_INTEGER, // grouping happens in send(), per visitor
		prepare: (itemIndex) => {
			const checked = validateInput(
				this.getNode(),
				trackSchema,
				{
					userUid: this.getNodeParameter('userUid', itemIndex, ''),
					events: readEvents(this, itemIndex),
				},
				itemIndex,
				LABELS,
			);
			return { itemIndex, userUid: checked.userUid, events: checked.events as IDataObject[] };
		},
		send: async (payloads) => await sendEvents(this, payloads, batchSize, readDryRun(this)),
	});
}

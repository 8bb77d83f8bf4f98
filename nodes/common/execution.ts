import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { chunk } from './batching';
import { asNodeError } from './errors';
import { readRequestSettings } from './transport';
import { wholeNumber } from './validation';

/** What an operation returns for one input item: one object, several, or nothing. */
export type ItemResult = IDataObject | IDataObject[] | undefined;

function toItems(result: ItemResult, itemIndex: number): INodeExecutionData[] {
	const objects =
		result === undefined ? [{ success: true }] : Array.isArray(result) ? result : [result];
	return objects.map((json) => ({ json, pairedItem: { item: itemIndex } }));
}

function errorItem(error: Error, itemIndex: number): INodeExecutionData {
	const description = (error as { description?: string }).description;
	return {
		json: { error: error.message, ...(description ? { description } : {}) },
		pairedItem: { item: itemIndex },
	};
}

/**
 * Runs an operation once per input item. With "Continue On Fail" a failing item yields exactly one
 * error item, paired with its input, and the run goes on.
 */
export async function runPerItem(
	context: IExecuteFunctions,
	operation: (itemIndex: number) => Promise<ItemResult>,
): Promise<INodeExecutionData[]> {
	const output: INodeExecutionData[] = [];
	const itemCount = context.getInputData().length;
	for (let itemIndex = 0; itemIndex < itemCount; itemIndex++) {
		try {
			output.push(...toItems(await operation(itemIndex), itemIndex));
		} catch (error) {
			if (!context.continueOnFail()) throw asNodeError(context.getNode(), error, itemIndex);
			output.push(errorItem(error as Error, itemIndex));
		}
	}
	return output;
}

export interface BatchOperation<Payload> {
	/** Reads and validates one item; throws (naming the item) when it is unusable. */
	prepare: (itemIndex: number) => Payload;
	batchSize: number;
	/** Sends one batch; returns one result per payload, in order. */
	send: (payloads: Payload[], batchNumber: number) => Promise<IDataObject[]>;
}

/** The most batches Request Options › Max Requests in Flight lets a bulk operation have on their way. */
export const MAX_IN_FLIGHT = 10;

/** Request Options › Max Requests in Flight, checked; 1 when not set. */
function readMaxInFlight(context: IExecuteFunctions): number {
	const { maxInFlight } = readRequestSettings(context, 0);
	if (maxInFlight === undefined) return 1;
	return wholeNumber(
		context.getNode(),
		maxInFlight,
		'Request Options › Max Requests in Flight',
		0,
		{
			min: 1,
			max: MAX_IN_FLIGHT,
		},
	);
}

/**
 * Sends many input items as a few collection requests. Every input item still yields exactly one
 * output item, in input order: its result, its own validation error, or the error of its batch.
 *
 * With Request Options › Max Requests in Flight above 1, that many batches are sent at once (still
 * paced, and started in order). Without Continue On Fail the first failing batch stops the run: no
 * further batch starts, those on their way are awaited, and the error of the earliest failed batch
 * is thrown.
 */
export async function runInBatches<Payload>(
	context: IExecuteFunctions,
	{ prepare, batchSize, send }: BatchOperation<Payload>,
): Promise<INodeExecutionData[]> {
	const maxInFlight = readMaxInFlight(context);
	const itemCount = context.getInputData().length;
	const results: Array<INodeExecutionData | undefined> = new Array(itemCount);
	const valid: Array<{ itemIndex: number; payload: Payload }> = [];
	for (let itemIndex = 0; itemIndex < itemCount; itemIndex++) {
		try {
			valid.push({ itemIndex, payload: prepare(itemIndex) });
		} catch (error) {
			if (!context.continueOnFail()) throw asNodeError(context.getNode(), error, itemIndex);
			results[itemIndex] = errorItem(error as Error, itemIndex);
		}
	}
	const batches = chunk(valid, batchSize);
	let next = 0;
	// Failed batches without Continue On Fail: the first one stops the senders.
	const failures: Array<{ batchIndex: number; error: unknown }> = [];
	const sendBatches = async () => {
		while (next < batches.length && failures.length === 0) {
			const batchIndex = next++;
			const batch = batches[batchIndex];
			try {
				const sent = await send(
					batch.map(({ payload }) => payload),
					batchIndex + 1,
				);
				batch.forEach(({ itemIndex }, position) => {
					results[itemIndex] = {
						json: sent[position] ?? { success: true },
						pairedItem: { item: itemIndex },
					};
				});
			} catch (error) {
				if (!context.continueOnFail()) {
					failures.push({ batchIndex, error });
					return;
				}
				for (const { itemIndex } of batch)
					results[itemIndex] = errorItem(error as Error, itemIndex);
			}
		}
	};
	await Promise.all(
		Array.from({ length: Math.min(maxInFlight, batches.length) }, async () => await sendBatches()),
	);
	const [failure] = failures.sort((a, b) => a.batchIndex - b.batchIndex);
	if (failure !== undefined)
		throw asNodeError(context.getNode(), failure.error, batches[failure.batchIndex][0].itemIndex);
	return results as INodeExecutionData[];
}

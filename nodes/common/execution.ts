import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { chunk } from './batching';
import { asNodeError } from './errors';

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

/**
 * Sends many input items as a few collection requests. Every input item still yields exactly one
 * output item, in input order: its result, its own validation error, or the error of its batch.
 */
export async function runInBatches<Payload>(
	context: IExecuteFunctions,
	{ prepare, batchSize, send }: BatchOperation<Payload>,
): Promise<INodeExecutionData[]> {
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
	let batchNumber = 0;
	for (const batch of chunk(valid, batchSize)) {
		batchNumber++;
		try {
			const sent = await send(
				batch.map(({ payload }) => payload),
				batchNumber,
			);
			batch.forEach(({ itemIndex }, position) => {
				results[itemIndex] = {
					json: sent[position] ?? { success: true },
					pairedItem: { item: itemIndex },
				};
			});
		} catch (error) {
			if (!context.continueOnFail())
				throw asNodeError(context.getNode(), error, batch[0].itemIndex);
			for (const { itemIndex } of batch) results[itemIndex] = errorItem(error as Error, itemIndex);
		}
	}
	return results as INodeExecutionData[];
}

import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { asNodeError } from '../../../common/errors';
import { invalidInput, parseJsonParameter } from '../../../common/validation';
import { personalizeRequest } from '../../transport';

export interface Payload {
	itemIndex: number;
	userUid: string;
	events: IDataObject[];
}

/** The item's impressions and events as the Edge API lists them, from fields or JSON. */
export function readEvents(context: IExecuteFunctions, itemIndex: number): unknown {
	if (context.getNodeParameter('eventsInput', itemIndex, 'fields') === 'json') {
		const events = parseJsonParameter(
			context.getNode(),
			context.getNodeParameter('eventsJson', itemIndex, ''),
			'Events (JSON)',
			itemIndex,
		);
		if (events !== undefined && !Array.isArray(events))
			throw invalidInput(context.getNode(), 'Events (JSON)', itemIndex, 'must be a JSON list');
		return events ?? [];
	}
	const impressions =
		(context.getNodeParameter('impressions.impression', itemIndex, []) as IDataObject[]) ?? [];
	const events = (context.getNodeParameter('events.event', itemIndex, []) as IDataObject[]) ?? [];
	return [
		...impressions.map((entry) => ({
			type: 'IMPRESSION',
			experienceShortUid: String(entry.experienceShortUid ?? ''),
			variantShortUid: String(entry.variantShortUid ?? ''),
		})),
		...events.map((entry) => ({ type: 'EVENT', eventKey: String(entry.eventKey ?? '') })),
	];
}

/** Consecutive requests: one visitor each, up to `batchSize` events, never splitting an item. */
function plan(payloads: Payload[], batchSize: number): number[][] {
	const byUser = new Map<string, number[]>();
	payloads.forEach((payload, position) =>
		byUser.set(payload.userUid, [...(byUser.get(payload.userUid) ?? []), position]),
	);
	const requests: number[][] = [];
	for (const positions of byUser.values()) {
		let current: number[] = [];
		let size = 0;
		for (const position of positions) {
			const count = payloads[position].events.length;
			if (current.length && size + count > batchSize) {
				requests.push(current);
				current = [];
				size = 0;
			}
			current.push(position);
			size += count;
		}
		if (current.length) requests.push(current);
	}
	return requests;
}

/**
 * POST /events once per planned request; every payload gets its result, or the error of the
 * request that carried it. A dry run sends nothing: the first item of each planned request holds
 * that request as it would be sent, every item its request's number.
 */
export async function sendEvents(
	context: IExecuteFunctions,
	payloads: Payload[],
	batchSize: number,
	dryRun = false,
): Promise<IDataObject[]> {
	const results: IDataObject[] = new Array(payloads.length);
	let requestNumber = 0;
	for (const positions of plan(payloads, batchSize)) {
		requestNumber++;
		const { userUid } = payloads[positions[0]];
		const events = positions.flatMap((position) => payloads[position].events);
		if (dryRun) {
			positions.forEach((position, index) => {
				results[position] = {
					dryRun: true,
					action: 'send',
					userUid,
					tracked: payloads[position].events.length,
					request: requestNumber,
					requestEvents: events.length,
					...(index === 0
						? {
								plannedRequest: {
									method: 'POST',
									path: '/events',
									headers: { 'x-cs-personalize-user-uid': userUid },
									body: events,
								},
							}
						: {}),
				};
			});
			continue;
		}
		try {
			await personalizeRequest(context, {
				method: 'POST',
				path: '/events',
				edge: true,
				headers: { 'x-cs-personalize-user-uid': userUid },
				body: events,
				itemIndex: payloads[positions[0]].itemIndex,
			});
		} catch (error) {
			if (!context.continueOnFail()) throw asNodeError(context.getNode(), error);
			const { message, description: detail } = error as {
				message: string;
				description?: string;
			};
			for (const position of positions)
				results[position] = { error: message, ...(detail ? { description: detail } : {}) };
			continue;
		}
		for (const position of positions)
			results[position] = {
				success: true,
				userUid,
				tracked: payloads[position].events.length,
				request: requestNumber,
				requestEvents: events.length,
			};
	}
	return results;
}

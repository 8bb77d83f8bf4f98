import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { dryRunField, readDryRun } from '../../../common/descriptions';
import { dryRunItem } from '../../../common/dryRun';
import { runInBatches } from '../../../common/execution';
import { invalidInput, wholeNumber } from '../../../common/validation';
import { CONFLICT_STRATEGIES } from '../../schemas';
import type { Customization } from '../../schemas';
import { fetchCustomizations, luigisBoxRequest } from '../../transport';
import { readCustomization, slotKey } from './fields';

const show = { resource: ['customization'], operation: ['createMany'] };
/** The bulk endpoint takes at most this many customizations per request. */
export const MAX_BULK_LINES = 5000;

export const description: INodeProperties[] = [
	{
		displayName: 'If a Customization Already Exists',
		name: 'conflictStrategy',
		type: 'options',
		displayOptions: { show },
		options: [
			{
				name: 'Fail the Batch',
				value: 'raise',
				description: 'The API rejects the whole request (409) and creates nothing from it',
			},
			{ name: 'Skip It', value: 'ignore', description: 'Existing customizations stay as they are' },
			{
				name: 'Replace It',
				value: 'override',
				description: 'Existing customizations are overwritten',
			},
		],
		default: 'raise',
		description:
			'What the API does when a customization for the same model and target already exists',
	},
	{
		displayName: 'Batch Size',
		name: 'batchSize',
		type: 'number',
		displayOptions: { show },
		typeOptions: { minValue: 1, maxValue: MAX_BULK_LINES },
		default: MAX_BULK_LINES,
		description: `Input items sent per request (the API accepts up to ${MAX_BULK_LINES})`,
	},
	dryRunField(show),
];

/**
 * One JSON document per line, each line ended by a newline, the last one too: NDJSON's rule, and what
 * the docs' `curl --data-binary @pins.ndjson` sends from a file.
 */
export function toNdjson(customizations: unknown[]): string {
	return customizations.map((customization) => `${JSON.stringify(customization)}\n`).join('');
}

export async function executeAll(this: IExecuteFunctions) {
	const strategy = this.getNodeParameter('conflictStrategy', 0, 'raise') as string;
	const batchSize = wholeNumber(
		this.getNode(),
		this.getNodeParameter('batchSize', 0, MAX_BULK_LINES),
		'Batch Size',
		0,
		{
			max: MAX_BULK_LINES,
		},
	);
	if (!(CONFLICT_STRATEGIES as readonly string[]).includes(strategy))
		throw invalidInput(
			this.getNode(),
			'If a Customization Already Exists',
			0,
			`must be one of: ${CONFLICT_STRATEGIES.join(', ')}`,
		);

	const dryRun = readDryRun(this);
	// Dry run: the stored slots of the models met so far, and the slots earlier lines would fill.
	const slots = new Map<string, string | undefined>();
	const loadedModels = new Set<string>();
	const planBatch = async (customizations: Customization[], batch: number) => {
		const models = [...new Set(customizations.map(({ model }) => model))].filter(
			(model) => !loadedModels.has(model),
		);
		if (models.length) {
			const stored = await fetchCustomizations(
				this,
				{ qs: { model: models } },
				{ returnAll: true, limit: Number.POSITIVE_INFINITY },
			);
			for (const customization of stored) {
				const key = slotKey(customization);
				if (!slots.has(key)) slots.set(key, customization.id as string);
			}
			models.forEach((model) => loadedModels.add(model));
		}
		const request = {
			method: 'POST' as const,
			path: 'scopes/_bulk',
			qs: { conflict_strategy: strategy },
			contentType: 'application/x-ndjson',
			batch,
			objects: customizations.length,
		};
		const planned = customizations.map((customization) => {
			const key = slotKey(customization as unknown as IDataObject);
			const taken = slots.has(key);
			const existingId = slots.get(key);
			if (!taken) slots.set(key, undefined);
			// What the bulk endpoint does with a line whose slot is taken, per conflict strategy.
			const action = !taken
				? 'created'
				: strategy === 'override'
					? 'updated'
					: strategy === 'ignore'
						? 'skipped'
						: 'conflict';
			return { action, existingId, customization };
		});
		// With "raise" one conflict makes the API refuse the whole request (409).
		const refused = planned.some(({ action }) => action === 'conflict');
		return planned.map(({ action, existingId, customization }) =>
			dryRunItem(action, request, {
				conflictStrategy: strategy,
				...(existingId ? { existingId } : {}),
				...(refused ? { batchWouldFail: true } : {}),
				customization,
			}),
		);
	};
	return await runInBatches(this, {
		batchSize,
		prepare: (itemIndex) => readCustomization(this, itemIndex),
		send: async (customizations, batch) => {
			if (dryRun) return await planBatch(customizations, batch);
			await luigisBoxRequest(this, {
				method: 'POST',
				path: 'scopes/_bulk',
				qs: { conflict_strategy: strategy },
				body: toNdjson(customizations),
				contentType: 'application/x-ndjson',
				// With "raise" a repeat after an ambiguous failure would fail on its own first attempt.
				idempotent: strategy !== 'raise',
			});
			return customizations.map(
				(customization) =>
					({ success: true, batch, conflictStrategy: strategy, customization }) as IDataObject,
			);
		},
	});
}

import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { runInBatches } from '../../../common/execution';
import {
	invalidInput,
	parseJsonParameter,
	validateInput,
	wholeNumber,
} from '../../../common/validation';
import type { BulkProfile } from '../../schemas';
import { bulkProfileSchema } from '../../schemas';
import { hoodRequest } from '../../transport';
import { checkPropertyKey, customPropertyKey, PATH, profileIdField } from './fields';
import { fieldsOrJsonSelector, optionsCollection } from '../../../common/descriptions';
import type { WaitSettings } from './importReport';
import { importIdOf, SUCCESS_CODE, waitForImportReport } from './importReport';

const show = { resource: ['profile'], operation: ['updateCustomProperties'] };
/** Ocamba states no maximum of profiles per import request; the node does not send more than this. */
export const MAX_BATCH = 1000;
export const DEFAULT_BATCH = 100;
export const MAX_CHECKS = 60;
export const DEFAULT_CHECKS = 10;
export const DEFAULT_CHECK_INTERVAL_MS = 5000;
const MIN_CHECK_INTERVAL_MS = 100;
const MAX_CHECK_INTERVAL_MS = 300_000;

export const description: INodeProperties[] = [
	profileIdField(
		['updateCustomProperties'],
		'The existing profile to update, usually an expression such as {{ $json.id }}. The bulk call cannot create profiles.',
	),
	fieldsOrJsonSelector('Define Custom Properties', 'customPropertiesInput', show),
	{
		displayName: 'Custom Properties',
		name: 'customProperties',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		displayOptions: { show: { ...show, customPropertiesInput: ['fields'] } },
		default: {},
		placeholder: 'Add Property',
		options: [
			{
				displayName: 'Property',
				name: 'property',
				values: [
					customPropertyKey,
					{
						displayName: 'Type',
						name: 'type',
						type: 'options',
						options: [
							{ name: 'Date', value: 'date' },
							{ name: 'Number', value: 'number' },
							{ name: 'String', value: 'string' },
						],
						default: 'string',
						description:
							"Ocamba's docs show only String; Number and Date follow the property data types",
					},
					{ displayName: 'Value', name: 'value', type: 'string', default: '' },
				],
			},
		],
	},
	{
		displayName: 'Custom Properties (JSON)',
		name: 'customPropertiesJson',
		type: 'json',
		displayOptions: { show: { ...show, customPropertiesInput: ['json'] } },
		default: '{\n  "loyalty_tier": "gold"\n}',
		description:
			'Property label → value. A value may also be given in the API form {"type": "string", "value": "gold"}; plain values are sent as strings, numbers as numbers.',
	},
	{
		displayName: 'Batch Size',
		name: 'batchSize',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: MAX_BATCH },
		displayOptions: { show },
		default: DEFAULT_BATCH,
		description: `Input items sent per request to /profiles/import. Ocamba states no maximum; the node allows up to ${MAX_BATCH}.`,
	},
	optionsCollection(
		show,
		[
			{
				displayName: 'Max Report Checks',
				name: 'maxChecks',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: MAX_CHECKS },
				default: DEFAULT_CHECKS,
				description:
					'With Wait for the Result: how often the import report is read before the node stops waiting; profiles not reported by then are output as "not reported"',
			},
			{
				displayName: 'Wait Between Checks (Ms)',
				name: 'checkInterval',
				type: 'number',
				typeOptions: { minValue: MIN_CHECK_INTERVAL_MS, maxValue: MAX_CHECK_INTERVAL_MS },
				default: DEFAULT_CHECK_INTERVAL_MS,
				description:
					'With Wait for the Result: how long to wait before each read of the import report',
			},
			{
				displayName: 'Wait for the Result',
				name: 'waitForResult',
				type: 'boolean',
				default: false,
				description:
					'Whether to read the import report (/reports/profiles/import/{ID}/full) until every profile of a request has its result code. Ocamba answers 202: the update is queued, not yet applied. Each output item then says whether its values were applied (code SUCCESS). Unconfirmed: Ocamba shows no body for this 202; the node reads the import ID from it and says so in the output when there is none.',
			},
		],
		'importOptions',
	),
];

type PropertyValue = { type: string; value: unknown };

function asEntry(value: unknown, type?: string): PropertyValue | unknown {
	if (value && typeof value === 'object' && !Array.isArray(value)) return value; // already {type, value}
	if (type)
		return {
			type,
			value:
				type === 'number' && value !== '' && !Number.isNaN(Number(value)) ? Number(value) : value,
		};
	return {
		type: typeof value === 'number' ? 'number' : 'string',
		value: typeof value === 'number' ? value : value === null ? null : String(value),
	};
}

function readProfile(context: IExecuteFunctions, itemIndex: number): BulkProfile {
	const node = context.getNode();
	const properties: IDataObject = {};
	if (context.getNodeParameter('customPropertiesInput', itemIndex, 'fields') === 'json') {
		const json = parseJsonParameter(
			node,
			context.getNodeParameter('customPropertiesJson', itemIndex, '{}'),
			'Custom Properties (JSON)',
			itemIndex,
		);
		if (!json || typeof json !== 'object' || Array.isArray(json))
			throw invalidInput(
				node,
				'Custom Properties (JSON)',
				itemIndex,
				'must be a JSON object of property label → value',
			);
		for (const [key, value] of Object.entries(json))
			properties[key] = asEntry(value) as IDataObject;
	} else {
		const pairs =
			(context.getNodeParameter('customProperties.property', itemIndex, []) as IDataObject[]) ?? [];
		pairs.forEach((pair, position) => {
			const key = String(pair.key ?? '').trim();
			if (!key)
				throw invalidInput(
					node,
					`Custom Properties › Property ${position + 1} › Property`,
					itemIndex,
					'is required',
				);
			checkPropertyKey(
				context,
				itemIndex,
				key,
				pair.value,
				`Custom Properties › Property ${position + 1}`,
			);
			properties[key] = asEntry(pair.value, String(pair.type ?? 'string')) as IDataObject;
		});
	}
	const profile = {
		id: context.getNodeParameter('profileId', itemIndex, ''),
		custom_properties: properties,
	};
	return validateInput(node, bulkProfileSchema, profile, itemIndex, {
		id: 'Profile ID',
		custom_properties: 'Custom Properties',
		type: 'Type',
		value: 'Value',
	});
}

function readWait(context: IExecuteFunctions): WaitSettings | undefined {
	const options = context.getNodeParameter('importOptions', 0, {}) as IDataObject;
	if (options.waitForResult !== true) return undefined;
	const node = context.getNode();
	return {
		checks: wholeNumber(node, options.maxChecks ?? DEFAULT_CHECKS, 'Max Report Checks', 0, {
			max: MAX_CHECKS,
		}),
		intervalMs: wholeNumber(
			node,
			options.checkInterval ?? DEFAULT_CHECK_INTERVAL_MS,
			'Wait Between Checks (Ms)',
			0,
			{
				min: MIN_CHECK_INTERVAL_MS,
				max: MAX_CHECK_INTERVAL_MS,
			},
		),
	};
}

/** What each profile of a request learned from the import report. */
async function reportResults(
	context: IExecuteFunctions,
	importId: string | undefined,
	profiles: BulkProfile[],
	wait: WaitSettings,
): Promise<IDataObject[]> {
	if (importId === undefined)
		return profiles.map(() => ({
			import_status: 'no import ID',
			applied: null,
			note: 'Ocamba Hood answered 202 without an import ID, so its report cannot be read; the update is queued.',
		}));
	try {
		const { rows, checks } = await waitForImportReport(
			context,
			importId,
			profiles.map((profile) => profile.id),
			wait,
		);
		return profiles.map((profile) => {
			const row = rows.get(profile.id);
			if (!row)
				return {
					import_status: 'not reported',
					applied: null,
					note: `The import report had no row for this profile after ${checks} checks; it may still be queued.`,
				};
			return {
				import_status: 'reported',
				applied: row.code === SUCCESS_CODE,
				code: row.code,
				report: row,
			};
		});
	} catch (error) {
		// The update was accepted; only reading its report failed, so the items say so instead of failing.
		const message = (error as Error).message;
		return profiles.map(() => ({
			import_status: 'report failed',
			applied: null,
			report_error: message,
		}));
	}
}

export async function executeAll(this: IExecuteFunctions) {
	const batchSize = wholeNumber(
		this.getNode(),
		this.getNodeParameter('batchSize', 0, DEFAULT_BATCH),
		'Batch Size',
		0,
		{
			max: MAX_BATCH,
		},
	);
	const wait = readWait(this);
	return await runInBatches(this, {
		batchSize,
		prepare: (itemIndex) => readProfile(this, itemIndex),
		send: async (profiles, batch) => {
			// 202 Accepted: Ocamba queues the update. Setting values is idempotent, so a dropped answer
			// is safely repeated.
			const answer = await hoodRequest<IDataObject | string | undefined>(this, {
				method: 'POST',
				path: `${PATH}/import`,
				body: { profiles: profiles as unknown as IDataObject[] },
				idempotent: true,
			});
			const importId = importIdOf(answer);
			const sent = profiles.map(
				(profile) =>
					({
						success: true,
						queued: true,
						batch,
						id: profile.id,
						custom_properties: profile.custom_properties,
						import_id: importId ?? null,
					}) as IDataObject,
			);
			if (!wait) return sent;
			const results = await reportResults(this, importId, profiles, wait);
			return sent.map((item, position) => ({ ...item, ...results[position] }));
		},
	});
}

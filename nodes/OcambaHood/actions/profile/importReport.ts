import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';
import { z } from 'zod';

import type { PageLimits } from '../../../common/pagination';
import { validateInput, wholeNumber } from '../../../common/validation';
import { fetchPages } from '../../api';

/** The report of one `/profiles/import` request: one row per profile, with its result code. */
export const REPORT_PATH = (importId: string) => `/reports/profiles/import/${importId}/full`;
/** The one result code Ocamba documents; anything else means the value was not applied. */
export const SUCCESS_CODE = 'SUCCESS';
/** The report's largest page is not documented; the report answers a plain list, a short page ends it. */
export const REPORT_PAGE_SIZE = 500;

/**
 * Import IDs as Ocamba's import records show them (a UUID such as 70823f7d-b3ed-…) or numeric;
 * nothing that could change the request path.
 */
export const importIdSchema = z
	.string({ required_error: 'is required', invalid_type_error: 'must be text' })
	.trim()
	.min(1, 'is required')
	.regex(
		/^[A-Za-z0-9-]{1,64}$/,
		'must be an import ID: letters, digits and "-", such as 70823f7d-b3ed-4eda-9720-09eaec0a7deb',
	);

export function readImportId(
	context: IExecuteFunctions,
	value: unknown,
	itemIndex: number,
): string {
	return validateInput(
		context.getNode(),
		z.object({ id: importIdSchema }),
		{ id: value },
		itemIndex,
		{ id: 'Import ID' },
	).id;
}

/**
 * The import ID in a 202 answer of `/profiles/import`. The docs show no body for it; the file import
 * (`/profiles/imports`) answers `{ id, status, … }`, so `id` is read (and `import_id`, to be tolerant).
 */
export function importIdOf(answer: unknown): string | undefined {
	if (!answer || typeof answer !== 'object' || Array.isArray(answer)) return undefined;
	const id = (answer as IDataObject).id ?? (answer as IDataObject).import_id;
	return typeof id === 'string' || typeof id === 'number' ? String(id) : undefined;
}

/** Every row of an import report up to the limits, `page=N,M` as on Ocamba's other lists. */
export async function fetchImportReport(
	context: IExecuteFunctions,
	importId: string,
	limits: PageLimits,
	itemIndex?: number,
): Promise<IDataObject[]> {
	return await fetchPages(context, REPORT_PATH(importId), {}, limits, itemIndex);
}

/** The latest row per profile ID. */
export function latestByProfile(rows: IDataObject[]): Map<string, IDataObject> {
	const latest = new Map<string, IDataObject>();
	for (const row of rows) {
		const id = String(row.profile_id ?? '');
		const known = latest.get(id);
		if (!known || String(row.update_time ?? '') >= String(known.update_time ?? ''))
			latest.set(id, row);
	}
	return latest;
}

export const MAX_CHECKS = 60;
export const DEFAULT_CHECKS = 10;
export const DEFAULT_CHECK_INTERVAL_MS = 5000;
const MIN_CHECK_INTERVAL_MS = 100;
const MAX_CHECK_INTERVAL_MS = 300_000;

/** The Options of Update Custom Properties that wait for its report. */
export const waitOptions: INodeProperties[] = [
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
		description: 'With Wait for the Result: how long to wait before each read of the import report',
	},
	{
		displayName: 'Wait for the Result',
		name: 'waitForResult',
		type: 'boolean',
		default: false,
		description:
			'Whether to read the import report until every profile of a request has its result code. Ocamba queues the update rather than applying it at once. Each output item then says whether its values were applied (code SUCCESS). Unconfirmed: Ocamba documents no answer body for the import; the node reads the import ID from the answer and says so in the output when there is none.',
	},
];

export interface WaitSettings {
	checks: number;
	intervalMs: number;
}

/**
 * Reads the report of one import until every given profile has a row or the checks run out, waiting
 * `intervalMs` before each check (the import is queued; its first report is never immediate).
 */
export async function waitForImportReport(
	context: IExecuteFunctions,
	importId: string,
	profileIds: string[],
	{ checks, intervalMs }: WaitSettings,
): Promise<{ rows: Map<string, IDataObject>; checks: number }> {
	let rows = new Map<string, IDataObject>();
	for (let check = 1; check <= checks; check++) {
		await sleep(intervalMs);
		rows = latestByProfile(
			await fetchImportReport(context, importId, {
				returnAll: true,
				limit: 0,
				pageSize: REPORT_PAGE_SIZE,
			}),
		);
		if (profileIds.every((id) => rows.has(id))) return { rows, checks: check };
	}
	return { rows, checks };
}

/** The wait options, read once per run (from the first item, as the batches are). */
export function readWait(context: IExecuteFunctions): WaitSettings | undefined {
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
export async function reportResults(
	context: IExecuteFunctions,
	importId: string | undefined,
	profiles: Array<{ id: string }>,
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

import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';
import { z } from 'zod';

import type { PageLimits } from '../../../common/pagination';
import { validateInput } from '../../../common/validation';
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

import { z } from 'zod';

/** Reusable zod pieces for API fields that several services share. */

const CALENDAR_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
/** A date, optionally followed by a time and a zone, as n8n's date picker and `$now` produce them. */
const DATE_WITH_OPTIONAL_TIME =
	/^(\d{4}-\d{2}-\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?)?$/;

/** Whether a text is yyyy-mm-dd and names a real day (2025-02-30 is not one). */
export function isCalendarDate(value: string): boolean {
	const match = CALENDAR_DATE.exec(value);
	if (!match) return false;
	const [year, month, day] = match.slice(1).map(Number);
	const date = new Date(Date.UTC(year, month - 1, day));
	return (
		date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
	);
}

/**
 * A calendar date as yyyy-mm-dd. APIs that take plain dates compare them as text, so nothing else
 * (no time, no zone) is accepted; use `toCalendarDate` first for values from a date picker.
 */
export function calendarDateSchema(example = '2025-06-01') {
	const message = `must be a date as yyyy-mm-dd, such as ${example}`;
	return z.string({ invalid_type_error: message }).refine(isCalendarDate, message);
}

/**
 * n8n's date picker yields `2025-06-01T00:00:00` (wall-clock time, no zone) and `$now` an ISO
 * date-time with an offset. For an API that wants only the day, keep the date as written: the
 * wall-clock day, or the day in the value's own offset. Other values pass unchanged, so that the
 * schema reports them.
 */
export function toCalendarDate(value: unknown): unknown {
	if (typeof value !== 'string') return value;
	const match = DATE_WITH_OPTIONAL_TIME.exec(value.trim());
	return match ? match[1] : value;
}

/**
 * Refinement for an object with a start and an end date (yyyy-mm-dd): the end must not be before
 * the start. Reported on the end field, so the error names it.
 */
export function endNotBeforeStart(startKey: string, endKey: string, startLabel: string) {
	return (value: Record<string, unknown>, context: z.RefinementCtx) => {
		const start = value[startKey];
		const end = value[endKey];
		if (typeof start !== 'string' || typeof end !== 'string') return;
		if (!isCalendarDate(start) || !isCalendarDate(end)) return;
		if (end < start)
			context.addIssue({
				code: z.ZodIssueCode.custom,
				path: [endKey],
				message: `must not be before ${startLabel} (${start})`,
			});
	};
}

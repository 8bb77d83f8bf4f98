import type { INode } from 'n8n-workflow';

import { toUtcIso } from '../../../common/dates';
import { invalidInput } from '../../../common/validation';
import { HOOD_TIME } from '../../schemas';

/**
 * Ocamba writes and reads times as "YYYY-MM-DD HH:MM:SS" in GMT. Values from n8n's date picker are
 * wall-clock times in the workflow's time zone; values with an offset keep it; a value already in
 * Ocamba's format is taken as GMT.
 */
export function toHoodTime(
	node: INode,
	value: unknown,
	timeZone: string,
	field: string,
	itemIndex: number,
): string {
	const text = String(value ?? '').trim();
	if (HOOD_TIME.test(text)) return text;
	const instant = Date.parse(toUtcIso(text, timeZone));
	if (text === '' || Number.isNaN(instant))
		throw invalidInput(
			node,
			field,
			itemIndex,
			'must be a date-time, such as 2025-06-01T08:00:00 or 2025-06-01 08:00:00',
		);
	return new Date(instant).toISOString().slice(0, 19).replace('T', ' ');
}

/** Offset of a time zone from UTC at one instant, in milliseconds (DST-aware, via Intl). */
function timeZoneOffset(instant: number, timeZone: string): number {
	const parts = new Intl.DateTimeFormat('en-US', {
		timeZone,
		hourCycle: 'h23',
		year: 'numeric',
		month: '2-digit',
		day: '2-digit',
		hour: '2-digit',
		minute: '2-digit',
		second: '2-digit',
	}).formatToParts(new Date(instant));
	const part = (type: string) => Number(parts.find((entry) => entry.type === type)?.value);
	const wallClockAsUtc = Date.UTC(
		part('year'),
		part('month') - 1,
		part('day'),
		part('hour'),
		part('minute'),
		part('second'),
	);
	return wallClockAsUtc - Math.floor(instant / 1000) * 1000;
}

const LOCAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?$/;
const HAS_TIME_ZONE = /(Z|[+-]\d{2}:?\d{2})$/;

/**
 * n8n's date picker yields wall-clock times without an offset, meant in the workflow's time zone.
 * Turns them into UTC ISO strings; values with a zone, or that are not date-times, pass unchanged.
 */
export function toUtcIso(value: string, timeZone: string): string {
	const match = LOCAL_DATE_TIME.exec(value);
	if (HAS_TIME_ZONE.test(value) || !match) return value;
	const [, year, month, day, hour, minute, second] = match.map(Number);
	const wallClock = Date.UTC(year, month - 1, day, hour, minute, second || 0);
	let instant = wallClock - timeZoneOffset(wallClock, timeZone);
	// Near a DST change the offset at the true instant can differ from the first guess.
	instant = wallClock - timeZoneOffset(instant, timeZone);
	return new Date(instant).toISOString().replace('.000Z', 'Z');
}

import type { IDataObject } from 'n8n-workflow';

/** The object without its undefined entries (and without null ones when `alsoNull`). */
export function withoutUndefined(object: IDataObject, { alsoNull = false } = {}): IDataObject {
	return Object.fromEntries(
		Object.entries(object).filter(
			([, value]) => value !== undefined && !(alsoNull && value === null),
		),
	);
}

/** A value as trimmed text; undefined when there is nothing (undefined, null or only spaces). */
export function trimmedOrUndefined(value: unknown): string | undefined {
	const text = String(value ?? '').trim();
	return text === '' ? undefined : text;
}

/** The key under which `headers` holds `name` (HTTP header names are case-insensitive). */
export function findHeaderKey(headers: object | undefined, name: string): string | undefined {
	const wanted = name.toLowerCase();
	return Object.keys(headers ?? {}).find((key) => key.toLowerCase() === wanted);
}

/** A header's value as text (the first one when it was sent several times). */
export function readHeader(headers: object | undefined, name: string): string | undefined {
	const key = findHeaderKey(headers, name);
	const value = key === undefined ? undefined : (headers as Record<string, unknown>)[key];
	if (Array.isArray(value)) return value.length ? String(value[0]) : undefined;
	return value === undefined ? undefined : String(value);
}

import type { INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import type { z } from 'zod';

/** API field names → the names users see in the node, so errors point at the right parameter. */
export type FieldLabels = Record<string, string>;

/**
 * One entry of a repeated group (a fixedCollection with multiple values, a list) as errors name it:
 * "Pin entry 2", counting from 1 as the editor lists them. The word "entry" keeps it apart from the
 * input item, which errors give at the end as n8n's own nodes do: "[item 0]", counting from 0.
 */
export function entryLabel(group: string, position: number): string {
	return `${group} entry ${position + 1}`;
}

/**
 * An input error's message, in n8n's convention: the problem first, the item (0-based, as n8n's
 * error details show it) at the end, e.g. `Invalid "Pin entry 2 › Position": must be a whole
 * number [item 0]`.
 */
export function invalidInputMessage(field: string, itemIndex: number, problem: string): string {
	return `Invalid "${field}": ${problem} [item ${itemIndex}]`;
}

function formatPath(path: Array<string | number>, labels: FieldLabels): string {
	const parts: string[] = [];
	for (const segment of path) {
		if (typeof segment === 'number') {
			const group = parts.pop();
			parts.push(group === undefined ? `Entry ${segment + 1}` : entryLabel(group, segment));
		} else {
			parts.push(labels[segment] ?? segment);
		}
	}
	return parts.join(' › ') || 'Input';
}

export function invalidInput(
	node: INode,
	field: string,
	itemIndex: number,
	problem: string,
	description?: string,
): NodeOperationError {
	return new NodeOperationError(node, invalidInputMessage(field, itemIndex, problem), {
		itemIndex,
		description,
	});
}

/**
 * Checks a value against its schema before anything is sent. The error names the parameter (as
 * the user sees it) and the input item; every further problem is listed in the description.
 */
export function validateInput<Schema extends z.ZodTypeAny>(
	node: INode,
	schema: Schema,
	value: unknown,
	itemIndex: number,
	labels: FieldLabels = {},
): z.infer<Schema> {
	const result = schema.safeParse(value);
	if (result.success) return result.data;
	const problems = result.error.issues.map(
		(issue) => `"${formatPath(issue.path, labels)}": ${issue.message}`,
	);
	const [first] = result.error.issues;
	throw invalidInput(
		node,
		formatPath(first.path, labels),
		itemIndex,
		first.message,
		problems.length > 1 ? `All problems: ${problems.join('; ')}` : undefined,
	);
}

/** Keys that would reach an object's prototype when the value is copied into a request body. */
const UNSAFE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Refuses `__proto__`, `constructor` and `prototype` keys anywhere in a value read from the user
 * (JSON text, an expression's object or an input item): copying such a key into a request body
 * would change what is sent without the user seeing it. Returns the value unchanged.
 */
export function refuseUnsafeKeys<T>(node: INode, value: T, field: string, itemIndex: number): T {
	const seen = new Set<unknown>();
	const walk = (entry: unknown, path: string) => {
		if (entry === null || typeof entry !== 'object' || seen.has(entry)) return;
		seen.add(entry);
		if (Array.isArray(entry)) {
			entry.forEach((element, index) => walk(element, `${path}[${index}]`));
			return;
		}
		for (const key of Object.keys(entry)) {
			const at = path ? `${path}.${key}` : key;
			if (UNSAFE_KEYS.has(key))
				throw invalidInput(
					node,
					field,
					itemIndex,
					`the key "${key}" (at ${at}) is not allowed`,
					'Keys named __proto__, constructor or prototype could change what is sent; rename or remove it.',
				);
			walk((entry as Record<string, unknown>)[key], at);
		}
	};
	walk(value, '');
	return value;
}

/** Accepts a JSON parameter as an object (from an expression) or as JSON text. */
export function parseJsonParameter(
	node: INode,
	value: unknown,
	field: string,
	itemIndex: number,
): unknown {
	if (typeof value !== 'string') return refuseUnsafeKeys(node, value, field, itemIndex);
	if (value.trim() === '') return undefined;
	let parsed: unknown;
	try {
		parsed = JSON.parse(value);
	} catch (error) {
		throw invalidInput(node, field, itemIndex, `not valid JSON (${(error as Error).message})`);
	}
	return refuseUnsafeKeys(node, parsed, field, itemIndex);
}

/**
 * A value that goes into an HTTP header. CR, LF and other control characters would split or
 * corrupt the header; they are refused rather than stripped, so nothing altered is sent.
 */
export function headerValue(node: INode, value: unknown, field: string, itemIndex: number): string {
	const text = String(value ?? '');
	const controlCharacter = [...text].some((character) => {
		const code = character.charCodeAt(0);
		return (code < 32 && code !== 9) || code === 127;
	});
	if (controlCharacter)
		throw invalidInput(
			node,
			field,
			itemIndex,
			'contains a line break or another control character, which an HTTP header cannot carry',
		);
	return text;
}

/** A whole number within bounds (a limit, a batch size), checked before anything is sent. */
export function wholeNumber(
	node: INode,
	value: unknown,
	field: string,
	itemIndex: number,
	{ min = 1, max = Number.MAX_SAFE_INTEGER }: { min?: number; max?: number } = {},
): number {
	const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	if (typeof number !== 'number' || !Number.isInteger(number) || number < min || number > max) {
		const range = max === Number.MAX_SAFE_INTEGER ? `at least ${min}` : `from ${min} to ${max}`;
		throw invalidInput(
			node,
			field,
			itemIndex,
			`must be a whole number ${range} (got ${JSON.stringify(value)})`,
		);
	}
	return number;
}

/** "a, b ,c" or ["a","b"] → ["a","b","c"]; empty entries dropped. */
export function toList(value: unknown): string[] {
	const values = Array.isArray(value) ? value : String(value ?? '').split(',');
	return values.map((entry) => String(entry).trim()).filter((entry) => entry !== '');
}

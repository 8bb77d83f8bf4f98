import type { INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import type { z } from 'zod';

/** API field names → the names users see in the node, so errors point at the right parameter. */
export type FieldLabels = Record<string, string>;

function formatPath(path: Array<string | number>, labels: FieldLabels): string {
	const parts: string[] = [];
	for (const segment of path) {
		if (typeof segment === 'number') {
			const previous = parts.pop() ?? 'Entry';
			parts.push(`${previous} ${segment + 1}`);
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
	return new NodeOperationError(node, `Invalid "${field}" in item ${itemIndex}: ${problem}`, {
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

/** Accepts a JSON parameter as an object (from an expression) or as JSON text. */
export function parseJsonParameter(
	node: INode,
	value: unknown,
	field: string,
	itemIndex: number,
): unknown {
	if (typeof value !== 'string') return value;
	if (value.trim() === '') return undefined;
	try {
		return JSON.parse(value);
	} catch (error) {
		throw invalidInput(node, field, itemIndex, `not valid JSON (${(error as Error).message})`);
	}
}

/** "a, b ,c" or ["a","b"] → ["a","b","c"]; empty entries dropped. */
export function toList(value: unknown): string[] {
	const values = Array.isArray(value) ? value : String(value ?? '').split(',');
	return values.map((entry) => String(entry).trim()).filter((entry) => entry !== '');
}

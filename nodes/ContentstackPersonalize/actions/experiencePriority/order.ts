import type { IDataObject } from 'n8n-workflow';

/**
 * The field that carries the order: priorityOrder is the best evidence, one script used
 * experiences, and the GET answer's shape is not documented; all are read.
 */
export function readPriorityOrder(answer: unknown): string[] {
	const list = Array.isArray(answer)
		? answer
		: ((answer as IDataObject)?.priorityOrder ?? (answer as IDataObject)?.experiences ?? []);
	return (Array.isArray(list) ? list : []).map((entry) =>
		entry && typeof entry === 'object' ? String((entry as IDataObject).uid ?? '') : String(entry),
	);
}

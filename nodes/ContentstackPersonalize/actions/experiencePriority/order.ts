import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { listAt, managementRequest } from '../../transport';

/**
 * The UIDs of GET /experiences-priority, highest priority first. Its answer's shape is not
 * documented: priorityOrder (mirroring the PUT body) is the best evidence, one script used
 * experiences, and a plain list or entries with a uid are read too.
 */
export function readPriorityOrder(answer: unknown): string[] {
	const list = Array.isArray(answer)
		? answer
		: ((answer as IDataObject)?.priorityOrder ?? (answer as IDataObject)?.experiences ?? []);
	return (Array.isArray(list) ? list : []).map((entry) =>
		entry && typeof entry === 'object' ? String((entry as IDataObject).uid ?? '') : String(entry),
	);
}

/** The project's experiences (GET /experiences answers highest priority first). */
export async function allExperiences(context: IExecuteFunctions, itemIndex: number) {
	return await listAt(context, '/experiences', itemIndex);
}

/** The current priority list, then any experience it does not name yet (in the list's order). */
export async function currentOrder(context: IExecuteFunctions, itemIndex: number) {
	const answer = await managementRequest<unknown>(context, {
		method: 'GET',
		path: '/experiences-priority',
		itemIndex,
	});
	const priority = readPriorityOrder(answer).filter((uid) => uid !== '');
	const known = new Set(priority.map((uid) => uid.toLowerCase()));
	const rest = (await allExperiences(context, itemIndex))
		.map((entry) => String(entry.uid))
		.filter((uid) => !known.has(uid.toLowerCase()));
	return [...priority, ...rest];
}

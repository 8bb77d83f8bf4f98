import type { RequestContext } from '../../common/transport';
import { luigisBoxRequest } from '../transport';

export interface Summary {
	scope_counts?: Record<string, number>;
	user_tags?: string[];
}

/** The summary lists every model that has customizations and every tag in use. */
export async function fetchSummary(context: RequestContext): Promise<Summary> {
	return await luigisBoxRequest<Summary>(context, { method: 'GET', path: 'summary' });
}

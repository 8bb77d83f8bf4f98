import { listOperation } from '../../../common/list';
import { wholeList } from '../shared/api';

/** GET /audiences: every audience of the project, Lytics ones included. */
export const { description, execute } = listOperation({
	resource: 'audience',
	noun: 'audience',
	plural: 'audiences',
	simplify: ['uid', 'name', 'description', 'slug', 'source', 'updatedAt'],
	fetch: wholeList('/audiences'),
});

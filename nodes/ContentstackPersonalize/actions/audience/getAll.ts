import { listOperation } from '../../../common/list';
import { wholeList } from '../shared/api';
import { SIMPLIFIED } from './resource';

/** GET /audiences: every audience of the project, Lytics ones included. */
export const { description, execute } = listOperation({
	resource: 'audience',
	noun: 'audience',
	plural: 'audiences',
	simplify: SIMPLIFIED,
	fetch: wholeList('/audiences'),
});

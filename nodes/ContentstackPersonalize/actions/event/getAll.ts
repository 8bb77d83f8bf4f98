import { listOperation } from '../../../common/list';
import { wholeList } from '../shared/api';

/** GET /events: every event of the project. */
export const { description, execute } = listOperation({
	resource: 'event',
	noun: 'event',
	plural: 'events',
	fetch: wholeList('/events'),
});

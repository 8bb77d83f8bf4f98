import { listOperation } from '../../../common/list';
import { pagesAt } from '../../api';
import { hoodQuery } from '../shared/query';
import { PATH } from './fields';

// Sortable and searchable fields as the API reference lists them; it lists no filterable ones, so
// filter fields are offered from the campaign's own fields, any other one by expression. Without a page size the API would serve only the 10 newest; the
// query always sends one.
export const { description, execute } = listOperation({
	resource: 'campaign',
	noun: 'campaign',
	plural: 'campaigns',
	query: hoodQuery({
		plural: 'campaigns',
		fieldsMethod: 'getCampaignFilterFields',
		searchFields: ['name', 'description'],
		sortFields: ['name', 'status', 'next_run_time', 'run_counter', 'create_time', 'update_time'],
	}),
	fetch: pagesAt(PATH),
});

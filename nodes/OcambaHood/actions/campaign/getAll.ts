import { listOperation } from '../shared/list';
import { PATH } from './fields';

// Ocamba documents no searchable, sortable or filterable campaign fields, so they are typed in.
// Without a page size the API would serve only the 10 newest; the builder always sends one.
export const { description, execute } = listOperation({ resource: 'campaign', noun: 'campaigns' }, PATH);

import { listOperation } from '../../../common/list';
import { pagesAt } from '../../api';
import { hoodQuery } from '../shared/query';
import { PATH } from './fields';

// Inferred path: Ocamba's profile pages say "list the profiles to find it" but document no list,
// so its search and sort fields are typed in; filter fields are offered from the profile's own
// fields and the profile property list.
export const { description, execute } = listOperation({
	resource: 'profile',
	noun: 'profile',
	plural: 'profiles',
	query: hoodQuery({ plural: 'profiles', fieldsMethod: 'getProfileFilterFields' }),
	fetch: pagesAt(PATH),
});
